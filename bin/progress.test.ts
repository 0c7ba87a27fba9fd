import { describe, expect, it } from 'vitest';
import { renderProgress } from './progress.ts';

describe('import progress line', () => {
  it('shows files, megabytes, rate and time left within the terminal width', () => {
    const line = renderProgress(
      { filesDone: 5, filesTotal: 10, bytesDone: 10 * 1024 * 1024, bytesTotal: 40 * 1024 * 1024, currentFile: 'x' },
      2,
      120,
    );
    expect(line).toContain('5/10 files');
    expect(line).toContain('10.0/40.0 MB');
    expect(line).toContain('5.0 MB/s');
    expect(line).toContain('ETA 6s');
    expect(line).toMatch(/^\[#{10}-{30}\]/);
    expect(renderProgress({ filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, currentFile: '' }, 0, 40).length).toBeLessThan(40);
  });
});
