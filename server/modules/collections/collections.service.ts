import type { AccountsRepository } from '../../../db/accounts.repository.ts';
import type { CollectionsRepository } from '../../../db/collections.repository.ts';
import type { MemberRole, Visibility } from '../../../db/schema.ts';
import type { UnitOfWork } from '../../../db/unit-of-work.ts';
import { AppError, notFound } from '../../errors.ts';
import { by, rethrowUnique } from '../accounts/accounts.service.ts';
import type { Actor } from '../auth/viewer.ts';

export const VISIBILITIES: readonly Visibility[] = ['public', 'internal', 'restricted'];
const MEMBER_ROLES: readonly MemberRole[] = ['editor', 'viewer'];

/** Administration of collections: who may read them, and who may change what the archive says in the restricted ones. */
export class CollectionsService {
  constructor(
    private readonly collections: CollectionsRepository,
    private readonly accounts: AccountsRepository,
    private readonly work: UnitOfWork,
  ) {}

  async list() {
    return this.collections.list();
  }

  async members(name: string) {
    return this.collections.members((await this.require(name)).id);
  }

  async add(name: string, visibility: Visibility, actor: Actor) {
    checkVisibility(visibility);
    if (!name.trim() || name.length > 200) throw new AppError('collection.invalid_name', 'A collection name is 1 to 200 characters.');
    const exists = () => new AppError('collection.exists', `There is already a collection named "${name}".`, 409);
    if (await this.collections.findByName(name)) throw exists();
    return this.work
      .run(async ({ collections, audit }) => {
        const id = await collections.create(name, visibility);
        const after = { name, visibility };
        await audit.append({ ...by(actor), action: 'collection.create', subjectType: 'collection', subjectId: id, after });
        return id;
      })
      .catch(rethrowUnique(exists));
  }

  async setVisibility(name: string, visibility: Visibility, actor: Actor) {
    checkVisibility(visibility);
    const collection = await this.require(name);
    await this.work.run(async ({ collections, audit }) => {
      await collections.setVisibility(collection.id, visibility);
      await audit.append({
        ...by(actor),
        action: 'collection.set_visibility',
        subjectType: 'collection',
        subjectId: collection.id,
        before: { visibility: collection.visibility },
        after: { visibility },
      });
    });
  }

  async grant(name: string, accountName: string, role: MemberRole, actor: Actor) {
    if (!MEMBER_ROLES.includes(role))
      throw new AppError('collection.invalid_role', `The role in a collection is editor or viewer, not "${role}".`);
    const collection = await this.require(name);
    const account = await this.requireAccount(accountName);
    await this.work.run(async ({ collections, audit }) => {
      const before = await collections.membership(collection.id, account.id);
      await collections.grant(collection.id, account.id, role);
      await audit.append({
        ...by(actor),
        action: 'collection.grant',
        subjectType: 'collection',
        subjectId: collection.id,
        before: before ? { account: account.name, role: before } : null,
        after: { account: account.name, role },
      });
    });
  }

  async revoke(name: string, accountName: string, actor: Actor) {
    const collection = await this.require(name);
    const account = await this.requireAccount(accountName);
    await this.work.run(async ({ collections, audit }) => {
      const before = await collections.membership(collection.id, account.id);
      if (!before || !(await collections.revoke(collection.id, account.id))) {
        throw notFound('collection.not_member', `${account.name} is not a member of "${collection.name}".`);
      }
      await audit.append({
        ...by(actor),
        action: 'collection.revoke',
        subjectType: 'collection',
        subjectId: collection.id,
        before: { account: account.name, role: before },
        after: null,
      });
    });
  }

  private async require(name: string) {
    const collection = await this.collections.findByName(name);
    if (!collection) throw notFound('collection.not_found', `There is no collection named "${name}".`);
    return collection;
  }

  private async requireAccount(name: string) {
    const account = await this.accounts.findByName(name);
    if (!account) throw notFound('account.not_found', `There is no account named "${name}".`);
    return account;
  }
}

function checkVisibility(visibility: string): asserts visibility is Visibility {
  if (!VISIBILITIES.includes(visibility as Visibility)) {
    throw new AppError('collection.invalid_visibility', `Visibility must be one of ${VISIBILITIES.join(', ')}, not "${visibility}".`);
  }
}
