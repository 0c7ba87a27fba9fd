import type { OcrWork } from '../server/pipeline/ocr/ocr.types.ts';
import type { PreparedDocument } from '../server/pipeline/prepare-document.ts';
import { documentRows, shingleRows } from '../server/pipeline/quotes/index-rows.ts';
import { packBody } from './body-packing.mjs';
import { documentHashSql, hashBytes } from './document-hash.ts';
import type { TroveDatabase } from './client.ts';
import type { OriginalFileTable, Visibility } from './schema.ts';
import { passageId, passageIdRange } from './passage-id.ts';
import { astralShifts } from './passage-text.ts';
import { noteQuoteIndexWrite, shingleTokens } from './quote-index.repository.ts';

/** The parts of a document that change when its text is read again (OCR). */
export type TextRewrite = Pick<PreparedDocument, 'body' | 'metadata' | 'passages' | 'indexTitle' | 'kind' | 'pages'>;

/**
 * What the import pipeline prepared, placed in a collection; `packedBody` when the body was packed already
 * (the writer thread's caller packs it, so that the busier writer thread need not).
 */
export type NewDocument = PreparedDocument & { collectionId: number; packedBody?: Buffer | string };

const DOCUMENT_COLUMNS = `collection_id, ref, kind, title, date, date_text, language, origin, author, classification, source_file, sha256, body_packed, metadata`;

/**
 * The import's write path. It runs on prepared statements of the writer's own connection because
 * a query builder per row costs more than SQLite itself at archive scale (see bench/).
 */
export class DocumentWriter {
  private readonly statements;

  // Only the writer: the import's writer thread has its own connection and no readers (document-writer.thread.ts).
  constructor(private readonly db: Pick<TroveDatabase, 'writer' | 'writerConnection'>) {
    const c = db.writerConnection;
    this.statements = {
      existing: c.prepare<[Buffer, string], { id: number; ref: string; sha256: string }>(
        `select id, ref, ${documentHashSql('document')} as sha256 from document where sha256 = ? or ref = ?`,
      ),
      insertDocument: c.prepare(
        `insert into document (${DOCUMENT_COLUMNS}) values (${DOCUMENT_COLUMNS.split(',')
          .map(() => '?')
          .join(', ')})`,
      ),
      updateDocument: c.prepare(
        `update document set (${DOCUMENT_COLUMNS}, updated_at) = (${DOCUMENT_COLUMNS.split(',')
          .map(() => '?')
          .join(', ')}, strftime('%Y-%m-%dT%H:%M:%fZ','now')) where id = ?`,
      ),
      // By each rowid, before the passages go: FTS5 finds a range of rowids in a contentless table only by
      // reading its whole index (78 ms a document at 200,000 passages, against 0.5 ms).
      deleteIndexed: c.prepare<[number, number]>(
        'delete from passage_fts where rowid in (select id from passage where id between ? and ?)',
      ),
      deletePassages: c.prepare<[number, number]>('delete from passage where id between ? and ?'),
      deletePages: c.prepare('delete from document_page where document_id = ?'),
      // Plain inserts, with the old row deleted first when a document is replaced: `insert or replace`
      // makes SQLite keep a statement journal for each row, which cost a tenth of a millisecond a document.
      queueOcr: c.prepare(
        `insert into ocr_job (document_id, kind, file_name, source, pages, languages, status) values (?, ?, ?, ?, ?, ?, 'queued')`,
      ),
      unqueueOcr: c.prepare('delete from ocr_job where document_id = ?'),
      rewriteBody: c.prepare(
        `update document set body_packed = ?, metadata = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`,
      ),
      insertPage: c.prepare(
        'insert into document_page (document_id, number, start, "end", width, height, source, confidence, words) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertPassage: c.prepare('insert into passage (id, start, "end", start_astral, end_astral) values (?, ?, ?, ?, ?)'),
      insertIndexed: c.prepare('insert into passage_fts (rowid, title, text) values (?, ?, ?)'),
      // The quote index (migrations 0017 and 0021): a document's rows are one rowid range (server/pipeline/quotes/index-rows.ts).
      insertShingles: c.prepare('insert into passage_shingle_fts (rowid, hashes) values (?, ?)'),
      deleteShingles: c.prepare<[number, number]>('delete from passage_shingle_fts where rowid between ? and ?'),
      linkParent: c.prepare<[number, Buffer, number]>(
        'insert into document_parent (document_id, parent_id) select ?, id from document where sha256 = ? and id <> ?',
      ),
      unlinkParent: c.prepare('delete from document_parent where document_id = ?'),
      deleteClaims: c.prepare('delete from translation_claim where document_id = ?'),
      insertClaim: c.prepare('insert or ignore into translation_claim (document_id, ref, role, declared_by) values (?, ?, ?, ?)'),
      quoteIndexInUse: c.prepare<[], number>('select exists (select 1 from passage_shingle_fts)').pluck(),
      // The tables behind the document_original view (migration 0025), written directly in single-row
      // statements: through the view's triggers the import took a third longer (bench/README.md, session 14).
      lastFile: c.prepare<[], Omit<OriginalFileTable, 'id'> & { id: number }>(
        'select id, sha256, file_name, media_type, size, container_sha256 from original_file order by id desc limit 1',
      ),
      insertFile: c.prepare('insert into original_file (sha256, file_name, media_type, size, container_sha256) values (?, ?, ?, ?, ?)'),
      linkFile: c.prepare('insert into document_file (document_id, file_id) values (?, ?)'),
      unlinkOriginal: c.prepare('delete from document_file where document_id = ?'),
      countDocuments: c.prepare('update collection set document_count = document_count + ? where id = ?'),
      hasOriginal: c.prepare<[number], number>('select exists (select 1 from document_file where document_id = ?)').pluck(),
    };
  }

  async ensureCollection(name: string, visibility?: Visibility): Promise<number> {
    await this.db.writer
      .insertInto('collection')
      .values({ name, visibility })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db.writer.selectFrom('collection').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    return row.id;
  }

  /** Documents that already have this content or this ref. */
  findExisting(sha256: string, ref: string): Array<{ id: number; ref: string; sha256: string }> {
    return this.statements.existing.all(hashBytes(sha256), ref);
  }

  /** Writes many documents in one transaction: all of them land, or none (re-running the import finishes the job). */
  saveAll(documents: NewDocument[], replaceIds: Map<string, number>): Map<string, number> {
    const ids = new Map<string, number>();
    const write = this.db.writerConnection.transaction(() => {
      // Until an archive has reports to link, the quote index is not written at all (quote linking
      // builds it when the first report arrives).
      const quoteIndexInUse = this.statements.quoteIndexInUse.get() === 1;
      const added = new Map<number, number>();
      for (const d of documents) {
        const replaceId = replaceIds.get(d.ref);
        const replaced = replaceId !== undefined;
        const id = replaced ? this.replace(replaceId, d, quoteIndexInUse) : this.insert(d);
        if (!replaced) added.set(d.collectionId, (added.get(d.collectionId) ?? 0) + 1);
        this.insertPassages(id, d, quoteIndexInUse);
        this.insertPages(id, d);
        if (d.ocr !== undefined) this.queueOcr(id, d.ocr, replaced);
        if (d.parentSha256 !== undefined) this.linkParent(id, d.parentSha256, replaced);
        this.linkOriginal(id, d, replaced);
        if (replaced) this.statements.deleteClaims.run(id);
        for (const claim of d.translationClaims) this.statements.insertClaim.run(id, claim.ref, claim.role, claim.declaredBy);
        ids.set(d.ref, id);
      }
      // collection.document_count (migration 0015): once a batch, not by a trigger on every insert.
      for (const [collectionId, count] of added) this.statements.countDocuments.run(count, collectionId);
    });
    write();
    return ids;
  }

  /** The file is in the originals store already (the import keeps it first); a replaced document drops the old one's link. */
  private linkOriginal(id: number, d: NewDocument, replaced: boolean): void {
    const o = d.original;
    if (replaced) this.statements.unlinkOriginal.run(id);
    if (o) this.statements.linkFile.run(id, this.fileId(o));
  }

  /** The file's row: the last one recorded when it is the same file (a file's documents arrive one after another), else a new one. */
  private fileId(o: NonNullable<NewDocument['original']>): number {
    const last = this.statements.lastFile.get();
    const container = o.containerSha256 ?? null;
    if (
      last &&
      last.sha256 === o.sha256 &&
      last.file_name === o.fileName &&
      last.media_type === o.mediaType &&
      last.size === o.size &&
      last.container_sha256 === container
    ) {
      return last.id;
    }
    return Number(this.statements.insertFile.run(o.sha256, o.fileName, o.mediaType, o.size, container).lastInsertRowid);
  }

  private linkParent(id: number, parentSha256: string, replaced: boolean): void {
    if (replaced) this.statements.unlinkParent.run(id);
    this.statements.linkParent.run(id, hashBytes(parentSha256), id);
  }

  /** For a document imported before originals were kept, found again unchanged: it gains the original just stored. */
  addMissingOriginal(id: number, original: NonNullable<NewDocument['original']>): void {
    this.db.writerConnection.transaction(() => {
      if (this.statements.hasOriginal.get(id) === 0) this.statements.linkFile.run(id, this.fileId(original));
    })();
  }

  private insert(d: NewDocument): number {
    return Number(this.statements.insertDocument.run(...documentValues(d)).lastInsertRowid);
  }

  private replace(id: number, d: NewDocument, quoteIndexInUse: boolean): number {
    this.deleteIndexed(id, quoteIndexInUse);
    this.statements.deletePassages.run(...passageIdRange(id));
    this.statements.deletePages.run(id);
    this.statements.updateDocument.run(...documentValues(d), id);
    return id;
  }

  private insertPassages(
    documentId: number,
    d: Pick<NewDocument, 'passages' | 'indexTitle' | 'kind' | 'body'>,
    quoteIndexInUse: boolean,
  ): void {
    const shifts = astralShifts(d.body, d.passages);
    for (const [k, p] of d.passages.entries()) {
      const id = passageId(documentId, p.ordinal);
      const { startAstral, endAstral } = shifts[k]!;
      this.statements.insertPassage.run(id, p.start, p.end, startAstral, endAstral);
      this.statements.insertIndexed.run(id, d.indexTitle, p.indexText);
    }
    // Reports quote the archive; they are never the source of a quotation, so they need no shingles.
    if (d.kind === 'report' || !quoteIndexInUse) return;
    for (const [row, hashes] of shingleRows(
      documentId,
      d.passages.map((p) => p.text),
    ))
      this.statements.insertShingles.run(row, shingleTokens(hashes));
    noteQuoteIndexWrite(this.db.writerConnection);
  }

  /** A document's rows in the search index (by passage id) and, when it is in use, the quote index (by their range). */
  private deleteIndexed(id: number, quoteIndexInUse: boolean): void {
    this.statements.deleteIndexed.run(...passageIdRange(id));
    if (quoteIndexInUse) {
      this.statements.deleteShingles.run(...documentRows(id));
      noteQuoteIndexWrite(this.db.writerConnection);
    }
  }

  private queueOcr(documentId: number, work: OcrWork, replaced: boolean): void {
    if (replaced) this.statements.unqueueOcr.run(documentId);
    const languages = work.languages === undefined ? null : work.languages.join('+');
    this.statements.queueOcr.run(documentId, work.kind, work.fileName, Buffer.from(work.bytes), JSON.stringify(work.pages), languages);
  }

  /**
   * A document's new text (OCR finished): body, passages, search index, quote shingles and pages replaced in one
   * transaction; everything else about the document stays.
   */
  rewriteText(id: number, d: TextRewrite, after?: () => void): void {
    const write = this.db.writerConnection.transaction(() => {
      const quoteIndexInUse = this.statements.quoteIndexInUse.get() === 1;
      this.deleteIndexed(id, quoteIndexInUse);
      this.statements.deletePassages.run(...passageIdRange(id));
      this.statements.deletePages.run(id);
      this.statements.rewriteBody.run(packBody(d.body), JSON.stringify(d.metadata), id);
      this.insertPassages(id, d, quoteIndexInUse);
      this.insertPages(id, d);
      after?.();
    });
    write();
  }

  private insertPages(documentId: number, d: Pick<NewDocument, 'pages'>): void {
    for (const p of d.pages ?? []) {
      const words = p.words === undefined ? null : JSON.stringify(p.words);
      this.statements.insertPage.run(
        documentId,
        p.number,
        p.start,
        p.end,
        p.width ?? null,
        p.height ?? null,
        p.source,
        p.confidence ?? null,
        words,
      );
    }
  }
}

function documentValues(d: NewDocument): unknown[] {
  return [
    d.collectionId,
    d.ref,
    d.kind,
    d.title,
    d.date,
    d.dateText,
    d.language,
    d.origin,
    d.author,
    d.classification,
    d.sourceFile,
    hashBytes(d.sha256),
    d.packedBody ?? packBody(d.body),
    JSON.stringify(d.metadata),
  ];
}
