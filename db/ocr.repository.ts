import { sql } from 'kysely';
import type { Db } from './client.ts';
import { documentBody } from './document-body.ts';
import type { OcrJobStatus } from './schema.ts';

export interface OcrJob {
  documentId: number;
  ref: string;
  kind: 'image' | 'pdf';
  fileName: string;
  source: Uint8Array;
  pages: number[];
  languages: string[] | undefined;
  documentLanguage: string | null;
  attempts: number;
}

export interface OcrJobListing {
  documentId: number;
  ref: string;
  fileName: string;
  status: OcrJobStatus;
  engine: string | null;
  note: string | null;
  lowConfidence: number[];
}

const listingColumns = [
  'ocr_job.document_id as documentId',
  'document.ref as ref',
  'ocr_job.file_name as fileName',
  'ocr_job.status as status',
  'ocr_job.engine as engine',
  'ocr_job.note as note',
  'ocr_job.low_confidence as lowConfidence',
] as const;

const now = sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

/** The OCR queue (ocr_job, migration 0010). Operator work: no ReadScope, only the command line reaches it. */
export class OcrRepository {
  constructor(private readonly writer: Db) {}

  /** Work a stopped process had claimed goes back to the queue, so OCR resumes after a restart. */
  async resumeInterrupted(): Promise<number> {
    const result = await this.writer
      .updateTable('ocr_job')
      .set({ status: 'queued', updated_at: now })
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Claims the next queued job in one statement, so two runners never take the same one. */
  async claimNext(): Promise<OcrJob | undefined> {
    const claimed = await this.writer
      .updateTable('ocr_job')
      .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), updated_at: now }))
      .where('document_id', '=', (eb) =>
        eb.selectFrom('ocr_job').select('document_id').where('status', '=', 'queued').orderBy('document_id').limit(1),
      )
      .returning(['document_id', 'kind', 'file_name', 'source', 'pages', 'languages', 'attempts'])
      .executeTakeFirst();
    if (claimed === undefined) return undefined;
    const document = await this.writer
      .selectFrom('document')
      .select(['ref', 'language'])
      .where('id', '=', claimed.document_id)
      .executeTakeFirstOrThrow();
    return {
      documentId: claimed.document_id,
      ref: document.ref,
      kind: claimed.kind,
      fileName: claimed.file_name,
      source: claimed.source,
      pages: JSON.parse(claimed.pages) as number[],
      languages: claimed.languages === null ? undefined : claimed.languages.split('+'),
      documentLanguage: document.language,
      attempts: claimed.attempts,
    };
  }

  async finish(
    documentId: number,
    outcome: { status: OcrJobStatus; engine?: string; note?: string; lowConfidence?: number[]; languages?: string[] },
  ): Promise<void> {
    await this.writer
      .updateTable('ocr_job')
      .set({
        status: outcome.status,
        engine: outcome.engine ?? null,
        note: outcome.note ?? null,
        low_confidence: outcome.lowConfidence === undefined ? null : JSON.stringify(outcome.lowConfidence),
        ...(outcome.languages === undefined ? {} : { languages: outcome.languages.join('+') }),
        updated_at: now,
      })
      .where('document_id', '=', documentId)
      .execute();
  }

  /** Queues again the given documents' OCR (all of it without ids), with other languages when asked. */
  async requeue(documentIds: number[] | 'all', languages?: string[]): Promise<number> {
    let query = this.writer
      .updateTable('ocr_job')
      .set({ status: 'queued', note: null, updated_at: now, ...(languages ? { languages: languages.join('+') } : {}) });
    if (documentIds !== 'all') {
      if (documentIds.length === 0) return 0;
      query = query.where('document_id', 'in', documentIds);
    } else {
      query = query.where('status', '<>', 'running');
    }
    return Number((await query.executeTakeFirst()).numUpdatedRows);
  }

  async list(status?: OcrJobStatus): Promise<OcrJobListing[]> {
    let query = this.writer.selectFrom('ocr_job').innerJoin('document', 'document.id', 'ocr_job.document_id').select(listingColumns);
    if (status !== undefined) query = query.where('ocr_job.status', '=', status);
    const rows = await query.orderBy('ocr_job.document_id').execute();
    return rows.map((row) => ({ ...row, lowConfidence: row.lowConfidence === null ? [] : (JSON.parse(row.lowConfidence) as number[]) }));
  }

  async counts(): Promise<Record<OcrJobStatus, number>> {
    const rows = await this.writer
      .selectFrom('ocr_job')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts: Record<OcrJobStatus, number> = { queued: 0, running: 0, done: 0, pending: 0, failed: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /** Document ids of refs; refs not found are returned apart. */
  async idsOfRefs(refs: string[]): Promise<{ ids: number[]; unknown: string[] }> {
    if (refs.length === 0) return { ids: [], unknown: [] };
    const rows = await this.writer.selectFrom('document').select(['id', 'ref']).where('ref', 'in', refs).execute();
    const found = new Set(rows.map((row) => row.ref));
    return { ids: rows.map((row) => row.id), unknown: refs.filter((ref) => !found.has(ref)) };
  }

  async documentText(documentId: number) {
    return this.writer
      .selectFrom('document')
      .select(['kind', 'title', documentBody('document').as('body'), 'metadata'])
      .where('id', '=', documentId)
      .executeTakeFirstOrThrow();
  }
}
