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

export interface Database {
  collection: CollectionTable;
  document: DocumentTable;
  passage: PassageTable;
  passage_fts: PassageFtsTable;
}
