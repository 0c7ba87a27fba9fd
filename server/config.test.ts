import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { DEFAULT_ARCHIVE_LIMITS } from './pipeline/archive/index.ts';

describe('archive limits from the environment', () => {
  it('defaults to the archive module’s limits', () => {
    expect(loadConfig({}, {}).archiveLimits).toEqual(DEFAULT_ARCHIVE_LIMITS);
  });

  it('reads TROVE_MAX_ARCHIVE_MB, _ENTRIES, _DEPTH and _RATIO', () => {
    const env = {
      TROVE_MAX_ARCHIVE_MB: '512',
      TROVE_MAX_ARCHIVE_ENTRIES: '1000',
      TROVE_MAX_ARCHIVE_DEPTH: '2',
      TROVE_MAX_ARCHIVE_RATIO: '50',
    };
    expect(loadConfig({}, env).archiveLimits).toEqual({ maxTotalBytes: 512 * 1024 * 1024, maxEntries: 1000, maxDepth: 2, maxRatio: 50 });
  });

  it('refuses a limit that is not a positive number, or a depth that is not whole, in words', () => {
    expect(() => loadConfig({}, { TROVE_MAX_ARCHIVE_MB: 'lots' })).toThrow('TROVE_MAX_ARCHIVE_MB must be a positive number, not "lots".');
    expect(() => loadConfig({}, { TROVE_MAX_ARCHIVE_DEPTH: '2.5' })).toThrow('TROVE_MAX_ARCHIVE_DEPTH must be a whole number, not "2.5".');
  });
});

describe('the originals store', () => {
  it('sits beside the database unless TROVE_ORIGINALS or --originals move it', () => {
    expect(loadConfig({ db: '/srv/trove/archive.db' }, {}).originalsDir).toBe('/srv/trove/originals');
    expect(loadConfig({}, { TROVE_DB: '/srv/a/trove.db' }).originalsDir).toBe('/srv/a/originals');
    expect(loadConfig({ db: '/srv/a/trove.db' }, { TROVE_ORIGINALS: '/mnt/files' }).originalsDir).toBe('/mnt/files');
    expect(loadConfig({ db: '/srv/a/trove.db', originals: '/mnt/other' }, { TROVE_ORIGINALS: '/mnt/files' }).originalsDir).toBe(
      '/mnt/other',
    );
  });
});

describe('background OCR', () => {
  it('is on unless TROVE_OCR turns it off, with TROVE_OCR_WORKERS documents at once', () => {
    expect(loadConfig({}, {})).toMatchObject({ ocr: true, ocrWorkers: undefined });
    expect(loadConfig({}, { TROVE_OCR: 'off' }).ocr).toBe(false);
    expect(loadConfig({}, { TROVE_OCR: '0' }).ocr).toBe(false);
    expect(loadConfig({}, { TROVE_OCR: 'On', TROVE_OCR_WORKERS: '3' })).toMatchObject({ ocr: true, ocrWorkers: 3 });
  });

  it('refuses a setting it cannot read, in words', () => {
    expect(() => loadConfig({}, { TROVE_OCR: 'sometimes' })).toThrow('TROVE_OCR must be on or off, not "sometimes".');
    expect(() => loadConfig({}, { TROVE_OCR_WORKERS: '1.5' })).toThrow('TROVE_OCR_WORKERS must be a whole number, not "1.5".');
  });
});
