import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TroveDatabase } from '../../../db/client.ts';
import { createServices } from '../../services.ts';
import type { ImportService, ImportSummary } from './import.service.ts';

export const SAMPLE_COLLECTION = 'sample';
const REPORTS = 'reports';

/**
 * Imports the bundled synthetic archive into an empty database, so the first start has something to
 * search, and waits for its entities to be extracted (a few seconds), so that it has them too.
 */
export async function seedSampleArchive(
  db: TroveDatabase,
  folder: string,
  maxFileBytes: number,
  originalsDir?: string,
): Promise<ImportSummary | null> {
  const any = await db.writer.selectFrom('document').select('id').limit(1).executeTakeFirst();
  if (any || !existsSync(folder)) return null;
  const services = createServices(db, { originalsDir });
  const summary = await importSample(services.import, folder, maxFileBytes);
  await services.extraction.whenIdle();
  return summary;
}

async function importSample(service: ImportService, folder: string, maxFileBytes: number): Promise<ImportSummary> {
  // The sample is synthetic and meant to be read by anyone who starts Trove, signed in or not.
  const options = { collection: SAMPLE_COLLECTION, visibility: 'public' as const, maxFileBytes, baseDir: folder };
  if (!existsSync(join(folder, REPORTS))) return service.importPaths([folder], options);
  // The reports come second and as reports (the news page says nothing of its kind), so that
  // their quotations are linked against the cables already there.
  const others = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== REPORTS && !entry.name.startsWith('.'))
    .map((entry) => join(folder, entry.name));
  const archive = await service.importPaths(others, options);
  const reports = await service.importPaths([join(folder, REPORTS)], { ...options, kind: 'report' });
  return {
    collection: { ...archive.collection, created: archive.collection.created || reports.collection.created },
    imported: archive.imported + reports.imported,
    updated: archive.updated + reports.updated,
    skipped: archive.skipped + reports.skipped,
    failed: [...archive.failed, ...reports.failed],
    ignored: [...archive.ignored, ...reports.ignored],
    skippedFiles: [...archive.skippedFiles, ...reports.skippedFiles],
    documents: [...archive.documents, ...reports.documents],
    warnings: [...archive.warnings, ...reports.warnings],
    quotes: reports.quotes,
  };
}
