// The audit log's filters live in the URL of the administration page, so that a filtered view can be shared.

export const ADMIN_PATH = '/admin';

export interface AuditFilters {
  actor: string;
  action: string;
}

/** The audit filters of a location search string. */
export function auditFilters(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  return { actor: params.get('actor')?.trim() ?? '', action: params.get('action')?.trim() ?? '' };
}

/** The administration page showing the audit log filtered so; empty filters are left out. */
export function auditHref(filters: AuditFilters): string {
  const params = new URLSearchParams();
  if (filters.actor.trim()) params.set('actor', filters.actor.trim());
  if (filters.action.trim()) params.set('action', filters.action.trim());
  const query = params.toString();
  return query ? `${ADMIN_PATH}?${query}` : ADMIN_PATH;
}
