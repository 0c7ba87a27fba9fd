import { resolve } from 'node:path';
import { BATCH_DOCUMENTS } from './modules/import/import-batch.ts';
import { DEFAULT_MAX_FILE_BYTES } from './modules/import/import.service.ts';
import { originalsDirFor } from './modules/originals/originals.store.ts';
import { DEFAULT_FACET_LIMIT, DEFAULT_RANK_LIMIT } from './modules/search/search.service.ts';
import { ARCHIVE_LIMIT_ENV, DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './pipeline/archive/archive-limits.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
export const SAMPLE_ARCHIVE = resolve(PROJECT_ROOT, 'fixtures/sample-archive');
export const WEB_ROOT = resolve(PROJECT_ROOT, 'web/dist');

export interface SecurityConfig {
  /** The server is reached over HTTPS (directly or through a proxy): cookies get the Secure flag, responses HSTS. */
  https: boolean;
  /** Trust X-Forwarded-For from a reverse proxy in front, so rate limits count real client addresses. */
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  searchesPerMinute: number;
}

export interface Config {
  databasePath: string;
  /** The content-addressed store of imported files (TROVE_ORIGINALS, --originals); by default `originals/` beside the database. */
  originalsDir: string;
  host: string;
  port: number;
  maxFileBytes: number;
  /** Reader threads for searches and other long reads (TROVE_READERS, default 2: one per core of the target machine). */
  readers: number;
  /** Short reads by id get a thread of their own so they never wait behind searches (TROVE_LIGHT_LANE=0 turns it off, to compare). */
  lightLane: boolean;
  /** Matching documents a search's facets count before the counts turn into lower bounds (TROVE_FACET_LIMIT, default 10,000). */
  facetLimit: number;
  /** Matching passages a search ranks, the first in archive order, unless it asks for rank=all (TROVE_RANK_LIMIT, default 20,000). */
  rankLimit: number;
  /** Documents an import writes per transaction (TROVE_IMPORT_BATCH). */
  importBatchDocuments: number;
  /** Limits against hostile archives, for imports (TROVE_MAX_ARCHIVE_MB, _ENTRIES, _DEPTH, _RATIO). */
  archiveLimits: ArchiveLimits;
  /** The server reads queued OCR work in the background (TROVE_OCR=off leaves it to `trove ocr`). */
  ocr: boolean;
  /** Documents the server's OCR reads at once (TROVE_OCR_WORKERS); default one per core but one. */
  ocrWorkers: number | undefined;
  security: SecurityConfig;
}

export const DEFAULT_SECURITY: SecurityConfig = {
  https: false,
  trustProxy: false,
  sessionIdleMinutes: 8 * 60,
  sessionAbsoluteHours: 7 * 24,
  searchesPerMinute: 600,
};

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${value}".`);
  return n;
}

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  const n = positive(name, value, fallback);
  if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, not "${value}".`);
  return n;
}

function archiveLimits(env: NodeJS.ProcessEnv): ArchiveLimits {
  const names = ARCHIVE_LIMIT_ENV;
  const defaults = DEFAULT_ARCHIVE_LIMITS;
  return {
    maxTotalBytes: Math.round(positive(names.maxTotalBytes, env[names.maxTotalBytes], defaults.maxTotalBytes / 1024 / 1024) * 1024 * 1024),
    maxEntries: wholeNumber(names.maxEntries, env[names.maxEntries], defaults.maxEntries),
    maxDepth: wholeNumber(names.maxDepth, env[names.maxDepth], defaults.maxDepth),
    maxRatio: positive(names.maxRatio, env[names.maxRatio], defaults.maxRatio),
  };
}

const flag = (value: string | undefined) => value === '1' || value?.toLowerCase() === 'true';

function onOff(name: string, value: string | undefined, fallback: boolean): boolean {
  const word = value?.trim().toLowerCase() ?? '';
  if (word === '') return fallback;
  if (['on', '1', 'true', 'yes'].includes(word)) return true;
  if (['off', '0', 'false', 'no'].includes(word)) return false;
  throw new Error(`${name} must be on or off, not "${value}".`);
}

/** Flags win over the environment, the environment over defaults. */
export function loadConfig(
  flags: { db?: string; originals?: string; host?: string; port?: string | number } = {},
  env = process.env,
): Config {
  const port = Number(flags.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${flags.port ?? env.PORT}".`);
  const maxMb = Number(env.TROVE_MAX_FILE_MB ?? DEFAULT_MAX_FILE_BYTES / 1024 / 1024);
  const databasePath = resolve(flags.db ?? env.TROVE_DB ?? 'data/trove.db');
  const originals = flags.originals ?? (env.TROVE_ORIGINALS || undefined);
  return {
    databasePath,
    originalsDir: originals === undefined ? originalsDirFor(databasePath) : resolve(originals),
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    port,
    maxFileBytes: Math.round(maxMb * 1024 * 1024),
    readers: wholeNumber('TROVE_READERS', env.TROVE_READERS, 2),
    lightLane: !['0', 'false'].includes(env.TROVE_LIGHT_LANE?.toLowerCase() ?? ''),
    facetLimit: wholeNumber('TROVE_FACET_LIMIT', env.TROVE_FACET_LIMIT, DEFAULT_FACET_LIMIT),
    rankLimit: wholeNumber('TROVE_RANK_LIMIT', env.TROVE_RANK_LIMIT, DEFAULT_RANK_LIMIT),
    importBatchDocuments: wholeNumber('TROVE_IMPORT_BATCH', env.TROVE_IMPORT_BATCH, BATCH_DOCUMENTS),
    archiveLimits: archiveLimits(env),
    ocr: onOff('TROVE_OCR', env.TROVE_OCR, true),
    ocrWorkers: env.TROVE_OCR_WORKERS ? wholeNumber('TROVE_OCR_WORKERS', env.TROVE_OCR_WORKERS, 1) : undefined,
    security: {
      https: flag(env.TROVE_HTTPS),
      trustProxy: flag(env.TROVE_TRUST_PROXY),
      sessionIdleMinutes: positive('TROVE_SESSION_IDLE_MINUTES', env.TROVE_SESSION_IDLE_MINUTES, DEFAULT_SECURITY.sessionIdleMinutes),
      sessionAbsoluteHours: positive('TROVE_SESSION_HOURS', env.TROVE_SESSION_HOURS, DEFAULT_SECURITY.sessionAbsoluteHours),
      searchesPerMinute: positive('TROVE_SEARCHES_PER_MINUTE', env.TROVE_SEARCHES_PER_MINUTE, DEFAULT_SECURITY.searchesPerMinute),
    },
  };
}
