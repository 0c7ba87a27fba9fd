import { sql, type RawBuilder } from 'kysely';
import { canReadDocument, type ReadScope } from './access.ts';
import type { Db } from './client.ts';
import { canSeeAlias, canSeeEntity, readableDocument, signedIn, unmentioned } from './entity-visibility.ts';
import type { EntityStatus } from './schema.ts';

export type EntitySort = '-mentions' | 'mentions' | 'name' | '-name';

export interface EntityFilters {
  type?: string;
  status?: EntityStatus;
  /** Folded with aliasKey: the start of any word of a visible spelling. */
  key?: string;
  /** The query as typed, for names that are no spelling of their own (a date's ISO form). */
  raw?: string;
}

export interface EntitySummaryRow {
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
  first_date: string | null;
  last_date: string | null;
}

const ORDER: Record<EntitySort, RawBuilder<unknown>> = {
  '-mentions': sql`mentions desc, e.name collate nocase, e.id`,
  mentions: sql`mentions asc, e.name collate nocase, e.id`,
  name: sql`e.name collate nocase, e.id`,
  '-name': sql`e.name collate nocase desc, e.id`,
};

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The document columns these queries need, read from the narrow index that starts with the id rather than from the rows. */
const DOCUMENT = sql`document d indexed by document_facet_idx`;

/**
 * Counts over readable documents only, so that a restricted collection adds nothing to what an outsider
 * sees. Read from mention_entity_idx alone (no document row): dates come after, for one page of entities.
 */
function countsSql(scope: ReadScope, candidates: RawBuilder<unknown> | null) {
  const among = candidates === null ? sql`` : sql`and m.entity_id in (${candidates})`;
  return sql`select m.entity_id, count(*) as mentions, count(distinct m.document_id) as documents
    from mention m
    where m.entity_id is not null ${among} and m.status != 'rejected' and ${canReadDocument(scope, sql`m.document_id`)}
    group by m.entity_id`;
}

/** One entity's counts and dates, through mention_entity_idx: the entity page. */
function oneEntityCountsSql(scope: ReadScope, id: number) {
  return sql`select m.entity_id, count(*) as mentions, count(distinct m.document_id) as documents,
      min(d.date) as first_date, max(d.date) as last_date
    from mention m join ${DOCUMENT} on d.id = m.document_id
    where m.entity_id = ${id} and m.status != 'rejected' and ${readableDocument(scope)}
    group by m.entity_id`;
}

function filterConditions(scope: ReadScope, filters: EntityFilters): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  if (filters.type) conditions.push(sql`e.type = ${filters.type}`);
  if (filters.status) conditions.push(sql`e.status = ${filters.status}`);
  if (filters.key) conditions.push(typeAhead(scope, filters.key, filters.raw ?? filters.key));
  return conditions;
}

/** The entities a filter leaves, so that counting reads only their mentions (the type-ahead stays fast). */
function candidatesSql(scope: ReadScope, filters: EntityFilters): RawBuilder<unknown> | null {
  const conditions = filterConditions(scope, filters);
  if (conditions.length === 0) return null;
  return sql`select e.id from entity e where e.merged_into is null and ${sql.join(conditions, sql` and `)}`;
}

function entityWhere(scope: ReadScope, filters: EntityFilters): RawBuilder<unknown> {
  // Visible: a readable mention counted, or (signed in) no live mention anywhere; see entity-visibility.ts.
  const visible = signedIn(scope) ? sql`(c.entity_id is not null or ${unmentioned(scope, sql.ref('e.id'))})` : sql`c.entity_id is not null`;
  return sql.join([sql`e.merged_into is null`, visible, ...filterConditions(scope, filters)], sql` and `);
}

/** The start of any word of the name or of a visible spelling; keys are folded words joined by single spaces. */
function typeAhead(scope: ReadScope, key: string, raw: string): RawBuilder<unknown> {
  const k = likeEscape(key);
  const r = likeEscape(raw);
  return sql`(exists (select 1 from entity_alias a where a.entity_id = e.id
      and (a.key like ${`${k}%`} escape '\\' or a.key like ${`% ${k}%`} escape '\\') and ${canSeeAlias(scope)})
    or e.name like ${`${r}%`} escape '\\' or e.name like ${`% ${r}%`} escape '\\')`;
}

const ENTITY_COLUMNS = sql`e.id, e.type, e.name, e.status, e.labels, e.description, e.created_by, e.created_at, e.updated_at,
  coalesce(c.mentions, 0) as mentions, coalesce(c.documents, 0) as documents`;

export function entityListSql(scope: ReadScope, filters: EntityFilters, sort: EntitySort, limit: number, offset: number) {
  // The total rides along on every row, so that the aggregate over all mentions runs once, not twice.
  return sql<Omit<EntitySummaryRow, 'first_date' | 'last_date'> & { total: number }>`select ${ENTITY_COLUMNS}, count(*) over () as total
    from entity e left join (${countsSql(scope, candidatesSql(scope, filters))}) c on c.entity_id = e.id
    where ${entityWhere(scope, filters)}
    order by ${ORDER[sort]}
    limit ${limit} offset ${offset}`;
}

export function entityCountSql(scope: ReadScope, filters: EntityFilters) {
  return sql<{ n: number }>`select count(*) as n
    from entity e left join (${countsSql(scope, candidatesSql(scope, filters))}) c on c.entity_id = e.id
    where ${entityWhere(scope, filters)}`;
}

/** First and last dates of readable documents mentioning these entities (all entities when `ids` is null: an export). */
export function entityDatesSql(ids: readonly number[] | null, scope: ReadScope) {
  const among = ids === null ? sql`m.entity_id is not null` : sql`m.entity_id in (${sql.join(ids)})`;
  return sql<{ entity_id: number; first_date: string | null; last_date: string | null }>`select m.entity_id,
      min(d.date) as first_date, max(d.date) as last_date
    from mention m join ${DOCUMENT} on d.id = m.document_id
    where ${among} and m.status != 'rejected' and ${readableDocument(scope)}
    group by m.entity_id`;
}

export function entitySummarySql(id: number, scope: ReadScope) {
  return sql<EntitySummaryRow>`select ${ENTITY_COLUMNS}, c.first_date, c.last_date
    from entity e left join (${oneEntityCountsSql(scope, id)}) c on c.entity_id = e.id
    where e.id = ${id} and ${entityWhere(scope, {})}`;
}

export function timelineSql(id: number, scope: ReadScope) {
  return sql<{ month: string; count: number }>`select substr(d.date, 1, 7) as month, count(*) as count
    from mention m join ${DOCUMENT} on d.id = m.document_id
    where m.entity_id = ${id} and m.status != 'rejected' and length(d.date) >= 7 and ${readableDocument(scope)}
    group by month order by month`;
}

/** Entities named in the same passages, counted by passage; the passage is readable, so they are visible. */
export function coMentionedSql(id: number, scope: ReadScope, limit: number) {
  // Each passage once however often the entity appears in it; counted before the entity rows are joined.
  return sql<{ id: number; name: string; type: string; count: number }>`select e.id, e.name, e.type, x.count
    from (select o.entity_id, count(distinct o.passage_id) as count
      from (select distinct m.passage_id from mention m
        where m.entity_id = ${id} and m.status != 'rejected' and ${canReadDocument(scope, sql`m.document_id`)}) p
      join mention o on o.passage_id = p.passage_id
      where o.entity_id != ${id} and o.status != 'rejected'
      group by o.entity_id) x
    join entity e on e.id = x.entity_id
    where e.merged_into is null
    order by x.count desc, e.name collate nocase, e.id
    limit ${limit}`;
}

/** Entities, their spellings, types and merges as the API reads them; every read takes the reader's scope. */
export class EntitiesRepository {
  /** `light` serves an entity's page (the light-read lane, see TroveDatabase), `reader` the lists, exports and the rest. */
  constructor(
    private readonly reader: Db,
    private readonly light: Db = reader,
  ) {}

  async list(scope: ReadScope, filters: EntityFilters, sort: EntitySort, limit: number, offset: number) {
    const rows = await entityListSql(scope, filters, sort, limit, offset).execute(this.reader);
    // Past the last page no row carries the total: count on its own then.
    const total = rows.rows[0]?.total ?? (offset === 0 ? 0 : ((await entityCountSql(scope, filters).execute(this.reader)).rows[0]?.n ?? 0));
    const counted = rows.rows.filter((r) => Number(r.mentions) > 0).map((r) => r.id);
    // A long list (an export) reads every entity's dates in one pass rather than naming thousands of ids.
    const dates =
      counted.length === 0 ? [] : (await entityDatesSql(counted.length > 500 ? null : counted, scope).execute(this.reader)).rows;
    const byEntity = new Map(dates.map((d) => [d.entity_id, d]));
    const entities: EntitySummaryRow[] = rows.rows.map(({ total: _total, ...r }) => ({
      ...r,
      first_date: byEntity.get(r.id)?.first_date ?? null,
      last_date: byEntity.get(r.id)?.last_date ?? null,
    }));
    return { total: Number(total), rows: entities };
  }

  async summary(id: number, scope: ReadScope): Promise<EntitySummaryRow | undefined> {
    return (await entitySummarySql(id, scope).execute(this.light)).rows[0];
  }

  /** Whether these entities exist for the scope: the ones it may see, among those asked. */
  async visibleIds(ids: readonly number[], scope: ReadScope): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.light
      .selectFrom('entity as e')
      .select('e.id')
      .where('e.id', 'in', [...new Set(ids)])
      .where(canSeeEntity(scope))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async aliases(entityIds: readonly number[], scope: ReadScope) {
    if (entityIds.length === 0) return [];
    // A page's few entities read on the light lane; an export's thousands are not a light read.
    return (entityIds.length <= 100 ? this.light : this.reader)
      .selectFrom('entity_alias as a')
      .select(['a.id', 'a.entity_id', 'a.name', 'a.key', 'a.created_by', 'a.source_document_id'])
      .where('a.entity_id', 'in', entityIds)
      .where(canSeeAlias(scope))
      .orderBy('a.entity_id')
      .orderBy('a.id')
      .execute();
  }

  async timeline(id: number, scope: ReadScope) {
    return (await timelineSql(id, scope).execute(this.light)).rows;
  }

  async coMentioned(id: number, scope: ReadScope, limit = 20) {
    return (await coMentionedSql(id, scope, limit).execute(this.light)).rows;
  }

  /** Merges into the entity, newest first, with the merged entity's name (the caller decides whether to show it). */
  async merges(intoId: number) {
    return this.light
      .selectFrom('entity_merge as m')
      .innerJoin('entity as f', 'f.id', 'm.from_id')
      .select(['m.id', 'm.from_id', 'f.name as from_name', 'm.merged_by', 'm.merged_at', 'm.undone_by', 'm.undone_at'])
      .where('m.into_id', '=', intoId)
      .orderBy('m.id', 'desc')
      .execute();
  }

  async merge(id: number) {
    return this.reader.selectFrom('entity_merge').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async types() {
    return this.reader.selectFrom('entity_type').select(['name', 'label', 'builtin']).orderBy('builtin', 'desc').orderBy('name').execute();
  }

  async type(name: string) {
    return this.reader.selectFrom('entity_type').select(['name', 'label', 'builtin']).where('name', '=', name).executeTakeFirst();
  }

  /**
   * A visible entity of this type with a visible spelling of this key: what a person's tag of that
   * spelling should join, so that one name does not become two entities. Confirmed ones first.
   */
  async findBySpelling(type: string, key: string, scope: ReadScope): Promise<number | undefined> {
    const row = await this.reader
      .selectFrom('entity as e')
      .innerJoin('entity_alias as a', 'a.entity_id', 'e.id')
      .select('e.id')
      .where('e.type', '=', type)
      .where('a.key', '=', key)
      .where(canSeeAlias(scope))
      .where(canSeeEntity(scope))
      .orderBy(sql`e.status = 'confirmed'`, 'desc')
      .orderBy('e.id')
      .executeTakeFirst();
    return row?.id;
  }

  /** A visible entity of this type with exactly this name: dates and sums are named by their value. */
  async findByName(type: string, name: string, scope: ReadScope): Promise<number | undefined> {
    const row = await this.reader
      .selectFrom('entity as e')
      .select('e.id')
      .where('e.type', '=', type)
      .where('e.name', '=', name)
      .where(canSeeEntity(scope))
      .orderBy('e.id')
      .executeTakeFirst();
    return row?.id;
  }

  /** Collections where the account is an editor member: where it may tag though its role is viewer. */
  async editorMemberships(accountId: number): Promise<number[]> {
    const rows = await this.reader
      .selectFrom('collection_member')
      .select('collection_id')
      .where('account_id', '=', accountId)
      .where('role', '=', 'editor')
      .execute();
    return rows.map((r) => r.collection_id);
  }
}
