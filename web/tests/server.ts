// Runs the real Trove server (Fastify app + temporary SQLite database with the sample archive) on a
// free port, serving the web build made by global-setup.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type TroveDatabase } from '../../db/client.ts';
import { createTestDatabase } from '../../fixtures/test-db.ts';
import { buildApp } from '../../server/app.ts';
import { createServices } from '../../server/services.ts';

export interface TestServer {
  baseUrl: string;
  /** GETs an API path from the running server and parses the JSON, for deriving expected values. */
  api<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

export interface ServerOptions {
  /**
   * Extra files imported next to the sample archive, into their own collection, through the same
   * import service the CLI uses. For content the sample archive does not hold, such as markup.
   */
  extraFiles?: { collection: string; files: Record<string, string | Uint8Array> };
  /** Runs against the database after the sample archive is in and before the server starts: accounts, collections, access. */
  seed?: (db: TroveDatabase) => Promise<void>;
  /** Matching documents the facets count before they turn approximate (config.facetLimit); small to see that state. */
  facetLimit?: number;
  /** Matching passages a search ranks unless asked for all (config.rankLimit); small to see that state. */
  rankLimit?: number;
}

export const WEB_ROOT = resolve(import.meta.dirname, '../dist');

async function importExtraFiles(databasePath: string, extra: NonNullable<ServerOptions['extraFiles']>): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'trove-web-extra-'));
  // Written to before the server starts; reader threads would only cost time to start (the server has its own).
  const db = await openDatabase(databasePath, { readers: 0 });
  try {
    for (const [name, content] of Object.entries(extra.files)) writeFileSync(join(folder, name), content);
    const summary = await createServices(db).import.importPaths([folder], {
      collection: extra.collection,
      // Readable without signing in, like the sample archive around it.
      visibility: 'public',
      maxFileBytes: 1024 * 1024,
      baseDir: folder,
    });
    if (summary.failed.length > 0) throw new Error(`Importing test files failed: ${JSON.stringify(summary.failed)}`);
  } finally {
    await db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function seed(databasePath: string, run: NonNullable<ServerOptions['seed']>): Promise<void> {
  const db = await openDatabase(databasePath, { readers: 0 });
  try {
    await run(db);
  } finally {
    await db.close();
  }
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase({ sampleArchive: true });
  try {
    if (options.extraFiles) await importExtraFiles(database.path, options.extraFiles);
    if (options.seed) await seed(database.path, options.seed);
  } catch (error) {
    database.cleanup();
    throw error;
  }
  const app = await buildApp({
    databasePath: database.path,
    webRoot: WEB_ROOT,
    logger: false,
    facetLimit: options.facetLimit,
    rankLimit: options.rankLimit,
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await app.close();
    database.cleanup();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    async api<T>(path: string): Promise<T> {
      const response = await fetch(baseUrl + path);
      if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
    async close() {
      await app.close();
      database.cleanup();
    },
  };
}
