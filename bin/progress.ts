import type { ImportProgress } from '../server/modules/import/import.service.ts';

const REDRAW_MS = 100;
// Erases what a longer line drawn before left to the right of the cursor.
export const CLEAR_TO_END = '\x1b[K';

/**
 * A one-line progress bar for terminals, redrawn in place on stderr: files, documents, megabytes, rate and
 * time left. Nothing at all when stderr is not a terminal (a pipe, a log file, `--json`), so output stays clean.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: ImportProgress): void; done(): void } {
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(p) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - lastDraw < REDRAW_MS && p.filesDone < p.filesTotal) return;
      lastDraw = now;
      drawn = true;
      // A pseudo-terminal may not know its size (columns 0).
      stream.write(`\r${renderProgress(p, (now - started) / 1000, stream.columns || 80)}${CLEAR_TO_END}`);
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}

/** The progress line, never wider than the terminal. */
export function renderProgress(p: ImportProgress, seconds: number, columns: number): string {
  const fraction = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.filesTotal > 0 ? p.filesDone / p.filesTotal : 1;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const rate = seconds > 0 ? `${mb(p.bytesDone / seconds)} MB/s, ${Math.round(p.documents / seconds).toLocaleString('en')} docs/s` : '';
  const parts = [
    `${p.filesDone.toLocaleString('en')}/${p.filesTotal.toLocaleString('en')} files`,
    `${p.documents.toLocaleString('en')} documents`,
    `${mb(p.bytesDone)}/${mb(p.bytesTotal)} MB`,
    rate,
    timeLeft(fraction, seconds),
  ].filter(Boolean);
  const stats = ` ${parts.join('  ')}`;
  const width = Math.max(10, Math.min(30, columns - stats.length - 4));
  const filled = Math.round(Math.min(1, fraction) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${stats}`.slice(0, Math.max(0, columns - 1));
}

/** "2m 05s left" from the share done so far and the time it took; empty until there is a rate to go by. */
export function timeLeft(fraction: number, seconds: number): string {
  if (fraction >= 1) return 'done';
  if (fraction <= 0 || seconds < 1) return '';
  return `${formatDuration((seconds / fraction) * (1 - fraction))} left`;
}

/** A duration as people read it on a progress line: 45s, 3m 05s, 2h 10m. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
