import { existsSync } from 'node:fs';
import type { TroveDatabase } from '../../../db/client.ts';
import { DocumentWriter } from '../../../db/document-writer.ts';
import { ImportService, type ImportSummary } from './import.service.ts';

export const SAMPLE_COLLECTION = 'sample';

/** Imports the bundled synthetic archive into an empty database, so the first start has something to search. */
export async function seedSampleArchive(db: TroveDatabase, folder: string, maxFileBytes: number): Promise<ImportSummary | null> {
  const any = await db.writer.selectFrom('document').select('id').limit(1).executeTakeFirst();
  if (any || !existsSync(folder)) return null;
  const service = new ImportService(new DocumentWriter(db));
  return service.importPaths([folder], { collection: SAMPLE_COLLECTION, maxFileBytes, baseDir: folder });
}
