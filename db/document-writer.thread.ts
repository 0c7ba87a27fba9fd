import { parentPort, workerData } from 'node:worker_threads';
import { Kysely, SqliteDialect } from 'kysely';
import { openConnection } from './client.ts';
import { DocumentWriter, type NewDocument } from './document-writer.ts';
import type { Database } from './schema.ts';

export interface WriteRequest {
  id: number;
  documents: NewDocument[];
  replaceIds: Map<string, number>;
}

export type WriteReply = { id: number; ids: Map<string, number> } | { id: number; error: { message: string; code?: string } };

const connection = openConnection((workerData as { path: string }).path, false);
const writer = new DocumentWriter({
  writerConnection: connection,
  writer: new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) }),
});

// Batches are stored in the order they were sent or not at all: once one fails, the later ones (already sent,
// perhaps naming documents of the failed one as parents) are refused, and re-running the import stores them all.
let failed: string | null = null;

parentPort!.on('message', ({ id, documents, replaceIds }: WriteRequest) => {
  let reply: WriteReply;
  try {
    if (failed !== null) throw new Error(`Not written: an earlier batch of this import failed (${failed}).`);
    // The main thread's connection writes too (entity suggestions, originals found again): taking the lock
    // first means this transaction waits for it (busy_timeout) instead of failing when its snapshot is stale.
    connection.exec('begin immediate');
    try {
      const ids = writer.saveAll(documents, replaceIds);
      connection.exec('commit');
      reply = { id, ids };
    } catch (error) {
      if (connection.inTransaction) connection.exec('rollback');
      throw error;
    }
  } catch (error) {
    const e = error as { message?: string; code?: string };
    failed ??= e.message ?? String(error);
    reply = { id, error: { message: e.message ?? String(error), ...(e.code === undefined ? {} : { code: e.code }) } };
  }
  parentPort!.postMessage(reply);
});
