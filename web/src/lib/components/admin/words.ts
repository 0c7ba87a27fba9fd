import type { Role } from '../../api/types.ts';

/** "an admin", "an editor", "a viewer": for sentences about an account's role. */
export function aRole(role: Role): string {
  return role === 'admin' ? 'an admin' : role === 'editor' ? 'an editor' : 'a viewer';
}
