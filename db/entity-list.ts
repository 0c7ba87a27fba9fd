import { sql, type RawBuilder } from 'kysely';
import { canReadCollection, unreadableCollectionIds, type ReadScope } from './access.ts';
import { canSeeAlias, signedIn, unmentioned } from './entity-visibility.ts';
import type { EntityStatus } from './schema.ts';

/** An entity as lists show it, with its mentions and documents as the reader may count them. */
export interface EntityRow {
  id: number;
  type: string;
  name: string;
  status: EntityStatus;
  labels: string;
  description: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  mentions: number;
  documents: number;
}

export type EntitySort = '-mentions' | 'mentions' | 'name' | '-name';

export interface EntityFilters {
  type?: string;
  status?: EntityStatus;
  /** Folded with aliasKey: the start of any word of a visible spelling. */
  key?: string;
  /** The query as typed, for names that are no spelling of their own (a date's ISO form). */
  raw?: string;
}

/** Counting the entities a list holds stops here: past it the total is a lower bound, and says so. */
export const ENTITY_TOTAL_CAP = 10_000;

/** The orders of entity_mentions_idx, entity_type_mentions_idx and entity_name_idx (migration 0013), over the given columns. */
function orderBy(sort: EntitySort, table: 'e' | 'c'): RawBuilder<unknown> {
  const mentions = sql.ref(table === 'e' ? 'e.mention_count' : 'c.mentions');
  const name = sql.ref(`${table}.name`);
  const id = sql.ref(`${table}.id`);
  if (sort === '-mentions') return sql`${mentions} desc, ${name} collate nocase, ${id}`;
  if (sort === 'mentions') return sql`${mentions} asc, ${name} collate nocase, ${id}`;
  if (sort === 'name') return sql`${name} collate nocase, ${id}`;
  return sql`${name} collate nocase desc, ${id}`;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The start of any word of the name or of a visible spelling; keys are folded words joined by single spaces. */
function typeAhead(scope: ReadScope, key: string, raw: string): RawBuilder<unknown> {
  const k = likeEscape(key);
  const r = likeEscape(raw);
  return sql`(exists (select 1 from entity_alias a where a.entity_id = e.id
      and (a.key like ${`${k}%`} escape '\\' or a.key like ${`% ${k}%`} escape '\\') and ${canSeeAlias(scope)})
    or e.name like ${`${r}%`} escape '\\' or e.name like ${`% ${r}%`} escape '\\')`;
}

function entityConditions(scope: ReadScope, filters: EntityFilters): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`e.merged_into is null`];
  if (filters.type) conditions.push(sql`e.type = ${filters.type}`);
  if (filters.status) conditions.push(sql`e.status = ${filters.status}`);
  if (filters.key) conditions.push(typeAhead(scope, filters.key, filters.raw ?? filters.key));
  return sql.join(conditions, sql` and `);
}

/** Visible without a hidden mention to subtract: counted somewhere, or (signed in) never mentioned; see entity-visibility.ts. */
function visibleAsKept(scope: ReadScope): RawBuilder<unknown> {
  return signedIn(scope) ? sql`(e.mention_count > 0 or ${unmentioned(scope, sql.ref('e.id'))})` : sql`e.mention_count > 0`;
}

// CROSS JOIN keeps SQLite's join order: from the few candidates to their entity rows, never the other way.

/** Counted mentions in the collections the scope may not read, by entity: few, since they come from those collections alone. */
function hiddenCountsSql(hidden: RawBuilder<unknown>) {
  return sql`select k.entity_id, sum(k.mentions) as mentions from entity_count k indexed by entity_count_collection_idx
    where k.collection_id in (${hidden}) group by k.entity_id`;
}

/**
 * One page of entities from the kept counts (migration 0013), never from the mentions. An entity with no
 * counted mention in a hidden collection counts for the scope what it counts in all (`mention_count`), so
 * the first `offset + limit` of those are read in the order of an index and stop there; the few with
 * hidden mentions are counted apart, what is hidden taken off, and the two merged in the same order.
 */
export function entityListSql(scope: ReadScope, filters: EntityFilters, sort: EntitySort, limit: number, offset: number) {
  const where = entityConditions(scope, filters);
  const hidden = unreadableCollectionIds(scope);
  const documents = sql`(select coalesce(sum(k.documents), 0) from entity_count k
    where k.entity_id = e.id and ${canReadCollection(scope, sql.ref('k.collection_id'))})`;
  const kept = (exclude: RawBuilder<unknown>) => sql`select * from (select e.id, e.name, e.mention_count as mentions from entity e
    where ${where} and ${visibleAsKept(scope)} ${exclude} order by ${orderBy(sort, 'e')} limit ${limit + offset})`;
  const candidates =
    hidden === null
      ? kept(sql``)
      : sql`${kept(sql`and e.id not in (select entity_id from h)`)}
        union all
        select e.id, e.name, e.mention_count - h.mentions as mentions from h cross join entity e on e.id = h.entity_id
        where ${where} and e.mention_count - h.mentions > 0`;
  const prefix = hidden === null ? sql`` : sql`with h as (${hiddenCountsSql(hidden)}) `;
  return sql<EntityRow>`${prefix}select e.id, e.type, e.name, e.status, e.labels, e.description, e.created_by, e.created_at, e.updated_at,
      c.mentions, ${documents} as documents
    from (${candidates}) c cross join entity e on e.id = c.id
    order by ${orderBy(sort, 'c')}
    limit ${limit} offset ${offset}`;
}

/**
 * How many entities the list holds for the scope, counted up to one past ENTITY_TOTAL_CAP: those with
 * counted mentions along entity_mentions_idx (or its per-type twin) from its covering entries, the
 * few with hidden mentions checked against what is left readable, and (signed in) the never-mentioned.
 */
export function entityCountSql(scope: ReadScope, filters: EntityFilters) {
  const where = entityConditions(scope, filters);
  const hidden = unreadableCollectionIds(scope);
  const readableLeft =
    hidden === null
      ? sql`1 = 1`
      : sql`(e.id not in (select entity_id from h) or e.mention_count > (select mentions from h where h.entity_id = e.id))`;
  const cap = ENTITY_TOTAL_CAP + 1;
  const counted = sql`(select count(*) from (select 1 from entity e where ${where} and e.mention_count > 0 and ${readableLeft} limit ${cap}))`;
  const never = signedIn(scope)
    ? sql` + (select count(*) from (select 1 from entity e where ${where} and e.mention_count = 0 and ${unmentioned(scope, sql.ref('e.id'))} limit ${cap}))`
    : sql``;
  const prefix = hidden === null ? sql`` : sql`with h as (${hiddenCountsSql(hidden)}) `;
  return sql<{ n: number }>`${prefix}select ${counted}${never} as n`;
}
