import { sql } from 'kysely';
import { canReadDocument, type ReadScope } from './access.ts';
import type { Db } from './client.ts';
import { documentBody } from './document-body.ts';
import { documentSummaryColumns } from './documents.repository.ts';
import { BY_DATE, keptCountsSql } from './entity-page.ts';
import { mentionText } from './entity-mention-text.ts';
import { readableDocument } from './entity-visibility.ts';
import { PASSAGE_ID_FACTOR, passageIdRange } from './passage-id.ts';
import type { MentionSource, MentionStatus } from './schema.ts';
import { passageText } from './passage-text.ts';

export type MentionStatusFilter = MentionStatus | 'live' | 'all';

export interface NewPersonMention {
  documentId: number;
  passageId: number;
  start: number;
  end: number;
  text: string;
  type: string;
  entityId: number;
  by: string;
}

const now = sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

const readable = (scope: ReadScope) => readableDocument(scope, 'document');

/** Every column of a mention as its readers see it: the text cut from the body where it is not stored (migration 0020). */
const MENTION_COLUMNS = [
  'mention.id',
  'mention.document_id',
  'mention.passage_id',
  'mention.start',
  'mention.end',
  mentionText('mention', 'document').as('text'),
  'mention.type',
  'mention.entity_id',
  'mention.source',
  'mention.status',
  'mention.value',
  'mention.decided_by',
  'mention.decided_at',
  'mention.created_at',
  'mention.document_date',
] as const;

/** `live` is what counts: everything but what a person rejected. */
function statusIn(filter: MentionStatusFilter): MentionStatus[] {
  if (filter === 'live') return ['suggested', 'confirmed'];
  if (filter === 'all') return ['suggested', 'confirmed', 'rejected'];
  return [filter];
}

/**
 * One page of an entity's mentions in readable documents, by document date, undated documents last:
 * each part a range of mention_entity_date_idx read in order (SQLite indexes cannot put nulls last, so
 * the dated and the undated are two ranges), so a page reads about `offset + limit` index entries and
 * no document row, however many mentions the entity has.
 */
export function entityMentionPageSql(
  entityId: number,
  scope: ReadScope,
  status: MentionStatusFilter,
  order: 'asc' | 'desc',
  limit: number,
  offset: number,
) {
  const direction = sql.raw(order);
  const where = sql`m.entity_id = ${entityId} and m.status in (${sql.join(statusIn(status))}) and ${canReadDocument(scope, sql`m.document_id`)}`;
  const part = (
    dated: boolean,
  ) => sql`select * from (select m.id, ${sql.lit(dated ? 0 : 1)} as part, m.document_date, m.document_id, m.start
    from ${BY_DATE} where ${where} and m.document_date ${sql.raw(dated ? 'is not null' : 'is null')}
    order by m.document_date ${direction}, m.document_id ${direction}, m.start ${direction} limit ${limit + offset})`;
  return sql<{ id: number }>`select id from (${part(true)} union all ${part(false)})
    order by part, document_date ${direction}, document_id ${direction}, start ${direction}
    limit ${limit} offset ${offset}`;
}

/**
 * Counted (live) mentions come from the kept counts; confirmed and rejected ones from
 * mention_decided_idx, which holds only mentions that are not plain suggestions (migration 0020), so
 * a count is a few index steps however many suggestions the entity has. Suggested is live less
 * confirmed, all is live and rejected.
 */
export function entityMentionCountSql(entityId: number, scope: ReadScope, status: MentionStatusFilter) {
  const live = sql<number>`coalesce((select mentions from (${keptCountsSql(scope, sql`${entityId}`)})), 0)`;
  const decided = (s: 'confirmed' | 'rejected') => sql<number>`(select count(*) from mention m indexed by mention_decided_idx
    where m.entity_id = ${entityId} and m.status != 'suggested' and m.status = ${s} and ${canReadDocument(scope, sql`m.document_id`)})`;
  const n = {
    live,
    confirmed: decided('confirmed'),
    rejected: decided('rejected'),
    suggested: sql<number>`${live} - ${decided('confirmed')}`,
    all: sql<number>`${live} + ${decided('rejected')}`,
  }[status];
  return sql<{ n: number }>`select ${n} as n`;
}

/** Mentions as the entity page and the reader show them, and the writes of people's tags and decisions. */
export class EntityMentionsRepository {
  constructor(
    private readonly reader: Db,
    private readonly writer: Db,
  ) {}

  async ofEntity(entityId: number, scope: ReadScope, status: MentionStatusFilter, order: 'asc' | 'desc', limit: number, offset: number) {
    const [page, count] = await Promise.all([
      entityMentionPageSql(entityId, scope, status, order, limit, offset).execute(this.reader),
      entityMentionCountSql(entityId, scope, status).execute(this.reader),
    ]);
    const ids = page.rows.map((r) => r.id);
    const rows =
      ids.length === 0
        ? []
        : await this.reader
            .selectFrom('mention')
            .innerJoin('document', 'document.id', 'mention.document_id')
            .innerJoin('collection', 'collection.id', 'document.collection_id')
            .leftJoin('passage', 'passage.id', 'mention.passage_id')
            .select([
              'mention.id as mention_id',
              'mention.start',
              'mention.end',
              mentionText('mention', 'document').as('text'),
              'mention.status',
              'mention.source',
              'mention.passage_id',
              'passage.ordinal as passage_ordinal',
              'passage.start as passage_start',
              passageText('passage', 'document').as('passage_text'),
              ...documentSummaryColumns,
            ])
            .where('mention.id', 'in', ids)
            .execute();
    const at = new Map(ids.map((id, i) => [id, i]));
    return { total: Number(count.rows[0]?.n ?? 0), rows: rows.sort((a, b) => at.get(a.mention_id)! - at.get(b.mention_id)!) };
  }

  /** Mentions of a document the caller has already found through a scoped query, in reading order. */
  async ofDocument(documentId: number, status: MentionStatusFilter) {
    return this.reader
      .selectFrom('mention')
      .innerJoin('document', 'document.id', 'mention.document_id')
      .leftJoin('entity', 'entity.id', 'mention.entity_id')
      .select(MENTION_COLUMNS)
      .select(['entity.name as entity_name', 'entity.type as entity_type'])
      .where('mention.document_id', '=', documentId)
      .where('mention.status', 'in', statusIn(status))
      .orderBy('mention.start')
      .orderBy('mention.end')
      .orderBy('mention.id')
      .execute();
  }

  /** A mention in a document the scope may read, with that document's collection (who may decide on it). */
  async mention(id: number, scope: ReadScope, db: Db = this.reader) {
    return db
      .selectFrom('mention')
      .innerJoin('document', 'document.id', 'mention.document_id')
      .innerJoin('collection', 'collection.id', 'document.collection_id')
      .leftJoin('entity', 'entity.id', 'mention.entity_id')
      .select(MENTION_COLUMNS)
      .select(['entity.name as entity_name', 'entity.type as entity_type', 'document.collection_id', 'collection.visibility'])
      .where('mention.id', '=', id)
      .where(readable(scope))
      .executeTakeFirst();
  }

  async mentions(ids: readonly number[], scope: ReadScope) {
    if (ids.length === 0) return [];
    return this.reader
      .selectFrom('mention')
      .innerJoin('document', 'document.id', 'mention.document_id')
      .innerJoin('collection', 'collection.id', 'document.collection_id')
      .select(MENTION_COLUMNS)
      .select(['document.collection_id', 'collection.visibility'])
      .where('mention.id', 'in', [...new Set(ids)])
      .where(readable(scope))
      .execute();
  }

  async document(id: number, scope: ReadScope) {
    return this.reader
      .selectFrom('document')
      .innerJoin('collection', 'collection.id', 'document.collection_id')
      .select([
        'document.id',
        'document.ref',
        'document.title',
        documentBody('document').as('body'),
        'document.collection_id',
        'collection.visibility',
      ])
      .where('document.id', '=', id)
      .where(readable(scope))
      .executeTakeFirst();
  }

  async passages(documentId: number) {
    return this.reader
      .selectFrom('passage')
      .select(['id', 'ordinal', 'start', 'end'])
      .where((eb) => eb.between('id', ...passageIdRange(documentId)))
      .orderBy('id')
      .execute();
  }

  /**
   * Passages whose folded text holds the phrase, in documents the scope may read (FTS5; the exact
   * offsets are found in the text afterwards), with what is needed to say who may tag there.
   */
  async passagesMatching(words: readonly string[], scope: ReadScope, limit: number) {
    // Folded word tokens (letters and digits only) as one phrase in the body column; quoting them cannot inject syntax.
    const match = `text : "${words.join(' ').replaceAll('"', '""')}"`;
    const documentOf = sql`(f.rowid / ${sql.lit(PASSAGE_ID_FACTOR)})`;
    return sql<{
      id: number;
      document_id: number;
      start: number;
      text: string;
      ref: string;
      title: string | null;
      collection_id: number;
      visibility: 'public' | 'internal' | 'restricted';
    }>`select p.id, p.document_id, p.start, ${passageText('p', 'd')} as text, d.ref, d.title, d.collection_id, c.visibility
      from (select f.rowid as id from passage_fts f where passage_fts match ${match} and ${canReadDocument(scope, documentOf)}
            order by f.rowid limit ${limit}) hit
      join passage p on p.id = hit.id
      join document d on d.id = p.document_id
      join collection c on c.id = d.collection_id
      order by p.id`.execute(this.reader);
  }

  /** Mentions a person decided on (confirmed or rejected) in these documents: what a spread must not overwrite. */
  async decidedIn(documentIds: readonly number[]) {
    if (documentIds.length === 0) return [];
    return this.reader
      .selectFrom('mention')
      .select(['document_id', 'start', 'end'])
      .where('document_id', 'in', [...new Set(documentIds)])
      .where((eb) => eb.or([eb('decided_by', 'is not', null), eb('status', '!=', 'suggested')]))
      .execute();
  }

  /** A person's tag: confirms the mention already at that span and type, or adds one. Returns its id. */
  async tag(m: NewPersonMention): Promise<number> {
    const row = await this.writer
      .insertInto('mention')
      .values({
        document_id: m.documentId,
        passage_id: m.passageId,
        start: m.start,
        end: m.end,
        text: m.text,
        type: m.type,
        entity_id: m.entityId,
        source: 'person' satisfies MentionSource,
        status: 'confirmed',
        decided_by: m.by,
        decided_at: now,
        created_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['document_id', 'start', 'end', 'type']).doUpdateSet({
          entity_id: m.entityId,
          status: 'confirmed',
          decided_by: m.by,
          decided_at: now,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Machine suggestions that overlap a person's tag give way to it (extraction never adds them back over a confirmed mention). */
  async dropSuggestionsOverlapping(documentId: number, start: number, end: number, keep: number): Promise<number[]> {
    const rows = await this.writer
      .deleteFrom('mention')
      .where('document_id', '=', documentId)
      .where('status', '=', 'suggested')
      .where('decided_by', 'is', null)
      .where('start', '<', end)
      .where('end', '>', start)
      .where('id', '!=', keep)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async decide(id: number, status: MentionStatus, entityId: number | null, type: string, by: string): Promise<void> {
    await this.writer
      .updateTable('mention')
      .set({ status, entity_id: entityId, type, decided_by: by, decided_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** Whether another mention already holds this span with this type (the unique key a type change would break). */
  async spanTaken(documentId: number, start: number, end: number, type: string, except: number): Promise<boolean> {
    const row = await this.writer
      .selectFrom('mention')
      .select('id')
      .where('document_id', '=', documentId)
      .where('start', '=', start)
      .where('end', '=', end)
      .where('type', '=', type)
      .where('id', '!=', except)
      .executeTakeFirst();
    return row !== undefined;
  }
}
