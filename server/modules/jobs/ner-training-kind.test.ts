import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NerTrainer } from '../entities/extraction.training.ts';
import { nerTrainingKind } from './job-kinds.ts';

const STUB = resolve(import.meta.dirname, '../../../fixtures/ner-trainer-stub.mjs');
// The stand-in checks its arguments as the real script reads them, and can be slowed or made to fail.
const trainer = new NerTrainer({
  databasePath: '/nowhere.db',
  command: { file: process.execPath, args: [STUB, '--with-corrections', '--db', '/nowhere.db'] },
});
const kind = nerTrainingKind(trainer);

afterEach(() => {
  delete process.env.STUB_TRAINER_MS;
  delete process.env.STUB_TRAINER_FAIL;
});

describe('the tagger training job', () => {
  it('trains one language a batch, from its checkpoint, and ends after the last', async () => {
    const signal = new AbortController().signal;
    expect(kind.plan({})).toEqual({ total: 2, checkpoint: { next: 0 } });
    expect(await kind.batch({ next: 0 }, 0, signal)).toEqual({ done: 1, checkpoint: { next: 1 }, finished: false });
    // Resumed after a restart: the language already trained is not trained again.
    expect(await kind.batch({ next: 1 }, 1, signal)).toEqual({ done: 2, checkpoint: { next: 2 }, finished: true });
  });

  it('fails the job with what the script said', async () => {
    process.env.STUB_TRAINER_FAIL = '1';
    await expect(kind.batch({ next: 0 }, 0, new AbortController().signal)).rejects.toThrow(
      'Training failed (exit code 1): The corrections could not be read.',
    );
  });

  it('does not start the script once the server is closing', async () => {
    process.env.STUB_TRAINER_MS = '20000';
    const closed = new AbortController();
    closed.abort();
    const started = Date.now();
    expect(await kind.batch({ next: 0 }, 0, closed.signal)).toEqual({ done: 0, checkpoint: { next: 0 }, finished: false });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops the script when the server closes, counting nothing for that language', async () => {
    process.env.STUB_TRAINER_MS = '20000';
    const closing = new AbortController();
    const started = Date.now();
    setTimeout(() => closing.abort(), 200);
    expect(await kind.batch({ next: 1 }, 1, closing.signal)).toEqual({ done: 1, checkpoint: { next: 1 }, finished: false });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
