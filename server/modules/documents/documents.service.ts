import type { ReadScope } from '../../../db/access.ts';
import type { DocumentsRepository, DocumentSummaryRow } from '../../../db/documents.repository.ts';
import type { PagesRepository } from '../../../db/pages.repository.ts';
import type { TranslationsRepository } from '../../../db/translations.repository.ts';
import { notFound } from '../../errors.ts';
import type { OriginalFileInfo } from '../originals/originals.service.ts';
import { withPages } from '../pages/document-pages.ts';
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

function toRelated(row: { id: number; ref: string; title: string | null; source_file: string | null }) {
  return { id: row.id, ref: row.ref, title: row.title, sourceFile: row.source_file };
}

function toTranslationSide(row: { id: number; ref: string; title: string | null; language: string | null; source_file: string | null }) {
  return { ...toRelated(row), language: row.language };
}

export class DocumentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly translations: TranslationsRepository,
    private readonly originals?: { info(documentId: number): Promise<OriginalFileInfo | null> },
    private readonly pages?: PagesRepository,
  ) {}

  async list(query: ListDocumentsQuery, scope: ReadScope): Promise<DocumentList> {
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
    const { total, approximate, documents } = await this.documents.list(
      filters,
      scope,
      query.sort ?? '-date',
      pageSize,
      (page - 1) * pageSize,
    );
    return { total, totalApproximate: approximate, page, pageSize, documents: documents.map(toSummary) };
  }

  // A document the scope may not read is reported exactly like one that does not exist.
  async byId(id: number, scope: ReadScope): Promise<DocumentDetail> {
    const row = await this.documents.findById(id, scope);
    if (!row) throw notFound('document.not_found', `There is no document with id ${id}.`);
    return this.detail(row, scope);
  }

  async byRef(ref: string, scope: ReadScope): Promise<DocumentDetail> {
    const row = await this.documents.findByRef(ref, scope);
    if (!row) throw notFound('document.not_found', `There is no document with the reference "${ref}".`);
    return this.detail(row, scope);
  }

  async collections(scope: ReadScope): Promise<CollectionList> {
    const rows = await this.documents.listCollections(scope);
    return {
      collections: rows.map((r) => ({ id: r.id, name: r.name, visibility: r.visibility, documentCount: Number(r.documentCount) })),
    };
  }

  private async detail(row: NonNullable<Awaited<ReturnType<DocumentsRepository['findById']>>>, scope: ReadScope): Promise<DocumentDetail> {
    const [passages, parent, attachments, original, translations, originalFile, pages] = await Promise.all([
      this.documents.passagesOf(row.id),
      this.documents.parentOf(row.id, scope),
      this.documents.attachmentsOf(row.id, scope),
      this.translations.originalOf(row.id, scope),
      this.translations.translationsOf(row.id, scope),
      this.originals?.info(row.id) ?? null,
      this.pages?.pagesOf(row.id) ?? [],
    ]);
    return {
      document: {
        ...toSummary(row),
        author: row.author,
        classification: row.classification,
        sourceFile: row.source_file,
        sha256: row.sha256,
        metadata: JSON.parse(row.metadata) as Record<string, unknown>,
        body: row.body,
        parent: parent === undefined ? null : toRelated(parent),
        attachments: attachments.map(toRelated),
        original: original === undefined ? null : toTranslationSide(original),
        translations: translations.map(toTranslationSide),
        originalFile,
      },
      ...withPages(passages, pages),
    };
  }
}
