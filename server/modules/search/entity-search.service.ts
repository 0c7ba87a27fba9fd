import type { ReadScope } from '../../../db/access.ts';
import type { MentionInPassage, SearchEntitiesRepository, SpelledEntity, Spelling } from '../../../db/search-entities.repository.ts';
import { searchAllQuery, spellingCandidates } from '../../pipeline/also-search.ts';
import { aliasKey } from '../../pipeline/entities/alias-key.ts';
import { buildSnippet } from '../../pipeline/highlight.ts';
import { WORD, fold } from '../../pipeline/normalise.ts';
import type { ParsedQuery, Term } from '../../pipeline/query-parser.ts';
import type { SearchResponse } from './search.schemas.ts';

/** What the `entity:` filters of a query come to. */
export interface ResolvedEntityFilters {
  /** Per filter naming mentioned entities, their ids (see SearchFilters.entities). */
  groups: number[][];
  /**
   * Per filter naming only entities with no mention yet (made by hand, not tagged anywhere): their
   * spellings as alternatives, searched as text instead.
   */
  include: Term[][];
}

// Entities made by hand can have many spellings; a filter searches this many of them as text.
const MAX_TEXT_SPELLINGS = 16;

/**
 * Entities in search: resolving `entity:` filters and offering other spellings. Every lookup takes the
 * reader's scope, so an entity the reader may not know of answers exactly like one that does not exist.
 */
export class EntitySearchService {
  constructor(private readonly entities: SearchEntitiesRepository) {}

  /** Null when some filter names no entity the scope may see: the search then matches nothing. */
  async resolveFilters(names: readonly string[], scope: ReadScope): Promise<ResolvedEntityFilters | null> {
    if (names.length === 0) return { groups: [], include: [] };
    const keys = names.map(aliasKey);
    const byKey = await this.entities.byKey([...new Set(keys)], scope);
    const unmatched = names.filter((_, i) => !byKey.some((e) => e.key === keys[i]));
    const byName = await this.entities.byName([...new Set(unmatched.map((n) => n.trim()))], scope);
    const named = keys.map((key, i) =>
      distinct([...byKey.filter((e) => e.key === key), ...byName.filter((e) => e.name === names[i]!.trim())]),
    );
    if (named.some((entities) => entities.length === 0)) return null;
    const unmentioned = named.filter((entities) => !entities.some((e) => e.mentioned));
    const spellings = await this.spellingsOf(unmentioned.flat(), scope);
    const include = unmentioned.map((entities) => textAlternatives(entities.flatMap((e) => spellings.get(e.entityId) ?? [])));
    if (include.some((terms) => terms.length === 0)) return null;
    return {
      groups: named.filter((entities) => entities.some((e) => e.mentioned)).map((entities) => idsOf(entities.filter((e) => e.mentioned))),
      include,
    };
  }

  /** The other spellings of the entity the query names, and a query that searches them all; null if none. */
  async alsoSearch(input: string, query: ParsedQuery, scope: ReadScope): Promise<SearchResponse['alsoSearch']> {
    const candidates = spellingCandidates(input, query);
    if (candidates.length === 0) return null;
    const found = await this.entities.byKey(
      candidates.map((c) => c.key),
      scope,
    );
    const candidate = candidates.find((c) => found.some((e) => e.key === c.key));
    if (!candidate) return null;
    const entity = found.filter((e) => e.key === candidate.key).sort(preferred)[0]!;
    const searched = new Set(candidates.map((c) => c.key));
    const others = ((await this.spellingsOf([entity], scope)).get(entity.entityId) ?? []).filter((s) => !searched.has(s.key));
    if (others.length === 0) return null;
    const ready = searchAllQuery(
      input,
      candidate,
      others.map((s) => s.name),
    );
    if (ready === null) return null;
    return { entityId: entity.entityId, name: entity.name, spellings: others.map((s) => s.name), query: ready };
  }

  /**
   * For documents listed by entity: filters alone: the first passages of each that mention the
   * entities, with the mentions marked, as a text search marks its words.
   */
  async mentionPassages(
    documentIds: readonly number[],
    groups: readonly number[][],
    perDocument: number,
  ): Promise<Map<number, PassageHit[]>> {
    const mentions = await this.entities.mentionsInPassages(documentIds, [...new Set(groups.flat())]);
    const byDocument = new Map<number, PassageHit[]>();
    for (const passage of groupByPassage(mentions)) {
      const hits = byDocument.get(passage[0]!.documentId) ?? [];
      if (hits.length < perDocument) hits.push(toHit(passage));
      byDocument.set(passage[0]!.documentId, hits);
    }
    return byDocument;
  }

  /** Canonical name first, then the visible aliases, one per key. */
  private async spellingsOf(entities: readonly SpelledEntity[], scope: ReadScope): Promise<Map<number, Spelling[]>> {
    const result = new Map<number, Spelling[]>();
    if (entities.length === 0) return result;
    for (const e of entities) result.set(e.entityId, [{ entityId: e.entityId, name: e.name, key: aliasKey(e.name) }]);
    for (const alias of await this.entities.spellings(idsOf(entities), scope)) {
      const list = result.get(alias.entityId)!;
      if (!list.some((s) => s.key === alias.key)) list.push(alias);
    }
    return result;
  }
}

type PassageHit = SearchResponse['results'][number]['passages'][number];

function groupByPassage(mentions: readonly MentionInPassage[]): MentionInPassage[][] {
  const passages: MentionInPassage[][] = [];
  for (const m of mentions) {
    const last = passages.at(-1);
    if (last && last[0]!.passageId === m.passageId) last.push(m);
    else passages.push([m]);
  }
  return passages;
}

/** Mentions arrive by start; overlapping ones are marked as one range. */
function toHit(mentions: MentionInPassage[]): PassageHit {
  const { passageId, ordinal, passageStart, text, page } = mentions[0]!;
  const ranges: Array<{ start: number; end: number }> = [];
  for (const m of mentions) {
    const range = { start: m.start - passageStart, end: m.end - passageStart };
    const previous = ranges.at(-1);
    if (previous && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
    else ranges.push(range);
  }
  return { id: passageId, ordinal, start: passageStart, end: passageStart + text.length, snippet: buildSnippet(text, ranges), page };
}

function idsOf(entities: readonly SpelledEntity[]): number[] {
  return [...new Set(entities.map((e) => e.entityId))];
}

function distinct(entities: SpelledEntity[]): SpelledEntity[] {
  return entities.filter((e, i) => entities.findIndex((o) => o.entityId === e.entityId) === i);
}

/** A person's entity before the machine's; then one the archive mentions; then the oldest. */
function preferred(a: SpelledEntity, b: SpelledEntity): number {
  return Number(b.status === 'confirmed') - Number(a.status === 'confirmed') || b.mentioned - a.mentioned || a.entityId - b.entityId;
}

function textAlternatives(spellings: readonly Spelling[]): Term[] {
  return spellings.slice(0, MAX_TEXT_SPELLINGS).flatMap((s) => {
    const tokens = fold(s.name).match(WORD) ?? [];
    return tokens.length === 0 ? [] : [{ tokens, prefix: false, titleOnly: false, start: -1, end: -1, quoted: true }];
  });
}
