// Wire types for the Trove HTTP API. Those derived from `paths` come from the server's own schemas:
// generated/openapi.d.ts is written by `npm run api:types` from the OpenAPI document and checked by a test,
// so a schema change that the web does not follow fails type-checking. The rest are still hand-kept.
import type { paths } from './generated/openapi.d.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body a route answers with for `status` (200 unless given). */
export type ApiResponse<P extends keyof paths, M extends Method, S extends number = 200> =
  Operation<P, M> extends { responses: infer R }
    ? S extends keyof R
      ? R[S] extends { content: { 'application/json': infer J } }
        ? J
        : never
      : never
    : never;

/** The JSON body a route takes. */
export type ApiBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters a route takes. */
export type ApiQuery<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type DocumentKind = 'cable' | 'report' | 'document';

export type DocumentSummary = DocumentListResponse['documents'][number];

export type DocumentDetail = DocumentResponse['document'];

/** A search snippet: U+0002 opens a highlight and U+0003 closes it; may begin or end with '…'. */
export type SearchPassage = SearchResult['passages'][number];

export type SearchResult = SearchResponse['results'][number];

export interface Facet {
  value: string;
  count: number;
}

export type FacetField = 'kind' | 'origin' | 'year' | 'language' | 'collection';

/**
 * `approximate`: more documents matched than the server counts facets over, so each count is a lower bound.
 * `entitiesLoading`: a large archive just opened is still loading its mentions, so the entity facet is empty for now.
 */
export type Facets = Record<FacetField, Facet[]> & { approximate?: boolean; entitiesLoading?: boolean };

export type SearchResponse = ApiResponse<'/api/search', 'get'>;

export type DocumentSort = 'date' | '-date' | 'ref';

export type DocumentListResponse = ApiResponse<'/api/documents', 'get'>;

export type Passage = DocumentResponse['passages'][number];

export type DocumentResponse = ApiResponse<'/api/documents/{id}', 'get'>;

/** Offsets are into the document body: body.slice(start, end) is the matched text. */
export type Hit = HighlightsResponse['hits'][number];

export type HighlightsResponse = ApiResponse<'/api/documents/{id}/highlights', 'get'>;

export type AlignmentResponse = ApiResponse<'/api/documents/{id}/alignment', 'get'>;

export type AlignmentPair = AlignmentResponse['pairs'][number];

/** The original or a translation of a document, as the document API names it. */
export type TranslationSide = NonNullable<DocumentDetail['original']>;

export type Visibility = 'public' | 'internal' | 'restricted';

export type Collection = CollectionsResponse['collections'][number];

export type CollectionsResponse = ApiResponse<'/api/collections', 'get'>;

export interface ApiErrorBody {
  error: { code: string; message: string; position?: number };
}

/** Filters shared by /api/search and /api/documents. Dates are ISO YYYY-MM-DD. */
export interface DocumentFilters {
  kind?: string;
  origin?: string;
  language?: string;
  collection?: string;
  from?: string;
  to?: string;
}

export interface SearchParams extends DocumentFilters {
  q?: string;
  page?: number;
  pageSize?: number;
  rank?: 'all';
}

export interface ListParams extends DocumentFilters {
  sort?: DocumentSort;
  page?: number;
  pageSize?: number;
}

/** A range of a document body: body.slice(start, end). An empty span marks a position. */
export interface Span {
  start: number;
  end: number;
}

export type DifferenceKind = 'elided' | 'inserted' | 'changed' | 'case_or_punctuation';

/** One way the printed quotation differs from its source; spans are into the report and source bodies. */
export type Difference = QuoteLink['differences'][number];

export type LinkStatus = 'suggested' | 'confirmed' | 'rejected' | 'manual';

export type QuoteLink = Quotation['links'][number];

export type QuotationStatus = 'linked' | 'unmatched' | 'too_short';

export type Quotation = ReportResponse['quotations'][number];

export type ReportResponse = ApiResponse<'/api/reports/by-ref/{ref}', 'get'>;

export type QuotedIn = DocumentQuotedInResponse['quotedIn'][number];

export type DocumentQuotedInResponse = ApiResponse<'/api/documents/{id}/quoted-in', 'get'>;

export type Role = 'admin' | 'editor' | 'viewer';

export type Account = NonNullable<SessionResponse['account']>;

export type SessionResponse = ApiResponse<'/api/session', 'get'>;

// Administration (admins only): accounts, collections and their members, the audit log.

export type AdminAccount = AdminAccountsResponse['accounts'][number];

export type AdminAccountsResponse = ApiResponse<'/api/admin/accounts', 'get'>;

export type NewAccount = ApiBody<'/api/admin/accounts', 'post'>;

export type AccountChange = ApiBody<'/api/admin/accounts/{name}', 'patch'>;

export type AdminCollection = AdminCollectionsResponse['collections'][number];

export type AdminCollectionsResponse = ApiResponse<'/api/admin/collections', 'get'>;

export type MemberRole = 'editor' | 'viewer';

export type CollectionMember = MembersResponse['members'][number];

export type MembersResponse = ApiResponse<'/api/admin/collections/{name}/members', 'get'>;

export type AuditEvent = AuditResponse['events'][number];

export type AuditResponse = ApiResponse<'/api/audit', 'get'>;

export interface AuditParams {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  since?: string;
  until?: string;
  before?: number;
  limit?: number;
}

// Entities (issue 8): every type below comes from the server's schemas.

export type EntityListResponse = ApiResponse<'/api/entities', 'get'>;
export type EntityListParams = ApiQuery<'/api/entities', 'get'>;
export type EntitySort = NonNullable<EntityListParams['sort']>;
export type EntitySummary = EntityListResponse['entities'][number];
export type EntityStatus = EntitySummary['status'];

export type EntityPageResponse = ApiResponse<'/api/entities/{id}', 'get'>;
export type EntityDetail = EntityPageResponse['entity'];
export type EntityAlias = EntityDetail['aliasList'][number];
export type TimelineMonth = EntityPageResponse['timeline'][number];
export type CoMentioned = EntityPageResponse['coMentioned'][number];
export type EntityMerge = EntityPageResponse['merges'][number];

export type EntityMentionsResponse = ApiResponse<'/api/entities/{id}/mentions', 'get'>;
export type EntityMentionsParams = ApiQuery<'/api/entities/{id}/mentions', 'get'>;
export type EntityMention = EntityMentionsResponse['mentions'][number];
export type MentionSort = NonNullable<EntityMentionsParams['sort']>;

export type EntityTypesResponse = ApiResponse<'/api/entity-types', 'get'>;
export type EntityType = EntityTypesResponse['types'][number];

export type NewEntity = ApiBody<'/api/entities', 'post'>;
export type EntityChange = ApiBody<'/api/entities/{id}', 'patch'>;
export type EntityResponse = ApiResponse<'/api/entities/{id}', 'patch'>;
export type AliasResponse = ApiResponse<'/api/entities/{id}/aliases', 'post', 201>;
export type MergeResponse = ApiResponse<'/api/entities/{id}/merge', 'post'>;
export type SplitBody = ApiBody<'/api/entities/{id}/split', 'post'>;

/** Type-checking fails here when a route or status the web relies on leaves the schemas, rather than the type quietly becoming never. */
type Known<T> = [T] extends [never] ? false : true;
type AllKnown<T extends true[]> = T;
export type ApiTypesKnown = AllKnown<
  [
    Known<ReportResponse>,
    Known<Quotation>,
    Known<QuoteLink>,
    Known<Difference>,
    Known<DocumentQuotedInResponse>,
    Known<QuotedIn>,
    Known<DocumentSummary>,
    Known<DocumentDetail>,
    Known<SearchPassage>,
    Known<SearchResult>,
    Known<SearchResponse>,
    Known<DocumentListResponse>,
    Known<Passage>,
    Known<DocumentResponse>,
    Known<Hit>,
    Known<HighlightsResponse>,
    Known<AlignmentResponse>,
    Known<TranslationSide>,
    Known<Collection>,
    Known<CollectionsResponse>,
    Known<Account>,
    Known<SessionResponse>,
    Known<AdminAccount>,
    Known<AdminAccountsResponse>,
    Known<NewAccount>,
    Known<AccountChange>,
    Known<AdminCollection>,
    Known<AdminCollectionsResponse>,
    Known<CollectionMember>,
    Known<MembersResponse>,
    Known<AuditEvent>,
    Known<AuditResponse>,
  ]
>;
export type EntityTypesKnown = AllKnown<
  [
    Known<EntitySummary>,
    Known<EntityListParams>,
    Known<EntityDetail>,
    Known<EntityAlias>,
    Known<TimelineMonth>,
    Known<CoMentioned>,
    Known<EntityMerge>,
    Known<EntityMention>,
    Known<EntityMentionsParams>,
    Known<EntityType>,
    Known<NewEntity>,
    Known<EntityChange>,
    Known<EntityResponse>,
    Known<AliasResponse>,
    Known<MergeResponse>,
    Known<SplitBody>,
  ]
>;
