import fp from 'fastify-plugin';
import { openDatabase, type OpenOptions, type TroveDatabase } from '../../db/client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: TroveDatabase;
  }
}

/** Opens the database once for the app and closes it when the app closes. */
export const databasePlugin = fp<{ databasePath: string } & Pick<OpenOptions, 'readers' | 'lightLane'>>(
  async (app, { databasePath, ...options }) => {
    const db = await openDatabase(databasePath, options);
    app.decorate('db', db);
    app.addHook('onClose', async () => db.close());
  },
);
