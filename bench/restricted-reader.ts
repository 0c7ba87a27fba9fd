import { openDatabase } from '../db/client.ts';
import { addDocuments } from '../fixtures/factories.ts';
import { createServices } from '../server/services.ts';

/**
 * While every document is readable by everyone, the access check is a constant the query skips.
 * This adds a restricted collection with one document the benchmark's reader may not read, and a
 * viewer account, so every hit is checked; it returns the headers that sign that viewer in.
 */
export async function addRestrictedCollection(dbPath: string): Promise<Record<string, string>> {
  const db = await openDatabase(dbPath, { readers: 0 });
  try {
    const services = createServices(db);
    const actor = { id: null, name: 'cli:bench' };
    await addDocuments(db, [{ ref: 'VAULT-1', body: 'A restricted cable about the meeting at the ministry.' }], 'vault', 'restricted');
    await services.accounts.add('bench', 'viewer', 'benchmark password', actor);
    const { token } = await services.accounts.createToken('bench', 'bench', actor);
    return { authorization: `Bearer ${token}` };
  } finally {
    await db.close();
  }
}

/** The headers that sign in the viewer an earlier run added (addRestrictedCollection), with a new token. */
export async function signInBenchReader(dbPath: string): Promise<Record<string, string>> {
  const db = await openDatabase(dbPath, { readers: 0 });
  try {
    const { token } = await createServices(db).accounts.createToken('bench', `bench-${Date.now()}`, { id: null, name: 'cli:bench' });
    return { authorization: `Bearer ${token}` };
  } finally {
    await db.close();
  }
}
