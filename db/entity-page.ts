import { sql, type RawBuilder } from 'kysely';
import { canReadCollection, canReadDocument, type ReadScope } from './access.ts';
import { signedIn, unmentioned } from './entity-visibility.ts';

/** What the pages count: a mention that is not rejected (mentions without an entity are never asked for by entity). */
export const LIVE = sql`('suggested', 'confirmed')`;

/** The index in date order that every per-entity read below walks (migration 0013). */
export const BY_DATE = sql`mention m indexed by mention_entity_date_idx`;

/**
 * An entity's counted mentions and documents in the collections the scope may read, from the counts
 * the triggers keep (migration 0013): as exact as counting the mentions, at the cost of one row per collection.
 */
export function keptCountsSql(scope: ReadScope, entity: RawBuilder<unknown>) {
  return sql`select k.entity_id, sum(k.mentions) as mentions, sum(k.documents) as documents
    from entity_count k where k.entity_id = ${entity} and ${canReadCollection(scope, sql.ref('k.collection_id'))}
    group by k.entity_id`;
}

/** The date of the entity's earliest (or latest) readable counted mention: one step into mention_entity_date_idx. */
export function edgeDateSql(scope: ReadScope, entity: RawBuilder<unknown>, order: 'asc' | 'desc') {
  return sql`(select m.document_date from ${BY_DATE}
    where m.entity_id = ${entity} and m.document_date is not null and m.status in ${LIVE} and ${canReadDocument(scope, sql`m.document_id`)}
    order by m.document_date ${sql.raw(order)} limit 1)`;
}

/**
 * Mentions by month of the document's date, read from the index alone (no document row): counted by
 * date first, in the index's order, so that only the few hundred dates are grouped into months.
 */
export function timelineSql(id: number, scope: ReadScope) {
  return sql<{ month: string; count: number }>`select substr(day, 1, 7) as month, sum(n) as count
    from (select m.document_date as day, count(*) as n from ${BY_DATE}
      where m.entity_id = ${id} and m.document_date is not null and m.status in ${LIVE} and ${canReadDocument(scope, sql`m.document_id`)}
      group by m.document_date)
    where length(day) >= 7
    group by month order by month`;
}

/** Passages read at most, about, for the co-mentions of one entity; more than this and the counts are estimated. */
export const CO_MENTION_SAMPLE = 500;
/** Passages fall into this many buckets by id; a sample keeps the first few buckets (a prime, so ids spread evenly). */
export const CO_MENTION_BUCKETS = 1009;

/**
 * Entities named in the same passages, counted by passage; the passage is readable, so they are visible.
 * An entity in more than CO_MENTION_SAMPLE readable mentions is counted over the passages of a few
 * buckets (a passage's id modulo a prime, so the same sample every time) and each count scaled up by the
 * sampling rate: `kept` buckets of CO_MENTION_BUCKETS; kept < CO_MENTION_BUCKETS means estimated.
 */
export function coMentionedSql(id: number, scope: ReadScope, limit: number) {
  const buckets = sql.lit(CO_MENTION_BUCKETS);
  const sample = sql.lit(CO_MENTION_SAMPLE);
  // The readable mention count comes from the kept counts, so the rate is known before any mention is read.
  return sql<{ id: number; name: string; type: string; count: number; kept: number }>`with rate as (
      select case when n <= ${sample} then ${buckets} else max(1, (${buckets} * ${sample} + n - 1) / n) end as kept
      from (select coalesce((select mentions from (${keptCountsSql(scope, sql`${id}`)})), 0) as n)
    ),
    p as (select distinct m.passage_id from ${BY_DATE}, rate
      where m.entity_id = ${id} and m.status in ${LIVE} and m.passage_id % ${buckets} < rate.kept
        and ${canReadDocument(scope, sql`m.document_id`)}),
    x as (select o.entity_id, count(distinct o.passage_id) as count
      from p join mention o indexed by mention_passage_idx on o.passage_id = p.passage_id
      where o.entity_id != ${id} and o.status in ${LIVE}
      group by o.entity_id)
    select e.id, e.name, e.type, (x.count * ${buckets} + rate.kept / 2) / rate.kept as count, rate.kept
    from x join entity e on e.id = x.entity_id, rate
    where e.merged_into is null
    order by x.count desc, e.name collate nocase, e.id
    limit ${limit}`;
}

/** One entity as its page and the mention list read it: kept counts, first and last dates, visibility for the scope. */
export function entitySummarySql<Row>(id: number, scope: ReadScope) {
  const e = sql.ref('e.id');
  // Visible: a readable counted mention, or (signed in) no counted mention anywhere; see entity-visibility.ts.
  const visible = signedIn(scope) ? sql`(coalesce(c.mentions, 0) > 0 or ${unmentioned(scope, e)})` : sql`coalesce(c.mentions, 0) > 0`;
  return sql<Row>`select e.id, e.type, e.name, e.status, e.labels, e.description, e.created_by, e.created_at, e.updated_at,
      coalesce(c.mentions, 0) as mentions, coalesce(c.documents, 0) as documents,
      case when c.mentions > 0 then ${edgeDateSql(scope, e, 'asc')} end as first_date,
      case when c.mentions > 0 then ${edgeDateSql(scope, e, 'desc')} end as last_date
    from entity e left join (${keptCountsSql(scope, sql`${id}`)}) c on c.entity_id = e.id
    where e.id = ${id} and e.merged_into is null and ${visible}`;
}
