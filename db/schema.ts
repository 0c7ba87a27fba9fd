import type { ColumnType, Generated } from 'kysely';

export type DocumentKind = 'cable' | 'report' | 'document';

export interface CollectionTable {
  id: Generated<number>;
  name: string;
  created_at: ColumnType<string, never, never>;
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
  sha256: string;
  body: string;
  metadata: string;
  created_at: ColumnType<string, never, never>;
  updated_at: ColumnType<string, never, string>;
}

export interface PassageTable {
  id: Generated<number>;
  document_id: number;
  ordinal: number;
  start: number;
  end: number;
  text: string;
}

export interface PassageFtsTable {
  rowid: number;
  title: string;
  text: string;
}

export interface PassageShingleTable {
  hash: number;
  passage_id: number;
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

export interface Database {
  collection: CollectionTable;
  document: DocumentTable;
  passage: PassageTable;
  passage_fts: PassageFtsTable;
  passage_shingle: PassageShingleTable;
  quote_scan: QuoteScanTable;
  quotation: QuotationTable;
  quote_link: QuoteLinkTable;
}
