import { sql, type RawBuilder } from 'kysely';
import { canReadDocument, type ReadScope } from './access.ts';
import type { TroveDatabase } from './client.ts';
import { canSeeAlias, canSeeEntity } from './entity-visibility.ts';
import { passageText } from './passage-text.ts';
import { pageOfSql } from './search.repository.ts';

/** A visible entity that one of the searched spellings names. */
export interface SpelledEntity {
  /** The alias key that matched, or null when the canonical name did. */
  key: string | null;
  entityId: number;
  name: string;
  type: string;
  status: 'suggested' | 'confirmed';
  /** Whether it has a mention (not rejected) in a document the scope may read. */
  mentioned: number;
}

export interface Spelling {
  entityId: number;
  name: string;
  key: string;
}

/** A mention (not rejected) with the passage it is in, offsets into the document body. */
export interface MentionInPassage {
  documentId: number;
  passageId: number;
  ordinal: number;
  passageStart: number;
  text: string;
  start: number;
  end: number;
  /** The page the passage starts on; null in a document without pages. */
  page: number | null;
}

function mentionedSql(scope: ReadScope): RawBuilder<number> {
  return sql<number>`exists (select 1 from mention rm where rm.entity_id = e.id and rm.status != 'rejected'
    and ${canReadDocument(scope, sql`rm.document_id`)})`;
}

/** Visible entities with a visible alias whose key is one of `keys`; through the alias key index. */
export function entitiesByKeySql(keys: readonly string[], scope: ReadScope): RawBuilder<SpelledEntity> {
  return sql<SpelledEntity>`
    select a.key, e.id as "entityId", e.name, e.type, e.status, ${mentionedSql(scope)} as mentioned
    from entity_alias a join entity e on e.id = a.entity_id
    where a.key in (${sql.join(keys)}) and ${canSeeAlias(scope, 'a')} and ${canSeeEntity(scope, 'e')}
    order by e.id`;
}

/** Visible entities whose canonical name is exactly one of `names`, for an entity that lacks an alias of its own name. */
export function entitiesByNameSql(names: readonly string[], scope: ReadScope): RawBuilder<SpelledEntity> {
  return sql<SpelledEntity>`
    select null as key, e.id as "entityId", e.name, e.type, e.status, ${mentionedSql(scope)} as mentioned
    from entity e
    where e.name in (${sql.join(names)}) and ${canSeeEntity(scope, 'e')}
    order by e.id`;
}

/** The spellings of the entities that the scope may see, oldest first. */
export function spellingsSql(entityIds: readonly number[], scope: ReadScope): RawBuilder<Spelling> {
  return sql<Spelling>`
    select a.entity_id as "entityId", a.name, a.key from entity_alias a
    where a.entity_id in (${sql.join(entityIds)}) and ${canSeeAlias(scope, 'a')}
    order by a.entity_id, a.id`;
}

/** Where the given documents mention the entities, in reading order; the documents' readability is the caller's. */
export function mentionsInPassagesSql(documentIds: readonly number[], entityIds: readonly number[]): RawBuilder<MentionInPassage> {
  return sql<MentionInPassage>`
    select m.document_id as "documentId", m.passage_id as "passageId", p.ordinal, p.start as "passageStart", ${passageText('p', 'd')} as text, m.start, m."end",
      ${pageOfSql(sql`p.document_id`, sql`p.start`)} as page
    from mention m join passage p on p.id = m.passage_id join document d on d.id = p.document_id
    where m.entity_id in (${sql.join(entityIds)}) and m.status != 'rejected' and m.document_id in (${sql.join(documentIds)})
    order by m.document_id, p.ordinal, m.start`;
}

/**
 * The entity lookups of a search: which entities an `entity:` filter or a searched phrase names.
 * Callers pass only entity ids these return; visibility is decided here.
 */
export class SearchEntitiesRepository {
  constructor(private readonly db: TroveDatabase) {}

  async byKey(keys: readonly string[], scope: ReadScope): Promise<SpelledEntity[]> {
    if (keys.length === 0) return [];
    return (await entitiesByKeySql(keys, scope).execute(this.db.reader)).rows;
  }

  async byName(names: readonly string[], scope: ReadScope): Promise<SpelledEntity[]> {
    if (names.length === 0) return [];
    return (await entitiesByNameSql(names, scope).execute(this.db.reader)).rows;
  }

  async mentionsInPassages(documentIds: readonly number[], entityIds: readonly number[]): Promise<MentionInPassage[]> {
    if (documentIds.length === 0 || entityIds.length === 0) return [];
    return (await mentionsInPassagesSql(documentIds, entityIds).execute(this.db.reader)).rows;
  }

  async spellings(entityIds: readonly number[], scope: ReadScope): Promise<Spelling[]> {
    if (entityIds.length === 0) return [];
    return (await spellingsSql(entityIds, scope).execute(this.db.reader)).rows;
  }
}
