import type { AuditEntry, AuditRepository } from '../../../db/audit.repository.ts';
import type { AuditQuery, AuditResponse } from './audit.schemas.ts';

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** For changes made outside a unit of work, such as an import from the command line. */
  async record(entry: AuditEntry): Promise<void> {
    await this.audit.append(entry);
  }

  async list(query: AuditQuery): Promise<AuditResponse> {
    const limit = query.limit ?? 100;
    const rows = await this.audit.list(query, limit);
    return {
      events: rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        actorId: r.actor_id,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        before: parse(r.before),
        after: parse(r.after),
      })),
      nextBefore: rows.length === limit ? rows.at(-1)!.id : null,
    };
  }
}
