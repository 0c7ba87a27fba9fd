import fp from 'fastify-plugin';
import { openDatabase, type TroveDatabase } from '../../db/client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: TroveDatabase;
  }
}

/** Opens the database once for the app and closes it when the app closes. */
export const databasePlugin = fp<{ databasePath: string }>(async (app, { databasePath }) => {
  const db = await openDatabase(databasePath);
  app.decorate('db', db);
  app.addHook('onClose', async () => db.close());
});
