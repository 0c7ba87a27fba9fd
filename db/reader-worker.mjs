// A read-only SQLite connection in its own thread. Plain JavaScript because worker threads do not
// inherit the TypeScript loader. Messages: { id, op, sql, parameters, refuseAfter } → { id, result } or { id, error };
// op 'all' returns the rows, op 'facets' the facet counts over the document ids the query returns, op 'values'
// what the facet values take once up to date (DocValues.bytes). A document set parameter (document-sets.mjs) is bound
// here, to a bitmap over this thread's facet values.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { registerBodyFunctions } from './body-packing.mjs';
import { loadRankExtension } from './rank-extension.mjs';
import { DocValues } from './doc-values.mjs';
import { ValueShare } from './value-share.mjs';

if (workerData.background) {
  try {
    // On Linux a nice value belongs to one thread (pid 0 is this thread), so the rest of the process keeps its priority.
    setPriority(0, 10);
  } catch {
    // A system that refuses only loses the preference; the lane still keeps light reads out of the queue.
  }
}

const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
// The readers, the light-read lane and the writer share the server's memory budget (300 MB at 100k documents).
db.pragma(`cache_size = -${Math.round(workerData.cacheKiB)}`);
db.pragma('temp_store = MEMORY');
registerBodyFunctions(db);
loadRankExtension(db);

const statements = new Map();
const MAX_STATEMENTS = 256;

function prepare(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value);
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

// The pool's threads share one copy of the facet and mention values (value-share.mjs).
const docValues = new DocValues(db, new ValueShare(workerData.values));

parentPort.on('message', ({ id, op, sql, parameters, limit, countTotal, refuseAfter }) => {
  try {
    if (refuseAfter !== undefined && Date.now() > refuseAfter) {
      // Its caller has waited long enough behind other queries; running it now would only lengthen the queue.
      parentPort.postMessage({ id, error: { message: 'The read waited too long behind others.', code: 'READER_QUEUE_TIMEOUT' } });
      return;
    }
    // Every read notes the connection's data version, so a snapshot another thread builds after a commit this
    // one has already seen is new enough here too (value-share.mjs), instead of being built twice.
    docValues.notice();
    if (op === 'warm') {
      docValues.refresh();
      parentPort.postMessage({ id, result: null });
      return;
    }
    if (op === 'values') {
      docValues.refresh();
      parentPort.postMessage({ id, result: docValues.bytes() });
      return;
    }
    if (op === 'facets') {
      parentPort.postMessage({ id, result: docValues.count(sql, parameters, limit, countTotal) });
      return;
    }
    const statement = prepare(sql);
    if (!statement.reader) throw new Error('The read pool only runs queries that return rows.');
    parentPort.postMessage({ id, result: statement.all(...docValues.bind(parameters)) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
  }
});
