// Reads and prepares files off the main thread, so text extraction runs on one core while SQLite
// writes on the other. Messages: { id, request } → { id, result } or { id, error }.
import { parentPort } from 'node:worker_threads';
import { readAndPrepare, type FileRequest } from './read-file.ts';

parentPort!.on('message', async ({ id, request }: { id: number; request: FileRequest }) => {
  try {
    parentPort!.postMessage({ id, result: await readAndPrepare(request) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
