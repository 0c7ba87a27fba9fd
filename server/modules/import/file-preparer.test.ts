import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlinePreparer, WorkerPreparer } from './file-preparer.ts';

const FORMATS = resolve(import.meta.dirname, '../../../fixtures/formats');
const request = (name: string) => {
  const path = resolve(FORMATS, name);
  return { file: { path, size: statSync(path).size }, shownPath: name, maxFileBytes: 50 * 1024 * 1024 };
};

describe('preparing files in a worker thread', () => {
  const worker = new WorkerPreparer();
  afterAll(() => worker.close());

  it('gives the same documents as preparing them inline, in order', async () => {
    const names = ['sample.md', 'sample.jsonl', 'sample.pdf', 'no-text.pdf', 'sample.html'];
    const inWorker = await Promise.all(names.map((name) => worker.prepare(request(name))));
    const inline = await Promise.all(names.map((name) => inlinePreparer.prepare(request(name))));
    expect(inWorker).toEqual(inline);
    expect(inWorker[0]!.documents[0]!.passages.length).toBeGreaterThan(0);
    expect(inWorker[3]!.problems[0]!.reason).toMatch(/no text layer/);
  });

  it('reports a file that takes too long and carries on with a fresh worker', async () => {
    const impatient = new WorkerPreparer(1);
    try {
      const slow = await impatient.prepare(request('sample.pdf'));
      expect(slow.problems[0]!.reason).toMatch(/took longer than/);
    } finally {
      await impatient.close();
    }
    expect((await worker.prepare(request('sample.txt'))).documents).toHaveLength(1);
  });
});
