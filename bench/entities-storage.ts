/**
 * npx tsx bench/entities-storage.ts BEFORE.db AFTER.db [--rounds 15] [--pairs 3]
 * What the mentions cost in bytes (the mention table and each of its indexes, dbstat) and in time: the
 * entity page's statements, the mention lists and counts by status, a search with an entity filter,
 * loading the entity facet's values, and the counting triggers on a mention written and taken back.
 * The two databases are timed in alternating pairs (the machine is shared), medians over the pairs.
 * Both are opened read-only except for the trigger timing, which rolls its writes back.
 */
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import type { RawBuilder } from 'kysely';
import { ANONYMOUS, OPERATOR, type ReadScope } from '../db/access.ts';
import { entityMentionCountSql, entityMentionPageSql } from '../db/entity-mentions.repository.ts';
import { MentionValues } from '../db/mention-values.mjs';
import { entitiesByKeySql } from '../db/search-entities.repository.ts';
import { matchingIdsSql, rankedPassagesSql } from '../db/search.repository.ts';
import { sqlCompiler } from '../db/sql-snapshot.ts';
import { entityPageStatements } from './entities-page-queries.ts';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const ROUNDS = Number(arg('rounds', '15'));
const PAIRS = Number(arg('pairs', '3'));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Bytes of the mention table and of each of its indexes, and per mention. */
export function mentionBytes(path: string): { mentions: number; rows: Array<{ name: string; mb: number; perMention: number }> } {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const mentions = db.prepare('select count(*) from mention').pluck().get() as number;
    const sizes = db
      .prepare<[], { name: string; size: number }>(
        `select d.name, sum(d.pgsize) as size from dbstat d join sqlite_schema s on s.name = d.name
         where s.tbl_name = 'mention' group by d.name order by size desc`,
      )
      .all();
    const total = sizes.reduce((sum, r) => sum + r.size, 0);
    const row = (name: string, size: number) => ({ name, mb: size / 1e6, perMention: mentions === 0 ? 0 : size / mentions });
    return { mentions, rows: [...sizes.map((r) => row(r.name, r.size)), row('(mention, all)', total)] };
  } finally {
    db.close();
  }
}

function statements(id: number, scope: ReadScope): Array<[string, RawBuilder<unknown>]> {
  return [
    ...entityPageStatements(id, scope),
    ['mentions, confirmed only, first page', entityMentionPageSql(id, scope, 'confirmed', 'asc', 20, 0)],
    ['mention count, rejected', entityMentionCountSql(id, scope, 'rejected')],
    ['mention count, all statuses', entityMentionCountSql(id, scope, 'all')],
    ['search "report" with entity filter (ranked)', rankedPassagesSql('"report"', { entities: [[id]] }, scope, 20)],
    ['search "report" with entity filter (facet ids)', matchingIdsSql('"report"', { entities: [[id]] }, scope)],
    ['browse with entity filter (document ids)', matchingIdsSql(null, { entities: [[id]] }, scope)],
    ['entity by spelling, anonymous (visibility)', entitiesByKeySql(['abu karim', 'falcon', 'baghdad'], ANONYMOUS)],
  ];
}

function timeStatements(path: string, id: number, scope: ReadScope): Map<string, { ms: number; rows: number; plan: string }> {
  const db = new BetterSqlite3(path, { readonly: true });
  db.pragma('cache_size = -16000');
  try {
    const out = new Map<string, { ms: number; rows: number; plan: string }>();
    for (const [name, query] of statements(id, scope)) {
      const compiled = query.compile(sqlCompiler);
      const parameters = compiled.parameters as unknown[];
      const statement = db.prepare(compiled.sql);
      const plan = (db.prepare(`explain query plan ${compiled.sql}`).all(...parameters) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .filter((d) => /mention/.test(d) || /SCAN m\b|SCAN o\b/.test(d))
        .join('; ');
      const times: number[] = [];
      let rows = 0;
      for (let round = -1; round < ROUNDS; round++) {
        const t0 = performance.now();
        rows = statement.all(...parameters).length;
        if (round >= 0) times.push(performance.now() - t0);
      }
      out.set(name, { ms: median(times), rows, plan });
    }
    const values = new MentionValues(db);
    const facet: number[] = [];
    for (let round = 0; round < 3; round++) {
      const fresh = new MentionValues(db);
      const t0 = performance.now();
      fresh.refresh(round);
      facet.push(performance.now() - t0);
    }
    values.refresh(0);
    out.set('entity facet values, load', { ms: median(facet), rows: 0, plan: '' });
    return out;
  } finally {
    db.close();
  }
}

/** A mention of the entity added to a document and removed again, with the counting triggers, rolled back. */
function timeTriggers(path: string, id: number): number {
  const db = new BetterSqlite3(path);
  try {
    const target = db
      .prepare('select document_id, passage_id, max("end") + 5 as at from mention where entity_id = ? group by document_id limit 1')
      .get(id) as { document_id: number; passage_id: number; at: number };
    const insert = db.prepare(
      `insert into mention (document_id, passage_id, start, "end", text, type, entity_id, source) values (?, ?, ?, ?, 'x', 'person', ?, 'model')`,
    );
    const remove = db.prepare('delete from mention where id = ?');
    const times: number[] = [];
    db.exec('begin');
    try {
      for (let round = 0; round < ROUNDS * 10; round++) {
        const t0 = performance.now();
        const row = insert.run(target.document_id, target.passage_id, target.at + round * 2, target.at + round * 2 + 1, id);
        remove.run(row.lastInsertRowid);
        times.push(performance.now() - t0);
      }
    } finally {
      db.exec('rollback');
    }
    return median(times);
  } finally {
    db.close();
  }
}

function main(): void {
  const paths = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  if (paths.length === 0) throw new Error('Pass one or two database files.');
  for (const path of paths) {
    const { mentions, rows } = mentionBytes(path);
    console.log(`\n${path}: ${mentions} mentions`);
    for (const r of rows)
      console.log(`  ${r.name.padEnd(26)} ${r.mb.toFixed(1).padStart(6)} MB  ${r.perMention.toFixed(1).padStart(6)} B/mention`);
  }
  const probe = new BetterSqlite3(paths[0]!, { readonly: true });
  const id = probe.prepare('select id from entity order by mention_count desc limit 1').pluck().get() as number;
  const count = probe.prepare('select mention_count from entity where id = ?').pluck().get(id) as number;
  probe.close();
  console.log(
    `\nMost-mentioned entity ${id} (${count} mentions); medians of ${ROUNDS} rounds, median over ${PAIRS} alternating pairs (ms)`,
  );
  for (const [label, scope] of [
    ['operator', OPERATOR],
    ['anonymous', ANONYMOUS],
  ] as const) {
    const runs = paths.map(() => [] as Array<Map<string, { ms: number; rows: number; plan: string }>>);
    const triggers = paths.map(() => [] as number[]);
    for (let pair = 0; pair < PAIRS; pair++) {
      paths.forEach((path, i) => {
        runs[i]!.push(timeStatements(path, id, scope));
        if (label === 'operator') triggers[i]!.push(timeTriggers(path, id));
      });
    }
    console.log(`\n[${label}]`.padEnd(50) + paths.map((_, i) => `db${i + 1}`.padStart(10)).join(''));
    for (const name of runs[0]![0]!.keys()) {
      const cells = runs.map((r) =>
        median(r.map((m) => m.get(name)!.ms))
          .toFixed(2)
          .padStart(10),
      );
      const rows = runs.map((r) => r[0]!.get(name)!.rows);
      console.log(`  ${name.padEnd(47)}${cells.join('')}   rows ${rows.join('/')}`);
    }
    if (label === 'operator') {
      console.log(
        `  ${'insert + delete a mention (triggers)'.padEnd(47)}${triggers.map((t) => median(t).toFixed(3).padStart(10)).join('')}`,
      );
      console.log('\n  Plans (mention steps):');
      for (const name of runs[0]![0]!.keys()) {
        runs.forEach((r, i) => {
          const plan = r[0]!.get(name)!.plan;
          if (plan) console.log(`    db${i + 1} ${name}: ${plan}`);
        });
      }
    }
  }
}

main();
