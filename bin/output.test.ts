import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../server/modules/import/import.service.ts';
import { ignoredLines, importSummaryLine } from './output.ts';

const summary = (extra: Partial<ImportSummary> = {}): ImportSummary => ({
  collection: { name: 'leaks', visibility: 'internal', created: true },
  imported: 3,
  updated: 0,
  skipped: 1,
  failed: [],
  ignored: [],
  skippedFiles: [],
  documents: [],
  warnings: [],
  ...extra,
});

describe('the import summary on the command line', () => {
  it('counts the ignored files and says where the documents went and who can read them', () => {
    const ignored = [{ file: 'a.png', reason: 'image (needs OCR)' }];
    expect(importSummaryLine(summary({ ignored }))).toBe(
      'Import finished into the new internal collection "leaks" (every signed-in account can read it): ' +
        '3 imported, 0 updated, 1 skipped (already imported), 0 failed, 1 ignored.',
    );
  });

  it('lists ignored files grouped by reason, a few names each', () => {
    const ignored = [
      ...['1.png', '2.png', '3.jpg', '4.tif', '5.png'].map((file) => ({ file, reason: 'image (needs OCR)' })),
      { file: '.DS_Store', reason: 'hidden system file' },
    ];
    expect(ignoredLines(ignored)).toEqual([
      '  ignored  5 × image (needs OCR): 1.png, 2.png, 3.jpg, and 2 more',
      '  ignored  1 × hidden system file: .DS_Store',
    ]);
  });
});
