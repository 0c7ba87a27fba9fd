// yauzl's lazy entries as promises. The error listener stays attached for the zip's whole life:
// an 'error' event with no listener would throw out of the event loop.
import type yauzl from 'yauzl';
import { describe } from './bounded-read.ts';

export type NextEntry = { kind: 'entry'; entry: yauzl.Entry } | { kind: 'end' } | { kind: 'error'; message: string };

export class ZipEntryQueue {
  private pending: ((next: NextEntry) => void) | null = null;
  private failed: string | null = null;
  private ended = false;

  constructor(private readonly zip: yauzl.ZipFile) {
    zip.on('entry', (entry: yauzl.Entry) => this.settle({ kind: 'entry', entry }));
    zip.on('end', () => {
      this.ended = true;
      this.settle({ kind: 'end' });
    });
    zip.on('error', (error: unknown) => {
      this.failed = describe(error);
      this.settle({ kind: 'error', message: this.failed });
    });
  }

  next(): Promise<NextEntry> {
    if (this.failed !== null) return Promise.resolve({ kind: 'error', message: this.failed });
    if (this.ended) return Promise.resolve({ kind: 'end' });
    return new Promise((resolve) => {
      this.pending = resolve;
      this.zip.readEntry();
    });
  }

  private settle(next: NextEntry): void {
    const resolve = this.pending;
    this.pending = null;
    resolve?.(next);
  }
}
