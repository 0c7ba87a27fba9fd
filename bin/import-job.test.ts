// `trove import` as a job row, in process: the row follows the files, and a cancel asked on the jobs page stops the
// import between files, keeping what it stored, so that the same import again finishes it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../server/modules/import/import.service.ts';
import { createServices } from '../server/services.ts';
import { importAsJob, recordImport } from './import-job.ts';

const FILES = 5;
const CLI = { id: null, name: 'cli:test' };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trove-import-job-'));
  mkdirSync(join(dir, 'files'));
  for (let i = 1; i <= FILES; i++) writeFileSync(join(dir, 'files', `${i}.txt`), `Memo number ${i} about the harbour.`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('records the import as a job, and stops between files when it is cancelled, resuming when run again', async () => {
  const db = await openDatabase(':memory:', { readers: 0 });
  try {
    const services = createServices(db);
    const options = { collection: 'memos', maxFileBytes: DEFAULT_MAX_FILE_BYTES, batchDocuments: 1, baseDir: dir };
    const run = (onFile?: (id: number) => void) => {
      // Looking for a cancel at every step: the files here take milliseconds, not the seconds of a real import.
      const job = recordImport(services.jobs.repository, CLI, { paths: ['files'] }, { checkMs: 0 });
      return {
        job,
        summary: importAsJob(job, () =>
          services.import.importPaths([join(dir, 'files')], {
            ...options,
            onProgress: (p) => {
              job.progress(p);
              onFile?.(job.id);
            },
            signal: job.signal,
          }),
        ),
      };
    };
    // An admin cancels while the first file is read: the next look at the row (the first write) sees it.
    const first = run((id) => services.jobs.repository.requestCancel(id));
    const cancelled = await first.summary;
    expect(first.job.signal.aborted).toBe(true);
    expect(cancelled.imported).toBeGreaterThan(0);
    expect(cancelled.imported).toBeLessThan(FILES);
    expect(services.jobs.repository.find(first.job.id)).toMatchObject({
      kind: 'import',
      state: 'cancelled',
      unit: 'files',
      total: FILES,
      done: cancelled.imported,
      createdBy: 'cli:test',
      params: { paths: ['files'], pid: process.pid },
    });

    const again = run();
    const finished = await again.summary;
    expect({ imported: finished.imported, skipped: finished.skipped }).toEqual({
      imported: FILES - cancelled.imported,
      skipped: cancelled.imported,
    });
    expect(services.jobs.repository.find(again.job.id)).toMatchObject({
      state: 'done',
      done: FILES,
      total: FILES,
      checkpoint: { documents: FILES },
    });
  } finally {
    await db.close();
  }
});
