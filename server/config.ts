import { resolve } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES } from './modules/import/import.service.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
export const SAMPLE_ARCHIVE = resolve(PROJECT_ROOT, 'fixtures/sample-archive');
export const WEB_ROOT = resolve(PROJECT_ROOT, 'web/dist');

export interface Config {
  databasePath: string;
  host: string;
  port: number;
  maxFileBytes: number;
}

/** Flags win over the environment, the environment over defaults. */
export function loadConfig(flags: { db?: string; host?: string; port?: string | number } = {}, env = process.env): Config {
  const port = Number(flags.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${flags.port ?? env.PORT}".`);
  const maxMb = Number(env.TROVE_MAX_FILE_MB ?? DEFAULT_MAX_FILE_BYTES / 1024 / 1024);
  return {
    databasePath: resolve(flags.db ?? env.TROVE_DB ?? 'data/trove.db'),
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    port,
    maxFileBytes: Math.round(maxMb * 1024 * 1024),
  };
}
