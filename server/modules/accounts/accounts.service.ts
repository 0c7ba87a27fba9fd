import type { AccountRow, AccountsRepository } from '../../../db/accounts.repository.ts';
import type { Role } from '../../../db/schema.ts';
import type { UnitOfWork } from '../../../db/unit-of-work.ts';
import { AppError, notFound } from '../../errors.ts';
import { TOKEN_PREFIX } from '../auth/auth.service.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import type { Actor } from '../auth/viewer.ts';

export const ROLES: readonly Role[] = ['admin', 'editor', 'viewer'];
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

/** Administration of accounts and their API tokens; every change is audited in its own transaction. */
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly work: UnitOfWork,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list() {
    return this.accounts.list();
  }

  async hasAny(): Promise<boolean> {
    return (await this.accounts.count()) > 0;
  }

  async add(name: string, role: Role, password: string, actor: Actor) {
    if (!NAME.test(name)) {
      throw new AppError(
        'account.invalid_name',
        'A name is 1 to 64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit.',
      );
    }
    checkRole(role);
    checkPassword(password);
    if (await this.accounts.findByName(name)) throw new AppError('account.exists', `There is already an account named "${name}".`, 409);
    const hash = await hashPassword(password);
    const exists = () => new AppError('account.exists', `There is already an account named "${name}".`, 409);
    return this.work
      .run(async ({ accounts, audit }) => {
        const account = await accounts.create(name, role, hash);
        await audit.append({
          ...by(actor),
          action: 'account.create',
          subjectType: 'account',
          subjectId: account.id,
          after: { name, role },
        });
        return account;
      })
      .catch(rethrowUnique(exists));
  }

  async setRole(name: string, role: Role, actor: Actor) {
    checkRole(role);
    const account = await this.require(name);
    await this.work.run(async ({ accounts, audit }) => {
      if (role !== 'admin') await keepAnAdmin(accounts, account, actor);
      await accounts.update(account.id, { role }, this.now());
      await audit.append({
        ...by(actor),
        action: 'account.set_role',
        subjectType: 'account',
        subjectId: account.id,
        before: { role: account.role },
        after: { role },
      });
    });
  }

  /** Disabling ends the account's sessions at once; its tokens stop working while it stays disabled. */
  async setDisabled(name: string, disabled: boolean, actor: Actor) {
    const account = await this.require(name);
    await this.work.run(async ({ accounts, audit }) => {
      if (disabled) await keepAnAdmin(accounts, account, actor);
      await accounts.update(account.id, { disabled_at: disabled ? this.now() : null }, this.now());
      if (disabled) await accounts.deleteSessionsOf(account.id);
      await audit.append({
        ...by(actor),
        action: disabled ? 'account.disable' : 'account.enable',
        subjectType: 'account',
        subjectId: account.id,
        before: { disabled: account.disabled_at !== null },
        after: { disabled },
      });
    });
  }

  /** A new password signs the account out everywhere. The audit records that it changed, never the password. */
  async resetPassword(name: string, password: string, actor: Actor) {
    checkPassword(password);
    const account = await this.require(name);
    const hash = await hashPassword(password);
    await this.work.run(async ({ accounts, audit }) => {
      await accounts.update(account.id, { password_hash: hash }, this.now());
      await accounts.deleteSessionsOf(account.id);
      await audit.append({ ...by(actor), action: 'account.reset_password', subjectType: 'account', subjectId: account.id });
    });
  }

  /** Returns the token itself, which is shown once and stored only as a hash. */
  async createToken(accountName: string, tokenName: string, actor: Actor) {
    const account = await this.require(accountName);
    const token = newSecret(TOKEN_PREFIX);
    const id = await this.work.run(async ({ accounts, audit }) => {
      const tokenId = await accounts.createToken(account.id, tokenName, hashSecret(token));
      await audit.append({
        ...by(actor),
        action: 'token.create',
        subjectType: 'api_token',
        subjectId: tokenId,
        after: { account: account.name, name: tokenName },
      });
      return tokenId;
    });
    return { id, token, account: account.name, name: tokenName };
  }

  async listTokens(accountName?: string) {
    const account = accountName === undefined ? undefined : await this.require(accountName);
    return this.accounts.listTokens(account?.id);
  }

  async revokeToken(id: number, actor: Actor) {
    await this.work.run(async ({ accounts, audit }) => {
      if (!(await accounts.revokeToken(id, this.now()))) throw notFound('token.not_found', `There is no active token with id ${id}.`);
      await audit.append({ ...by(actor), action: 'token.revoke', subjectType: 'api_token', subjectId: id });
    });
  }

  private async require(name: string) {
    const account = await this.accounts.findByName(name);
    if (!account) throw notFound('account.not_found', `There is no account named "${name}".`);
    return account;
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

/**
 * Nobody locks the archive's administration out: an admin does not take away their own rights, and
 * the last active admin stays one (at the command line too: add another admin first).
 */
async function keepAnAdmin(accounts: AccountsRepository, account: AccountRow, actor: Actor): Promise<void> {
  if (account.role !== 'admin' || account.disabled_at !== null) return;
  if (actor.id === account.id) {
    throw new AppError('account.self_lockout', 'You cannot take away your own admin rights; ask another admin to do it.', 409);
  }
  if ((await accounts.countActiveAdmins()) <= 1) {
    throw new AppError('account.last_admin', `${account.name} is the last active admin; make another account an admin first.`, 409);
  }
}

export const by = (actor: Actor) => ({ actorId: actor.id, actor: actor.name });

/** Two admins creating the same name at once: the second hits the unique index, which is a 409, not a 500. */
export function rethrowUnique(toError: () => AppError) {
  return (error: unknown): never => {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw toError();
    throw error;
  };
}

function checkRole(role: string): asserts role is Role {
  if (!ROLES.includes(role as Role))
    throw new AppError('account.invalid_role', `The role must be one of ${ROLES.join(', ')}, not "${role}".`);
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('account.weak_password', problem);
}
