import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../server/modules/import/import.service.ts';
import { formatDuration, progressBar, renderProgress, timeLeft } from './progress.ts';

const MB = 1024 * 1024;
const progress = (p: Partial<ImportProgress>): ImportProgress => ({
  filesDone: 0,
  filesTotal: 0,
  bytesDone: 0,
  bytesTotal: 0,
  documents: 0,
  currentFile: '',
  ...p,
});

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, columns: 100, write: (chunk: string) => written.push(chunk) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('import progress line', () => {
  it('shows files, documents, megabytes, rate and time left within the terminal width', () => {
    const line = renderProgress(
      progress({ filesDone: 5, filesTotal: 10, bytesDone: 10 * MB, bytesTotal: 40 * MB, documents: 1234 }),
      2,
      120,
    );
    expect(line).toBe('[########----------------------] 5/10 files  1,234 documents  10.0/40.0 MB  5.0 MB/s, 617 docs/s  6s left');
    expect(renderProgress(progress({}), 0, 40).length).toBeLessThan(40);
    const narrow = renderProgress(progress({ filesDone: 1, filesTotal: 3, bytesDone: MB, bytesTotal: 3 * MB, documents: 9 }), 5, 50);
    expect(narrow.length).toBe(49);
    expect(narrow).toMatch(/^\[#{3,4}-+\] 1\/3 files/);
  });

  it('says nothing about time left until there is a rate to go by, and says done at the end', () => {
    expect(timeLeft(0, 30)).toBe('');
    expect(timeLeft(0.5, 0.2)).toBe('');
    expect(timeLeft(0.25, 60)).toBe('3m 00s left');
    expect(timeLeft(1, 60)).toBe('done');
    expect([0, 44.6, 185, 3599, 7830].map(formatDuration)).toEqual(['0s', '45s', '3m 05s', '59m 59s', '2h 10m']);
  });

  it('redraws one line in place on a terminal and writes nothing at all anywhere else', () => {
    const tty = fakeStream(true);
    const bar = progressBar(tty.stream);
    bar.update(progress({ filesDone: 0, filesTotal: 2, bytesTotal: MB }));
    bar.update(progress({ filesDone: 2, filesTotal: 2, bytesDone: MB, bytesTotal: MB, documents: 2 }));
    bar.done();
    expect(tty.written).toHaveLength(3);
    for (const chunk of tty.written.slice(0, 2)) expect(chunk.startsWith('\r[') && chunk.endsWith('\u001b[K')).toBe(true);
    expect(tty.written[1]).toContain('2/2 files  2 documents');
    expect(tty.written[2]).toBe('\n');

    const pipe = fakeStream(false);
    const quiet = progressBar(pipe.stream);
    quiet.update(progress({ filesDone: 1, filesTotal: 2 }));
    quiet.done();
    expect(pipe.written).toEqual([]);
  });
});
