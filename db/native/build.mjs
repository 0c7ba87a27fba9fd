/**
 * Builds trove-rank.c into a SQLite extension at install (npm's postinstall), against the SQLite that better-sqlite3
 * compiled in: its sqlite3ext.h, and the fts5.h section of its amalgamation, which ships no separate fts5.h.
 * A machine without a C compiler still installs: Trove then ranks with FTS5's bm25() (db/rank-extension.mjs).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RANK_EXTENSION_FILE } from '../rank-extension.mjs';

const here = import.meta.dirname;
const sqliteDir = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
const out = dirname(RANK_EXTENSION_FILE);

try {
  mkdirSync(out, { recursive: true });
  const amalgamation = readFileSync(join(sqliteDir, 'sqlite3.c'), 'utf8');
  const begin = amalgamation.indexOf('/******** Begin file fts5.h *********/');
  const end = amalgamation.indexOf('/******** End of fts5.h *********/');
  if (begin < 0 || end < begin) throw new Error('no fts5.h section in better-sqlite3’s sqlite3.c');
  writeFileSync(join(out, 'fts5.h'), amalgamation.slice(begin, end));
  const compiler = process.env.CC || 'cc';
  execFileSync(
    compiler,
    ['-O2', '-shared', '-fPIC', `-I${sqliteDir}`, `-I${out}`, join(here, 'trove-rank.c'), '-o', RANK_EXTENSION_FILE, '-lm'],
    { stdio: 'inherit' },
  );
  console.log(`trove: built the ranking extension (${RANK_EXTENSION_FILE})`);
} catch (error) {
  console.warn(
    `trove: could not build the ranking extension; searches will rank with FTS5's bm25(), slower on big archives. ${error.message}`,
  );
}
