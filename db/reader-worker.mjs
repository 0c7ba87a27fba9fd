// A read-only SQLite connection in its own thread. Plain JavaScript because worker threads do not
// inherit the TypeScript loader. Messages: { id, sql, parameters } → { id, rows } or { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma(`cache_size = ${workerData.cacheSizeKib ? -workerData.cacheSizeKib : -32000}`);
db.pragma('temp_store = MEMORY');

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

parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    const statement = prepare(sql);
    if (!statement.reader) throw new Error('The read pool only runs queries that return rows.');
    parentPort.postMessage({ id, rows: statement.all(...parameters) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
  }
});
