import { stringify } from 'csv-stringify/sync';
import type { ReadScope } from '../../../db/access.ts';
import type { EntitiesRepository, EntityFilters, EntitySummaryRow } from '../../../db/entities.repository.ts';
import type { EntityMentionsRepository } from '../../../db/entity-mentions.repository.ts';
import { CO_MENTION_BUCKETS } from '../../../db/entity-page.ts';
import { AppError, notFound } from '../../errors.ts';
import { aliasKey } from '../../pipeline/entities/alias-key.ts';
import { scopeOf, type Viewer } from '../auth/viewer.ts';
import { toSummary as toDocumentSummary } from '../documents/documents.service.ts';
import { mayCurate, type TagPermissions } from './entity-access.ts';
import { toDetail, toMention, toSummary } from './entities.mapping.ts';
import type {
  EntityDetail,
  EntityList,
  EntityPage,
  EntitySummary,
  EntityTypeList,
  ExportQuery,
  ListEntitiesQuery,
} from './entities.schemas.ts';
import { excerptAround } from './excerpt.ts';
import type { DocumentMentions, DocumentMentionsQuery, EntityMentions, EntityMentionsQuery } from './mentions.schemas.ts';

/** Rows an export may hold at most; an archive with more entities than this exports by type. */
const EXPORT_LIMIT = 1_000_000;

/** The mention inside its passage's text; one that runs past the passage's end is shown whole, cut at its own end. */
function mentionExcerpt(text: string, offset: number, passage: string | null) {
  if (passage === null || offset < 0) return { text, start: 0, end: text.length };
  const within = offset + text.length <= passage.length ? passage : passage.slice(0, offset) + text;
  return excerptAround(within, offset, offset + text.length);
}

export const entityNotFound = (id: number) => notFound('entity.not_found', `There is no entity with id ${id}.`);

/** Filters from a type-ahead: the query folded as spellings are, and as typed for names that are no spelling. */
export function filtersOf(query: { type?: string; q?: string; status?: EntityFilters['status'] }): EntityFilters {
  const key = query.q === undefined ? '' : aliasKey(query.q);
  return { type: query.type, status: query.status, ...(key ? { key, raw: query.q!.trim() } : {}) };
}

/**
 * Reading entities: lists, pages, mentions and exports. Every read takes the reader's scope, and an
 * entity the scope may not see answers exactly like one that does not exist.
 */
export class EntitiesService {
  constructor(
    private readonly entities: EntitiesRepository,
    private readonly mentions: EntityMentionsRepository,
    private readonly permissions: TagPermissions,
  ) {}

  async types(): Promise<EntityTypeList> {
    const rows = await this.entities.types();
    return { types: rows.map((r) => ({ name: r.name, label: r.label, builtin: r.builtin === 1 })) };
  }

  async list(query: ListEntitiesQuery, scope: ReadScope): Promise<EntityList> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { total, approximate, rows } = await this.entities.list(
      scope,
      filtersOf(query),
      query.sort ?? '-mentions',
      pageSize,
      (page - 1) * pageSize,
    );
    return { total, totalApproximate: approximate, page, pageSize, entities: await this.summaries(rows, scope) };
  }

  async page(id: number, viewer: Viewer): Promise<EntityPage> {
    const scope = scopeOf(viewer);
    // All at once on the reader threads; each is scoped, and nothing of them is shown if the entity is hidden.
    const [entity, timeline, coMentioned] = await Promise.all([
      this.detail(id, scope),
      this.entities.timeline(id, scope),
      this.entities.coMentioned(id, scope),
    ]);
    const merges = await this.merges(id, entity, scope);
    return {
      entity,
      timeline: timeline.map((t) => ({ month: t.month, count: Number(t.count) })),
      coMentioned: coMentioned.map((c) => ({ id: c.id, name: c.name, type: c.type, count: Number(c.count) })),
      // Every row carries the same sampling rate; fewer buckets kept than there are means the counts are estimates.
      coMentionedApproximate: coMentioned.some((c) => Number(c.kept) < CO_MENTION_BUCKETS),
      merges,
      canEdit: mayCurate(viewer),
    };
  }

  async detail(id: number, scope: ReadScope): Promise<EntityDetail> {
    const row = await this.entities.summary(id, scope);
    if (!row) throw entityNotFound(id);
    return toDetail(row, await this.entities.aliases([id], scope));
  }

  async mentionsOf(id: number, query: EntityMentionsQuery, scope: ReadScope): Promise<EntityMentions> {
    if (!(await this.entities.summary(id, scope))) throw entityNotFound(id);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const status = query.status ?? 'live';
    const order = query.sort === '-date' ? 'desc' : 'asc';
    const { total, rows } = await this.mentions.ofEntity(id, scope, status, order, pageSize, (page - 1) * pageSize);
    const mentions = rows.map((r) => {
      const excerpt = mentionExcerpt(r.text, r.start - (r.passage_start ?? 0), r.passage_text);
      return {
        id: r.mention_id,
        start: r.start,
        end: r.end,
        text: r.text,
        status: r.status,
        source: r.source,
        document: toDocumentSummary(r),
        passage: { id: r.passage_id, ordinal: r.passage_ordinal ?? 0 },
        excerpt,
      };
    });
    return { total, page, pageSize, mentions };
  }

  async documentMentions(documentId: number, query: DocumentMentionsQuery, viewer: Viewer): Promise<DocumentMentions> {
    const scope = scopeOf(viewer);
    const document = await this.mentions.document(documentId, scope);
    if (!document) throw notFound('document.not_found', `There is no document with id ${documentId}.`);
    const rows = await this.mentions.ofDocument(documentId, query.status === undefined ? 'live' : query.status);
    // A live mention in a readable document makes its entity visible; a rejected one does not.
    const rejectedOf = rows.filter((r) => r.status === 'rejected' && r.entity_id !== null).map((r) => r.entity_id!);
    const visible = await this.entities.visibleIds(rejectedOf, scope);
    return {
      mentions: rows.map((r) => toMention(r, r.status !== 'rejected' || visible.has(r.entity_id ?? 0))),
      canTag: await this.permissions.mayTag(viewer, document),
    };
  }

  /** name, type, aliases, mentions, first_date, last_date: every visible entity, most mentioned first. */
  async exportCsv(query: ExportQuery, scope: ReadScope): Promise<string> {
    const rows = await this.exportRows(query, scope);
    const cell = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
    return stringify(
      rows.map((e) => [cell(e.name), e.type, cell(e.aliases.join('; ')), e.mentionCount, e.firstDate ?? '', e.lastDate ?? '']),
      { header: true, columns: ['name', 'type', 'aliases', 'mentions', 'first_date', 'last_date'], record_delimiter: 'windows' },
    );
  }

  /** One JSON object a line, for scripts: the same entities as the CSV, with their document counts. */
  async exportJsonl(query: ExportQuery, scope: ReadScope): Promise<string> {
    const rows = await this.exportRows(query, scope);
    return rows.map((e) => `${JSON.stringify(e)}\n`).join('');
  }

  private async exportRows(query: ExportQuery, scope: ReadScope): Promise<EntitySummary[]> {
    // One row past the limit tells that there are more; the list's total stops counting long before.
    const { rows } = await this.entities.list(scope, filtersOf(query), '-mentions', EXPORT_LIMIT + 1, 0);
    if (rows.length > EXPORT_LIMIT) {
      throw new AppError('entity.export_too_large', `There are more than ${EXPORT_LIMIT} entities; export them one type at a time.`);
    }
    return this.summaries(rows, scope);
  }

  private async summaries(rows: EntitySummaryRow[], scope: ReadScope): Promise<EntitySummary[]> {
    const aliases = await this.entities.aliases(
      rows.map((r) => r.id),
      scope,
    );
    return rows.map((r) => toSummary(r, aliases));
  }

  /** A merged entity's name is shown when it is one of this entity's visible spellings, or the merged entity is itself visible again. */
  private async merges(id: number, entity: EntityDetail, scope: ReadScope) {
    const rows = await this.entities.merges(id);
    const keys = new Set(entity.aliasList.map((a) => aliasKey(a.name)));
    const visible = await this.entities.visibleIds(
      rows.map((r) => r.from_id),
      scope,
    );
    return rows.map((r) => ({
      id: r.id,
      fromId: r.from_id,
      fromName: keys.has(aliasKey(r.from_name)) || visible.has(r.from_id) ? r.from_name : `Entity ${r.from_id}`,
      mergedBy: r.merged_by,
      mergedAt: r.merged_at,
      undoneBy: r.undone_by,
      undoneAt: r.undone_at,
    }));
  }
}
