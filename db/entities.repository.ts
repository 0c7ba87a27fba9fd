import { sql } from 'kysely';
import { canReadDocument, type ReadScope } from './access.ts';
import type { Db } from './client.ts';
import { ENTITY_TOTAL_CAP, entityCountSql, entityListSql, type EntityFilters, type EntityRow, type EntitySort } from './entity-list.ts';
import { coMentionedSql, edgeDateSql, entitySummarySql, LIVE, timelineSql } from './entity-page.ts';
import { canSeeAlias, canSeeEntity } from './entity-visibility.ts';

export { coMentionedSql, entityCountSql, entityListSql, entitySummarySql, timelineSql, type EntityFilters, type EntitySort };

export interface EntitySummaryRow extends EntityRow {
  first_date: string | null;
  last_date: string | null;
}

/**
 * First and last dates of readable documents mentioning these entities: two steps each into
 * mention_entity_date_idx. An export (`ids` null) reads every counted mention once instead.
 */
export function entityDatesSql(ids: readonly number[] | null, scope: ReadScope) {
  type Row = { entity_id: number; first_date: string | null; last_date: string | null };
  if (ids === null) {
    return sql<Row>`select m.entity_id, min(m.document_date) as first_date, max(m.document_date) as last_date
      from mention m where m.entity_id is not null and m.status in ${LIVE} and ${canReadDocument(scope, sql`m.document_id`)}
      group by m.entity_id`;
  }
  const e = sql.ref('e.id');
  return sql<Row>`select e.id as entity_id, ${edgeDateSql(scope, e, 'asc')} as first_date, ${edgeDateSql(scope, e, 'desc')} as last_date
    from entity e where e.id in (${sql.join(ids)})`;
}

/** Entities, their spellings, types and merges as the API reads them; every read takes the reader's scope. */
export class EntitiesRepository {
  /** `light` serves an entity's page (the light-read lane, see TroveDatabase), `reader` the lists, exports and the rest. */
  constructor(
    private readonly reader: Db,
    private readonly light: Db = reader,
  ) {}

  /** One page and the total, counted up to ENTITY_TOTAL_CAP: `approximate` when there are more (the total is then a lower bound). */
  async list(scope: ReadScope, filters: EntityFilters, sort: EntitySort, limit: number, offset: number) {
    const [rows, count] = await Promise.all([
      entityListSql(scope, filters, sort, limit, offset).execute(this.reader),
      entityCountSql(scope, filters).execute(this.reader),
    ]);
    const counted = Number(count.rows[0]?.n ?? 0);
    const withMentions = rows.rows.filter((r) => Number(r.mentions) > 0).map((r) => r.id);
    // A long list (an export) reads every entity's dates in one pass rather than naming thousands of ids.
    const dates =
      withMentions.length === 0
        ? []
        : (await entityDatesSql(withMentions.length > 500 ? null : withMentions, scope).execute(this.reader)).rows;
    const byEntity = new Map(dates.map((d) => [d.entity_id, d]));
    const entities: EntitySummaryRow[] = rows.rows.map((r) => ({
      ...r,
      first_date: byEntity.get(r.id)?.first_date ?? null,
      last_date: byEntity.get(r.id)?.last_date ?? null,
    }));
    const approximate = counted > ENTITY_TOTAL_CAP;
    // Past the cap, the rows of this page still show that there are at least that many.
    const total = approximate ? Math.max(ENTITY_TOTAL_CAP, offset + entities.length) : counted;
    return { total, approximate, rows: entities };
  }

  async summary(id: number, scope: ReadScope): Promise<EntitySummaryRow | undefined> {
    return (await entitySummarySql<EntitySummaryRow>(id, scope).execute(this.light)).rows[0];
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
