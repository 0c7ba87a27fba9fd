import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAndPrepare } from './read-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'trove-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading one file', () => {
  it('refuses a document with more passages than passage ids can hold, and keeps its siblings', async () => {
    const path = join(dir, 'records.jsonl');
    writeFileSync(path, '{"ref":"MANY","text":"one\\n\\ntwo\\n\\nthree"}\n{"ref":"FEW","text":"just one"}\n');
    const result = await readAndPrepare({
      file: { path, size: statSync(path).size, kind: 'document' },
      shownPath: 'records.jsonl',
      maxFileBytes: 1e6,
      maxPassages: 2,
    });
    expect(result.documents.map((d) => d.ref)).toEqual(['FEW']);
    expect(result.problems).toEqual([{ reason: 'The document MANY splits into 3 passages, more than the 2 a document may have.' }]);
  });
});
