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

export interface DocumentSummary {
  id: number;
  ref: string;
  title: string | null;
  date: string | null;
  dateText: string | null;
  kind: DocumentKind;
  origin: string | null;
  language: string | null;
  collection: string;
}

export interface DocumentDetail extends DocumentSummary {
  author: string | null;
  classification: string | null;
  sourceFile: string | null;
  sha256: string;
  metadata: Record<string, unknown>;
  body: string;
}

/** A search snippet: U+0002 opens a highlight and U+0003 closes it; may begin or end with '…'. */
export interface SearchPassage {
  id: number;
  ordinal: number;
  start: number;
  end: number;
  snippet: string;
}

export interface SearchResult {
  document: DocumentSummary;
  score: number;
  passages: SearchPassage[];
}

export interface Facet {
  value: string;
  count: number;
}

export type FacetField = 'kind' | 'origin' | 'year' | 'language' | 'collection';

export type Facets = Record<FacetField, Facet[]>;

export interface SearchResponse {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  results: SearchResult[];
  facets: Facets;
}

export type DocumentSort = 'date' | '-date' | 'ref';

export interface DocumentListResponse {
  total: number;
  page: number;
  pageSize: number;
  documents: DocumentSummary[];
}

export interface Passage {
  id: number;
  ordinal: number;
  start: number;
  end: number;
  text: string;
}

export interface DocumentResponse {
  document: DocumentDetail;
  passages: Passage[];
}

/** Offsets are into the document body: body.slice(start, end) is the matched text. */
export interface Hit {
  passageId: number;
  start: number;
  end: number;
}

export interface HighlightsResponse {
  hits: Hit[];
}

export type Visibility = 'public' | 'internal' | 'restricted';

export interface Collection {
  id: number;
  name: string;
  documentCount: number;
  /** public: anyone; internal: any signed-in account; restricted: members only. */
  visibility: Visibility;
}

export interface CollectionsResponse {
  collections: Collection[];
}

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
export interface Difference {
  kind: DifferenceKind;
  report: Span | null;
  source: Span | null;
  reportText: string;
  sourceText: string;
}

export type LinkStatus = 'suggested' | 'confirmed' | 'rejected' | 'manual';

export interface QuoteLink {
  id: number;
  status: LinkStatus;
  /** The source changed and the quoted text could not be found in it again. */
  orphaned: boolean;
  /** 0..1 */
  score: number;
  document: DocumentSummary;
  /** The passage holding the first fragment. */
  passage: { id: number; ordinal: number; start: number; end: number } | null;
  /** Offsets into the SOURCE body, in order. */
  fragments: Span[];
  differences: Difference[];
  decidedBy: string | null;
  decidedAt: string | null;
}

export type QuotationStatus = 'linked' | 'unmatched' | 'too_short';

export interface Quotation {
  id: number;
  /** Position in the report from 1: the #q7 of a report URL. */
  ordinal: number;
  /** report body.slice(start, end) === text */
  start: number;
  end: number;
  text: string;
  style: 'marks' | 'block' | 'html';
  status: QuotationStatus;
  tooShort: boolean;
  decision: 'not_in_archive' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The quoted words in the report body, between ellipses and insertions. */
  fragments: Span[];
  /** Bracketed words the report added; the span includes the brackets, text does not. */
  insertions: Array<Span & { text: string }>;
  ellipses: Span[];
  /** Confirmed and attached links first, then suggestions best first, then rejected ones. */
  links: QuoteLink[];
}

export interface ReportResponse {
  report: DocumentSummary & { body: string };
  counts: { quotations: number; linked: number; unmatched: number; tooShort: number };
  quotations: Quotation[];
  /** Whether the signed-in account may review this report's quotations. */
  canReview: boolean;
}

export interface QuotedIn {
  link: { id: number; status: LinkStatus; score: number; passageId: number; fragments: Span[] };
  quotation: { id: number; ordinal: number; text: string };
  report: DocumentSummary;
}

export interface DocumentQuotedInResponse {
  documentId: number;
  quotedIn: QuotedIn[];
}

export type Role = 'admin' | 'editor' | 'viewer';

export interface Account {
  id: number;
  name: string;
  role: Role;
}

export interface SessionResponse {
  /** The signed-in account, or null for an anonymous reader. */
  account: Account | null;
  /** Sent back in the x-csrf-token header with every change made under this session. */
  csrfToken: string | null;
}

// Administration (admins only): accounts, collections and their members, the audit log.

export interface AdminAccount {
  id: number;
  name: string;
  role: Role;
  /** A disabled account cannot sign in, and its sessions and tokens stop working. */
  disabled: boolean;
  createdAt: string;
}

export interface AdminAccountsResponse {
  accounts: AdminAccount[];
}

export interface NewAccount {
  name: string;
  role: Role;
  password: string;
}

export interface AccountChange {
  role?: Role;
  disabled?: boolean;
}

export interface AdminCollection {
  id: number;
  name: string;
  visibility: Visibility;
  documentCount: number;
  memberCount: number;
}

export interface AdminCollectionsResponse {
  collections: AdminCollection[];
}

export type MemberRole = 'editor' | 'viewer';

export interface CollectionMember {
  name: string;
  role: MemberRole;
}

export interface MembersResponse {
  members: CollectionMember[];
}

export interface AuditEvent {
  id: number;
  at: string;
  /** An account name, or cli:<login name> for the command line. */
  actor: string;
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Arbitrary JSON values, or null: show as text, never as markup. */
  before: unknown;
  after: unknown;
}

export interface AuditResponse {
  /** Newest first. */
  events: AuditEvent[];
  /** Pass as `before` for older events; null at the end. */
  nextBefore: number | null;
}

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
