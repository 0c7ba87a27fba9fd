import type { AccountsRepository } from '../../../db/accounts.repository.ts';
import { AppError } from '../../errors.ts';
import { RateLimiter } from '../../rate-limiter.ts';
import { verifyPassword } from './passwords.ts';
import { hashSecret, newSecret } from './secrets.ts';
import type { AccountViewer } from './viewer.ts';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 8 * 60, absoluteHours: 7 * 24 };

// Writing last_seen_at on every request would make every read a write; a minute's slack costs nothing.
const TOUCH_EVERY_MS = 60_000;
export const TOKEN_PREFIX = 'trove_';

const INVALID = () => new AppError('auth.invalid_credentials', 'The name or password is wrong.', 401);

/** Signing in and out, and recognising a session cookie or an API token. */
export class AuthService {
  // Failures only, per submitted name (whether or not the account exists) and per address: a newsroom
  // behind one address signing in at nine o'clock is not an attack.
  private readonly failuresPerName = new RateLimiter(5, 15 * 60_000, () => this.clock().getTime());
  private readonly failuresPerAddress = new RateLimiter(20, 15 * 60_000, () => this.clock().getTime());

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async signIn(name: string, password: string, address: string) {
    const nameKey = name.trim().toLowerCase();
    const wait = Math.max(this.failuresPerAddress.blocked(address), this.failuresPerName.blocked(nameKey));
    if (wait > 0) {
      throw new AppError('auth.rate_limited', `Too many sign-in attempts. Try again in ${wait} seconds.`, 429, { retryAfter: wait });
    }
    const account = await this.accounts.findByName(name.trim());
    // Always verify, even for an unknown name, so that both failures take the same time.
    const ok = await verifyPassword(account?.password_hash ?? null, password);
    if (!account || !ok || account.disabled_at !== null) {
      this.failuresPerName.hit(nameKey);
      this.failuresPerAddress.hit(address);
      throw INVALID();
    }
    this.failuresPerName.reset(nameKey);
    const now = this.clock();
    const sessionId = newSecret();
    const csrfToken = newSecret();
    await this.accounts.deleteExpiredSessions(now.toISOString(), this.idleCutoff(now));
    await this.accounts.createSession({
      idHash: hashSecret(sessionId),
      accountId: account.id,
      csrfToken,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.policy.absoluteHours * 3_600_000).toISOString(),
    });
    return { sessionId, csrfToken, account: { id: account.id, name: account.name, role: account.role } };
  }

  async signOut(sessionIdHash: string): Promise<void> {
    await this.accounts.deleteSession(sessionIdHash);
  }

  /** The account behind a session cookie, or null when the session is unknown, expired, idle too long or its account disabled. */
  async viewerFromSession(sessionId: string): Promise<AccountViewer | null> {
    const idHash = hashSecret(sessionId);
    const session = await this.accounts.findSession(idHash);
    if (!session) return null;
    const now = this.clock();
    if (session.disabled_at !== null || session.expires_at <= now.toISOString() || session.last_seen_at <= this.idleCutoff(now)) {
      await this.accounts.deleteSession(idHash);
      return null;
    }
    if (now.getTime() - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) await this.accounts.touchSession(idHash, now.toISOString());
    return {
      kind: 'account',
      id: session.id,
      name: session.name,
      role: session.role,
      via: 'session',
      csrfToken: session.csrf_token,
      sessionIdHash: idHash,
    };
  }

  /** The account behind an API token, or null when the token is unknown, revoked or its account disabled. */
  async viewerFromToken(token: string): Promise<AccountViewer | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const row = await this.accounts.findToken(hashSecret(token));
    if (!row || row.revoked_at !== null || row.disabled_at !== null) return null;
    const now = this.clock();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
      await this.accounts.touchToken(row.token_id, now.toISOString());
    }
    return { kind: 'account', id: row.id, name: row.name, role: row.role, via: 'token' };
  }

  private idleCutoff(now: Date): string {
    return new Date(now.getTime() - this.policy.idleMinutes * 60_000).toISOString();
  }
}
