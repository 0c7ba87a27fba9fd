import { Type, type Static } from '@sinclair/typebox';
import { DocumentFilterQuery, DocumentSummary } from '../schemas.ts';

export const SearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 1000, description: 'Query: words, "phrases", prefix*, OR, -exclude, field:value, entity:"Name"' }),
  ),
  ...DocumentFilterQuery,
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

export const PassageHit = Type.Object({
  id: Type.Integer(),
  ordinal: Type.Integer(),
  start: Type.Integer({ description: 'Offset of the passage in the document body' }),
  end: Type.Integer(),
  snippet: Type.String({ description: 'Excerpt with U+0002 before and U+0003 after each highlight; never HTML' }),
});

export const SearchResponse = Type.Object({
  query: Type.String(),
  total: Type.Integer({ description: 'Matching documents' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  results: Type.Array(
    Type.Object({
      document: DocumentSummary,
      score: Type.Number({ description: 'Relevance (negated bm25 of the best passage); higher is better, 0 when browsing' }),
      passages: Type.Array(PassageHit),
    }),
  ),
  facets: Type.Object({
    kind: Type.Array(Facet),
    origin: Type.Array(Facet),
    year: Type.Array(Facet),
    language: Type.Array(Facet),
    collection: Type.Array(Facet),
    entity: Type.Array(EntityFacet, { description: 'The ten entities most mentioned among the results' }),
  }),
  alsoSearch: Type.Union([AlsoSearch, Type.Null()]),
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
