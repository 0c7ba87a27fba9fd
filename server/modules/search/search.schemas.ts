import { Type, type Static } from '@sinclair/typebox';
import { DocumentFilterQuery, DocumentSummary } from '../schemas.ts';

export const SearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 1000,
      description: 'Query: words, "phrases", prefix*, fuzzy~1 or ~2, OR, -exclude, field:value, entity:"Name"',
    }),
  ),
  ...DocumentFilterQuery,
  rank: Type.Optional(
    Type.Literal('all', {
      description:
        'Rank every matching passage and count every matching document, however many (slower): by default a search ranks the ' +
        'first TROVE_RANK_LIMIT (20,000) and counts up to TROVE_FACET_LIMIT (10,000)',
    }),
  ),
});
export type SearchQuery = Static<typeof SearchQuery>;

const Facet = Type.Object({ value: Type.String(), count: Type.Integer() });
const EntityFacet = Type.Object({
  value: Type.String({ description: "The entity's canonical name" }),
  count: Type.Integer({ description: 'Matching documents that mention it (in a matching passage, for a text search)' }),
  entityId: Type.Integer(),
  type: Type.String(),
});

export const AlsoSearch = Type.Object(
  {
    entityId: Type.Integer(),
    name: Type.String({ description: "The entity's canonical name" }),
    spellings: Type.Array(Type.String(), { description: 'Its other spellings, those the query does not search yet' }),
    query: Type.String({ description: 'The query with the spelling replaced by all of them, joined by OR' }),
  },
  { description: 'Offered when the query searches one spelling of a known entity' },
);

export const CounterpartPassage = Type.Object(
  {
    document: Type.Object({
      id: Type.Integer(),
      ref: Type.String(),
      title: Type.Union([Type.String(), Type.Null()]),
      language: Type.Union([Type.String(), Type.Null()]),
    }),
    role: Type.Union([Type.Literal('original'), Type.Literal('translation')], {
      description: 'What the other document is to the matching one',
    }),
    passageIds: Type.Array(Type.Integer(), { description: 'Its passages paired with the hit, in reading order' }),
    ordinal: Type.Integer({ description: 'Ordinal of the first of them' }),
    start: Type.Integer({ description: 'Offset in the other document body where they begin' }),
    end: Type.Integer(),
    excerpt: Type.String({ description: 'The beginning of their text, plain (no highlight markers)' }),
  },
  { description: "The other side's paragraph that the pairing puts beside a hit" },
);
export type CounterpartPassage = Static<typeof CounterpartPassage>;

export const FuzzyExpansion = Type.Object({
  term: Type.String({ description: 'The fuzzy word as searched (folded), without its ~N' }),
  edits: Type.Integer({ minimum: 1, maximum: 2, description: 'Edits allowed: 1 for word~1, 2 for word~2' }),
  matched: Type.Array(Type.String(), {
    maxItems: 20,
    description: 'Other spellings searched with it, closest then commonest first, only from documents the reader may read',
  }),
  partial: Type.Optional(Type.Boolean({ description: 'The vocabulary walk stopped at its budget; closer spellings may be missing' })),
});

export const PassageHit = Type.Object({
  id: Type.Integer(),
  ordinal: Type.Integer(),
  start: Type.Integer({ description: 'Offset of the passage in the document body' }),
  end: Type.Integer(),
  snippet: Type.String({ description: 'Excerpt with U+0002 before and U+0003 after each highlight; never HTML' }),
  page: Type.Optional(
    Type.Union([Type.Integer(), Type.Null()], {
      description: 'The page of a PDF or scan the passage starts on; null when it has no pages',
    }),
  ),
  counterparts: Type.Optional(
    Type.Array(CounterpartPassage, {
      description: 'For a hit in a translation, the original paragraph it renders; for a hit in an original, the translated ones',
    }),
  ),
});

export const SearchResponse = Type.Object({
  query: Type.String(),
  total: Type.Integer({
    description: 'Matching documents; an estimate when totalApproximate is true, a lower bound when totalLowerBound is',
  }),
  totalApproximate: Type.Boolean({
    description: 'True when the total is estimated from a sample: browsing (no words) with filters over more documents than facets count',
  }),
  totalLowerBound: Type.Boolean({
    description:
      'True when a text search matches more documents than it counts (TROVE_FACET_LIMIT, 10,000 by default): `total` is then ' +
      'that limit and more documents match. `rank=all` counts them all',
  }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  rankedAmong: Type.Union([Type.Integer(), Type.Null()], {
    description:
      'When more passages match than a search ranks (TROVE_RANK_LIMIT, 20,000 by default), the limit: the results are then the best ' +
      'of the first that many matching passages in archive order, and `rank=all` ranks every one. Null when every match was ranked',
  }),
  results: Type.Array(
    Type.Object({
      document: DocumentSummary,
      score: Type.Number({ description: 'Relevance (negated bm25 of the best passage); higher is better, 0 when browsing' }),
      passages: Type.Array(PassageHit),
      side: Type.Union([Type.Literal('original'), Type.Literal('translation'), Type.Null()], {
        description: 'Which side of a translation the hit is on; null when the reader can see no original or translation of it',
      }),
    }),
  ),
  facets: Type.Object({
    kind: Type.Array(Facet),
    origin: Type.Array(Facet),
    year: Type.Array(Facet),
    language: Type.Array(Facet),
    collection: Type.Array(Facet),
    entity: Type.Array(EntityFacet, { description: 'The ten entities most mentioned among the results' }),
    approximate: Type.Boolean({
      description:
        'True when more documents match than facets count (TROVE_FACET_LIMIT, 10,000 by default): each count is then a lower bound, ' +
        'taken over the first matching documents in archive order, and `total` is a lower bound (totalLowerBound)',
    }),
    entitiesLoading: Type.Boolean({
      description:
        'True for a short while after a large archive is opened, while its entity mentions load in the background: `entity` is empty until then',
    }),
  }),
  alsoSearch: Type.Union([AlsoSearch, Type.Null()]),
  expansions: Type.Array(FuzzyExpansion, { description: 'One per fuzzy~ word of the query, in the order written; empty without ~' }),
});
export type SearchResponse = Static<typeof SearchResponse>;

export const HighlightsQuery = Type.Object({ q: Type.String({ maxLength: 1000 }) });
export const HighlightsResponse = Type.Object({
  hits: Type.Array(
    Type.Object({
      passageId: Type.Integer(),
      start: Type.Integer({ description: 'Offset in the document body' }),
      end: Type.Integer(),
    }),
  ),
});
export type HighlightsResponse = Static<typeof HighlightsResponse>;
