import type { Db } from './client.ts';

export interface AuditEntry {
  actorId: number | null;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | number;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  since?: string;
  until?: string;
  /** Only events with an id below this one: the next page. */
  before?: number;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Records one change; pass the change's own transaction so that both land or neither does. */
export async function appendAuditEvent(db: Db, entry: AuditEntry): Promise<void> {
  await auditEventInsert(db, entry).execute();
}

/** The insert of one audit event, for a caller that runs it inside a transaction of its own (compiled, on the writer's connection). */
export function auditEventInsert(db: Db, entry: AuditEntry) {
  return db.insertInto('audit_event').values({
    actor_id: entry.actorId,
    actor: entry.actor,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: String(entry.subjectId),
    before: json(entry.before),
    after: json(entry.after),
  });
}

/** The append-only record of people's changes. Reads go to the writer connection: admins expect to see their own change at once. */
export class AuditRepository {
  constructor(private readonly writer: Db) {}

  async append(entry: AuditEntry): Promise<void> {
    await appendAuditEvent(this.writer, entry);
  }

  async list(filters: AuditFilters, limit: number) {
    let query = this.writer.selectFrom('audit_event').selectAll().orderBy('id', 'desc').limit(limit);
    if (filters.actor) query = query.where('actor', '=', filters.actor);
    if (filters.action) query = query.where('action', '=', filters.action);
    if (filters.subjectType) query = query.where('subject_type', '=', filters.subjectType);
    if (filters.subjectId) query = query.where('subject_id', '=', filters.subjectId);
    if (filters.since) query = query.where('at', '>=', filters.since);
    if (filters.until) query = query.where('at', '<', filters.until);
    if (filters.before) query = query.where('id', '<', filters.before);
    return query.execute();
  }
}
