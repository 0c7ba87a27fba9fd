import { existsSync } from 'node:fs';
import { openDatabase } from '../db/client.ts';
import { documentBody } from '../db/document-body.ts';
import { loadTagger } from '../server/pipeline/entities/tagger/index.ts';
import type { LabelledSentence } from '../server/pipeline/entities/tagger/training/conll.ts';
import { correctionSentences, type Decision } from '../server/pipeline/entities/tagger/training/corrections.ts';

/**
 * Journalists' decided mentions (confirmed or rejected, decided_by set) as training sentences. The
 * database is only read; no migration runs.
 */
export async function readCorrections(path: string): Promise<{ en: LabelledSentence[]; fa: LabelledSentence[] }> {
  if (!existsSync(path)) throw new Error(`No database at ${path}; pass --db FILE.`);
  const db = await openDatabase(path, { migrate: false, readers: 0 });
  try {
    const rows = await db.reader
      .selectFrom('mention')
      .innerJoin('document', 'document.id', 'mention.document_id')
      .select(['mention.document_id as documentId', 'mention.start', 'mention.end', 'mention.type', 'mention.status'])
      .where('mention.decided_by', 'is not', null)
      .where('mention.status', 'in', ['confirmed', 'rejected'])
      .orderBy('mention.document_id')
      .orderBy('mention.start')
      .execute();
    const byDocument = new Map<number, Decision[]>();
    for (const row of rows) {
      const list = byDocument.get(row.documentId) ?? [];
      list.push({ start: row.start, end: row.end, type: row.type, status: row.status as Decision['status'] });
      byDocument.set(row.documentId, list);
    }
    const tagger = loadTagger();
    const result = { en: [] as LabelledSentence[], fa: [] as LabelledSentence[] };
    for (const [documentId, decisions] of byDocument) {
      const document = await db.reader
        .selectFrom('document')
        .select([documentBody('document').as('body'), 'language'])
        .where('id', '=', documentId)
        .executeTakeFirst();
      if (document === undefined) continue;
      const sentences = correctionSentences(document.body, document.language, decisions, tagger);
      result.en.push(...sentences.en);
      result.fa.push(...sentences.fa);
    }
    return result;
  } finally {
    await db.close();
  }
}
