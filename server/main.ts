import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../db/client.ts';
import { buildApp } from './app.ts';
import { loadConfig, SAMPLE_ARCHIVE, type Config } from './config.ts';
import { seedSampleArchive } from './modules/import/sample-archive.ts';
import { createServices } from './services.ts';

/** Starts the server: opens the database, seeds the sample archive on a first start, listens, closes cleanly on signals. */
export async function serve(config: Config, options: { sample: boolean; log: (line: string) => void }): Promise<FastifyInstance> {
  if (options.sample) {
    const db = await openDatabase(config.databasePath);
    try {
      const summary = await seedSampleArchive(db, SAMPLE_ARCHIVE, config.maxFileBytes, config.originalsDir);
      if (summary) options.log(`First start: imported ${summary.imported} documents from the sample archive.`);
    } finally {
      await db.close();
    }
  }
  const app = await buildApp({
    databasePath: config.databasePath,
    originalsDir: config.originalsDir,
    logger: true,
    security: config.security,
    ocr: config.ocr && { workers: config.ocrWorkers },
    readers: config.readers,
    lightLane: config.lightLane,
    facetLimit: config.facetLimit,
    rankLimit: config.rankLimit,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  options.log(`Trove is running on ${address.replace('127.0.0.1', 'localhost')} (database: ${config.databasePath})`);
  if (!(await createServices(app.db).accounts.hasAny())) options.log(firstAdminHint(config));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
  return app;
}

/** A new archive has no accounts, so nobody can sign in yet: say how to make the first one. */
function firstAdminHint(config: Config): string {
  // Name the database only when `trove users add` would not find it by itself (the port is passed
  // so that a bad $PORT, overridden by --port, is not read again).
  const db = config.databasePath === loadConfig({ port: config.port }).databasePath ? '' : ` --db ${config.databasePath}`;
  return `No accounts yet. Create the first admin with: npx trove${db} users add NAME --role admin`;
}
