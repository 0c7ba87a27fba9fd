import type { ColumnType, Generated } from 'kysely';

export type DocumentKind = 'cable' | 'report' | 'document';

export type Visibility = 'public' | 'internal' | 'restricted';

export interface CollectionTable {
  id: Generated<number>;
  name: string;
  visibility: ColumnType<Visibility, Visibility | undefined, Visibility>;
  created_at: ColumnType<string, never, never>;
  /** Kept by the document writer and triggers on document (migrations 0014, 0015): written nowhere else. */
  document_count: ColumnType<number, never, never>;
}

export interface DocumentTable {
  id: Generated<number>;
  collection_id: number;
  ref: string;
  kind: DocumentKind;
  title: string | null;
  date: string | null;
  date_text: string | null;
  language: string | null;
  origin: string | null;
  author: string | null;
  classification: string | null;
  source_file: string | null;
  /** The content hash's 32 bytes (migration 0026): read it with documentHash() of document-hash.ts, never directly. */
  sha256: Buffer;
  /** The text, packed (db/body-packing.mjs): read it with documentBody() of document-body.ts, never directly. */
  body_packed: Buffer | string;
  metadata: string;
  created_at: ColumnType<string, never, never>;
  updated_at: ColumnType<string, never, string>;
}

/** Which document carried this one (an e-mail's attachment, for instance). */
export interface DocumentParentTable {
  document_id: number;
  parent_id: number;
}

/** The file a document came from, in the originals store (see server/modules/originals). A view over the two tables below (migration 0025). */
export interface DocumentOriginalTable {
  document_id: number;
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
  container_sha256: string | null;
}

/** An original file, once however many documents it holds. */
export interface OriginalFileTable {
  id: Generated<number>;
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
  container_sha256: string | null;
}

export interface DocumentFileTable {
  document_id: number;
  file_id: number;
}

export type TranslationDeclaredBy = 'field' | 'record' | 'ref_suffix';

export interface DocumentTranslationTable {
  translation_id: number;
  original_id: number;
  declared_by: TranslationDeclaredBy;
  /** JSON: Array<{ original: number[]; translation: number[] }> of passage ids. */
  alignment: string;
  aligned_by: 'auto' | 'editor';
  decided_by: string | null;
  aligned_at: ColumnType<string, string | undefined, string>;
}

export interface TranslationClaimTable {
  document_id: number;
  ref: string;
  role: 'original' | 'translation' | 'sibling';
  declared_by: TranslationDeclaredBy;
}

export interface SettingTable {
  key: string;
  value: string;
}

/** One page of a paged document (migration 0009); words is JSON PageWord[] for OCR'd pages. */
export interface DocumentPageTable {
  document_id: number;
  number: number;
  start: number;
  end: number;
  width: number | null;
  height: number | null;
  source: 'text' | 'ocr';
  confidence: number | null;
  words: string | null;
}

export type OcrJobStatus = 'queued' | 'running' | 'done' | 'pending' | 'failed';

/** OCR work of one document (migration 0010): pages is JSON number[], low_confidence JSON number[]. */
export interface OcrJobTable {
  document_id: number;
  kind: 'image' | 'pdf';
  file_name: string;
  source: Uint8Array;
  pages: string;
  languages: string | null;
  status: OcrJobStatus;
  engine: string | null;
  note: string | null;
  low_confidence: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<string, string | undefined, string>;
}

export interface PassageTable {
  id: Generated<number>;
  /** Computed from the id (db/passage-id.ts, migration 0023): never written, and not indexed. */
  document_id: ColumnType<number, never, never>;
  ordinal: ColumnType<number, never, never>;
  start: number;
  end: number;
  /** Characters beyond U+FFFF in the body before start and before end; the text is cut from the body (db/passage-text.ts). */
  start_astral: ColumnType<number, number | undefined, number>;
  end_astral: ColumnType<number, number | undefined, number>;
}

export interface PassageFtsTable {
  rowid: number;
  title: string;
  text: string;
}

/** The quote index (migration 0017): contentless FTS5, rowid the passage id, `hashes` its shingle hashes as decimal tokens. */
export interface PassageShingleFtsTable {
  rowid: number;
  hashes: string;
}

export interface QuoteScanTable {
  document_id: number;
  sha256: string;
  scanned_at: ColumnType<string, string | undefined, string>;
}

export type QuotationStyle = 'marks' | 'block' | 'html';

export interface QuotationTable {
  id: Generated<number>;
  document_id: number;
  ordinal: number;
  start: number;
  end: number;
  text: string;
  style: QuotationStyle;
  /** JSON: [{ start, end }] in the report body. */
  fragments: string;
  /** JSON: [{ start, end, text }]. */
  insertions: string;
  /** JSON: [{ start, end }]. */
  ellipses: string;
  too_short: number;
  decision: 'not_in_archive' | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: ColumnType<string, never, never>;
}

export type QuoteLinkStatus = 'suggested' | 'confirmed' | 'rejected' | 'manual';

export interface QuoteLinkTable {
  id: Generated<number>;
  quotation_id: number;
  document_id: number;
  passage_id: number;
  /** JSON: [{ start, end }] in the source body. */
  fragments: string;
  score: number;
  /** JSON: Difference[] (server/pipeline/quotes/quote.types.ts). */
  differences: string;
  status: QuoteLinkStatus;
  orphaned: ColumnType<number, number | undefined, number>;
  /** JSON: [{ exact, prefix, suffix }], one per fragment. */
  anchor: string;
  source_sha256: string;
  decided_by: string | null;
  decided_at: string | null;
  created_at: ColumnType<string, never, never>;
  updated_at: ColumnType<string, string | undefined, string>;
}

export type Role = 'admin' | 'editor' | 'viewer';
export type MemberRole = 'editor' | 'viewer';

export interface AccountTable {
  id: Generated<number>;
  name: string;
  role: Role;
  password_hash: string;
  disabled_at: string | null;
  created_at: ColumnType<string, never, never>;
  updated_at: ColumnType<string, string | undefined, string>;
}

/** Keyed by the sha256 of the session id the cookie carries; times are ISO strings written by the service's clock. */
export interface SessionTable {
  id_hash: string;
  account_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  token_hash: string;
  created_at: ColumnType<string, string | undefined, never>;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CollectionMemberTable {
  collection_id: number;
  account_id: number;
  role: MemberRole;
  created_at: ColumnType<string, never, never>;
}

/** Append-only (triggers refuse updates and deletes). `before` and `after` are JSON. */
export interface AuditEventTable {
  id: Generated<number>;
  at: ColumnType<string, string | undefined, never>;
  actor_id: number | null;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: string | null;
  after: string | null;
}

export interface EntityTypeTable {
  name: string;
  label: string;
  builtin: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<string, never, never>;
}

export type EntityStatus = 'suggested' | 'confirmed';

export interface EntityTable {
  id: Generated<number>;
  type: string;
  name: string;
  description: string | null;
  /** JSON: string[]. */
  labels: ColumnType<string, string | undefined, string>;
  status: ColumnType<EntityStatus, EntityStatus | undefined, EntityStatus>;
  merged_into: number | null;
  created_by: string | null;
  created_at: ColumnType<string, never, never>;
  updated_at: ColumnType<string, string | undefined, string>;
  /** Counted mentions in every collection, kept by triggers (migration 0013): never written by the application. */
  mention_count: ColumnType<number, never, never>;
}

export interface EntityAliasTable {
  id: Generated<number>;
  entity_id: number;
  name: string;
  /** The spelling folded for matching (server/pipeline/entities/alias-key.ts). */
  key: string;
  source_document_id: number | null;
  created_by: string | null;
  created_at: ColumnType<string, never, never>;
}

export type MentionSource = 'rule' | 'gazetteer' | 'model' | 'person';
export type MentionStatus = 'suggested' | 'confirmed' | 'rejected';

export interface MentionTable {
  id: Generated<number>;
  document_id: number;
  passage_id: number;
  start: number;
  end: number;
  /** Null when the body gives it back (migration 0020): read it with mentionText() of entity-mention-text.ts. */
  text: string | null;
  type: string;
  entity_id: number | null;
  source: MentionSource;
  status: ColumnType<MentionStatus, MentionStatus | undefined, MentionStatus>;
  value: string | null;
  decided_by: string | null;
  decided_at: string | null;
  /** A person's tag only (migration 0020); a suggestion dates from its document's scan. */
  created_at: ColumnType<string | null, string | undefined, never>;
  /** The document's date, kept by triggers (migration 0013) so that an entity's mentions are read in date order from one index. */
  document_date: ColumnType<string | null, never, never>;
}

/** Counted mentions (with an entity, not rejected) and documents per entity and collection, kept by triggers (migration 0013). */
export interface EntityCountTable {
  entity_id: number;
  collection_id: number;
  mentions: number;
  documents: number;
}

export interface EntityMergeTable {
  id: Generated<number>;
  into_id: number;
  from_id: number;
  /** JSON: number[]. */
  mention_ids: string;
  /** JSON: number[]. */
  alias_ids: string;
  merged_by: string;
  merged_at: ColumnType<string, string | undefined, never>;
  undone_by: string | null;
  undone_at: string | null;
}

export interface EntityScanTable {
  document_id: number;
  sha256: string;
  extractor: string;
  scanned_at: ColumnType<string, string | undefined, string>;
}

export type JobStateName = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Long work and how far it got (migration 0018): params and checkpoint are JSON. */
export interface JobTable {
  id: Generated<number>;
  kind: string;
  state: JobStateName;
  cancel_requested: ColumnType<number, number | undefined, number>;
  done: ColumnType<number, number | undefined, number>;
  total: number | null;
  unit: string;
  params: ColumnType<string, string | undefined, string>;
  checkpoint: string | null;
  error: string | null;
  created_by_id: number | null;
  created_by: string;
  created_at: ColumnType<string, string | undefined, never>;
  started_at: string | null;
  run_started_at: string | null;
  run_done_before: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<string, string | undefined, string>;
  finished_at: string | null;
}

export interface Database {
  collection: CollectionTable;
  document: DocumentTable;
  document_page: DocumentPageTable;
  ocr_job: OcrJobTable;
  passage: PassageTable;
  document_parent: DocumentParentTable;
  document_original: DocumentOriginalTable;
  original_file: OriginalFileTable;
  document_file: DocumentFileTable;
  document_translation: DocumentTranslationTable;
  translation_claim: TranslationClaimTable;
  setting: SettingTable;
  passage_fts: PassageFtsTable;
  passage_shingle_fts: PassageShingleFtsTable;
  quote_scan: QuoteScanTable;
  quotation: QuotationTable;
  quote_link: QuoteLinkTable;
  account: AccountTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  collection_member: CollectionMemberTable;
  audit_event: AuditEventTable;
  entity_type: EntityTypeTable;
  entity: EntityTable;
  entity_alias: EntityAliasTable;
  mention: MentionTable;
  entity_count: EntityCountTable;
  entity_merge: EntityMergeTable;
  entity_scan: EntityScanTable;
  job: JobTable;
}
