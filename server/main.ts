import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../db/client.ts';
import { buildApp } from './app.ts';
import { SAMPLE_ARCHIVE, type Config } from './config.ts';
import { seedSampleArchive } from './modules/import/sample-archive.ts';

/** Starts the server: opens the database, seeds the sample archive on a first start, listens, closes cleanly on signals. */
export async function serve(config: Config, options: { sample: boolean; log: (line: string) => void }): Promise<FastifyInstance> {
  if (options.sample) {
    const db = await openDatabase(config.databasePath);
    try {
      const summary = await seedSampleArchive(db, SAMPLE_ARCHIVE, config.maxFileBytes);
      if (summary) options.log(`First start: imported ${summary.imported} documents from the sample archive.`);
    } finally {
      await db.close();
    }
  }
  const app = await buildApp({ databasePath: config.databasePath, logger: true });
  const address = await app.listen({ port: config.port, host: config.host });
  options.log(`Trove is running on ${address.replace('127.0.0.1', 'localhost')} (database: ${config.databasePath})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
  return app;
}
