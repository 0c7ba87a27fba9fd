import type { DocumentsRepository, DocumentSummaryRow } from '../../../db/documents.repository.ts';
import { notFound } from '../../errors.ts';
import { asList, type DocumentSummary } from '../schemas.ts';
import type { CollectionList, DocumentDetail, DocumentList, ListDocumentsQuery } from './documents.schemas.ts';

export function toSummary(row: DocumentSummaryRow): DocumentSummary {
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    date: row.date,
    dateText: row.date_text,
    kind: row.kind,
    origin: row.origin,
    language: row.language,
    collection: row.collection,
  };
}

export class DocumentsService {
  constructor(private readonly documents: DocumentsRepository) {}

  async list(query: ListDocumentsQuery): Promise<DocumentList> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const filters = {
      kind: asList(query.kind),
      origin: asList(query.origin),
      language: asList(query.language),
      collection: asList(query.collection),
      from: query.from,
      to: query.to,
    };
    const { total, documents } = await this.documents.list(filters, query.sort ?? '-date', pageSize, (page - 1) * pageSize);
    return { total, page, pageSize, documents: documents.map(toSummary) };
  }

  async byId(id: number): Promise<DocumentDetail> {
    const row = await this.documents.findById(id);
    if (!row) throw notFound('document.not_found', `There is no document with id ${id}.`);
    return this.detail(row);
  }

  async byRef(ref: string): Promise<DocumentDetail> {
    const row = await this.documents.findByRef(ref);
    if (!row) throw notFound('document.not_found', `There is no document with the reference "${ref}".`);
    return this.detail(row);
  }

  async collections(): Promise<CollectionList> {
    const rows = await this.documents.listCollections();
    return { collections: rows.map((r) => ({ id: r.id, name: r.name, documentCount: Number(r.documentCount) })) };
  }

  private async detail(row: NonNullable<Awaited<ReturnType<DocumentsRepository['findById']>>>): Promise<DocumentDetail> {
    const passages = await this.documents.passagesOf(row.id);
    return {
      document: {
        ...toSummary(row),
        author: row.author,
        classification: row.classification,
        sourceFile: row.source_file,
        sha256: row.sha256,
        metadata: JSON.parse(row.metadata) as Record<string, unknown>,
        body: row.body,
      },
      passages,
    };
  }
}
