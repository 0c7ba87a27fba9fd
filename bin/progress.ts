import type { ImportProgress } from '../server/modules/import/import.service.ts';

/** A one-line progress bar for terminals: files, megabytes, rate and time left. Silent when not a TTY. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: ImportProgress): void; done(): void } {
  const started = Date.now();
  let lastDraw = 0;
  return {
    update(p) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - lastDraw < 100 && p.filesDone < p.filesTotal) return;
      lastDraw = now;
      stream.write(`\r${renderProgress(p, (now - started) / 1000, stream.columns ?? 80)}`);
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

export function renderProgress(p: ImportProgress, seconds: number, columns: number): string {
  const fraction = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.filesTotal > 0 ? p.filesDone / p.filesTotal : 1;
  const rate = seconds > 0 ? p.bytesDone / 1024 / 1024 / seconds : 0;
  const eta = fraction > 0 && fraction < 1 ? Math.round((seconds / fraction) * (1 - fraction)) : 0;
  const stats = ` ${p.filesDone}/${p.filesTotal} files  ${(p.bytesDone / 1024 / 1024).toFixed(1)}/${(p.bytesTotal / 1024 / 1024).toFixed(1)} MB  ${rate.toFixed(1)} MB/s  ETA ${eta}s`;
  const width = Math.max(10, Math.min(40, columns - stats.length - 4));
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${stats}`.slice(0, columns - 1);
}
