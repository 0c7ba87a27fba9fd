import type { ReadScope } from '../../../db/access.ts';
import type { Role } from '../../../db/schema.ts';
import { AppError } from '../../errors.ts';

/**
 * Who is asking: nobody in particular, an account signed in by session cookie or API token, or the
 * operator at the command line (whoever holds the database file reads everything anyway).
 */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'operator' }
  | { kind: 'account'; id: number; name: string; role: Role; via: 'session'; csrfToken: string; sessionIdHash: string }
  | { kind: 'account'; id: number; name: string; role: Role; via: 'token' };

export type AccountViewer = Extract<Viewer, { kind: 'account' }>;

/** Who made a change, as the audit log records it; the command line acts without an account. */
export interface Actor {
  id: number | null;
  name: string;
}

export const ANONYMOUS_VIEWER: Viewer = { kind: 'anonymous' };
export const OPERATOR_VIEWER: Viewer = { kind: 'operator' };

export function scopeOf(viewer: Viewer): ReadScope {
  return viewer.kind === 'account' ? { kind: 'account', accountId: viewer.id } : { kind: viewer.kind };
}

export function actorOf(viewer: AccountViewer): Actor {
  return { id: viewer.id, name: viewer.name };
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** The signed-in account, if its role is at least `role`: 401 when nobody is signed in, 403 when the role is too low. */
export function requireRole(viewer: Viewer, role: Role): AccountViewer {
  if (viewer.kind !== 'account') throw new AppError('auth.required', 'Sign in to do this.', 401);
  if (RANK[viewer.role] < RANK[role])
    throw new AppError('auth.forbidden', `This needs the ${role} role; your account is a ${viewer.role}.`, 403);
  return viewer;
}
