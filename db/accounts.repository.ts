import { UnchangedReads } from './change-stamp.ts';
import type { Db } from './client.ts';
import type { Role } from './schema.ts';

export interface AccountRow {
  id: number;
  name: string;
  role: Role;
  disabled_at: string | null;
  created_at: string;
}

const ACCOUNT_COLUMNS = ['account.id', 'account.name', 'account.role', 'account.disabled_at', 'account.created_at'] as const;

/** Accounts, their sessions and their API tokens. Sessions and tokens are looked up by hash only. */
export class AccountsRepository {
  // Every API request looks up its token or session: while nothing has been written, the row is the one read last time.
  private readonly recent?: UnchangedReads<object>;

  /** `stamp` (changeStamp of the writer's connection) keeps lookups by hash between writes; inside a transaction, none. */
  constructor(
    private readonly writer: Db,
    stamp?: () => string,
  ) {
    if (stamp) this.recent = new UnchangedReads(stamp);
  }

  private cached<R extends object>(key: string, read: () => Promise<R | undefined>): Promise<R | undefined> {
    return this.recent ? (this.recent.get(key, read) as Promise<R | undefined>) : read();
  }

  async create(name: string, role: Role, passwordHash: string): Promise<AccountRow> {
    return this.writer
      .insertInto('account')
      .values({ name, role, password_hash: passwordHash })
      .returning(['id', 'name', 'role', 'disabled_at', 'created_at'])
      .executeTakeFirstOrThrow();
  }

  async findByName(name: string) {
    return this.writer
      .selectFrom('account')
      .select([...ACCOUNT_COLUMNS, 'account.password_hash'])
      .where('name', '=', name)
      .executeTakeFirst();
  }

  async list(): Promise<AccountRow[]> {
    return this.writer.selectFrom('account').select(ACCOUNT_COLUMNS).orderBy('name').execute();
  }

  async count(): Promise<number> {
    const row = await this.writer
      .selectFrom('account')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countActiveAdmins(): Promise<number> {
    const row = await this.writer
      .selectFrom('account')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async update(id: number, changes: { role?: Role; password_hash?: string; disabled_at?: string | null }, now: string): Promise<void> {
    await this.writer
      .updateTable('account')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async createSession(session: { idHash: string; accountId: number; csrfToken: string; now: string; expiresAt: string }): Promise<void> {
    await this.writer
      .insertInto('session')
      .values({
        id_hash: session.idHash,
        account_id: session.accountId,
        csrf_token: session.csrfToken,
        created_at: session.now,
        last_seen_at: session.now,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  /** The session with its account, whatever its state: the caller decides about expiry and disabled accounts. */
  async findSession(idHash: string) {
    return this.cached(`session ${idHash}`, () =>
      this.writer
        .selectFrom('session')
        .innerJoin('account', 'account.id', 'session.account_id')
        .select([...ACCOUNT_COLUMNS, 'session.csrf_token', 'session.last_seen_at', 'session.expires_at'])
        .where('session.id_hash', '=', idHash)
        .executeTakeFirst(),
    );
  }

  async touchSession(idHash: string, now: string): Promise<void> {
    await this.writer.updateTable('session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.writer.deleteFrom('session').where('id_hash', '=', idHash).execute();
  }

  async deleteSessionsOf(accountId: number): Promise<void> {
    await this.writer.deleteFrom('session').where('account_id', '=', accountId).execute();
  }

  async deleteExpiredSessions(now: string, idleBefore: string): Promise<void> {
    await this.writer
      .deleteFrom('session')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
      .execute();
  }

  async createToken(accountId: number, name: string, tokenHash: string): Promise<number> {
    const row = await this.writer
      .insertInto('api_token')
      .values({ account_id: accountId, name, token_hash: tokenHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async findToken(tokenHash: string) {
    return this.cached(`token ${tokenHash}`, () =>
      this.writer
        .selectFrom('api_token')
        .innerJoin('account', 'account.id', 'api_token.account_id')
        .select([...ACCOUNT_COLUMNS, 'api_token.id as token_id', 'api_token.revoked_at', 'api_token.last_used_at'])
        .where('api_token.token_hash', '=', tokenHash)
        .executeTakeFirst(),
    );
  }

  async touchToken(id: number, now: string): Promise<void> {
    await this.writer.updateTable('api_token').set({ last_used_at: now }).where('id', '=', id).execute();
  }

  async listTokens(accountId?: number) {
    let query = this.writer
      .selectFrom('api_token')
      .innerJoin('account', 'account.id', 'api_token.account_id')
      .select([
        'api_token.id',
        'api_token.name',
        'account.name as account',
        'api_token.created_at',
        'api_token.last_used_at',
        'api_token.revoked_at',
      ])
      .orderBy('api_token.id');
    if (accountId !== undefined) query = query.where('api_token.account_id', '=', accountId);
    return query.execute();
  }

  async revokeToken(id: number, now: string): Promise<boolean> {
    const result = await this.writer
      .updateTable('api_token')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
