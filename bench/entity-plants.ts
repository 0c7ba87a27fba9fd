import type BetterSqlite3 from 'better-sqlite3';
import { openConnection } from '../db/client.ts';
import { aliasKey } from '../server/pipeline/entities/alias-key.ts';
import { passageTextSql } from '../db/passage-text.ts';

/**
 * Entities and mentions for the search benchmark, so that the entity facet and "also search" have the
 * work a tagged archive gives them: the corpus's people and places, each with a few spellings, and
 * every sum of money as its own entity (a long tail of small ones). Written straight into the
 * database, replacing whatever extraction left, so that runs compare.
 */
const NAMED: Array<{ type: string; spellings: string[] }> = [
  { type: 'person', spellings: ['Abu Karim', 'Abou Karim', 'ابو کریم'] },
  { type: 'person', spellings: ['Hassan Jaberi', 'Hasan Jaberi', 'حسن جابری'] },
  { type: 'person', spellings: ['Colonel Rashid', 'Col. Rashid', 'العقید رشید'] },
  { type: 'person', spellings: ['Samira Nouri', 'Samira Nuri', 'سمیرا نوری'] },
  { type: 'person', spellings: ['the deputy minister'] },
  { type: 'person', spellings: ['the brigade commander'] },
  { type: 'person', spellings: ['the governor'] },
  { type: 'person', spellings: ['the liaison officer'] },
  { type: 'codename', spellings: ['Falcon', 'agent Falcon'] },
  { type: 'codename', spellings: ['source 2291'] },
  { type: 'organization', spellings: ['the ministry'] },
  { type: 'organization', spellings: ['the militia leadership'] },
  { type: 'place', spellings: ['the border crossing'] },
  { type: 'place', spellings: ['the usual safe house'] },
];
const MONEY = /\b(\d{4}) (USD|euros)\b/g;

export function plantEntities(dbPath: string): { entities: number; mentions: number } {
  // The application's own connection: it registers the functions that read packed bodies (db/body-packing.mjs).
  const db = openConnection(dbPath, false);
  try {
    return db.transaction(() => plant(db))();
  } finally {
    db.close();
  }
}

function plant(db: BetterSqlite3.Database): { entities: number; mentions: number } {
  db.exec('delete from mention; delete from entity_alias; delete from entity_merge; delete from entity');
  const addEntity = db.prepare(`insert into entity (type, name, status) values (?, ?, 'confirmed')`);
  const addAlias = db.prepare('insert into entity_alias (entity_id, name, key) values (?, ?, ?)');
  const addMention = db.prepare(
    `insert or ignore into mention (document_id, passage_id, start, "end", text, type, entity_id, source, status)
     values (?, ?, ?, ?, ?, ?, ?, 'gazetteer', 'suggested')`,
  );
  const entity = (type: string, spellings: string[]) => {
    const id = Number(addEntity.run(type, spellings[0]).lastInsertRowid);
    for (const name of spellings) addAlias.run(id, name, aliasKey(name));
    return id;
  };
  const named = NAMED.map(({ type, spellings }) => ({ type, text: spellings[0]!, id: entity(type, spellings) }));
  const sums = new Map<string, number>();
  let mentions = 0;
  // A page of passages at a time, so that ten million of them are never all in memory.
  const page = db
    .prepare(
      `select p.id, p.document_id, p.start, p.start_astral, ${passageTextSql('p', 'd')} from passage p join document d on d.id = p.document_id
       where p.id > ? order by p.id limit 20000`,
    )
    .raw();
  const passages = function* () {
    for (let after = -1; ;) {
      const rows = page.all(after) as Array<[number, number, number, number, string]>;
      if (rows.length === 0) return;
      yield* rows;
      after = rows.at(-1)![0];
    }
  };
  for (const [passageId, documentId, offset, astralBefore, text] of passages()) {
    // As extraction stores it (db/entity-mention-text.ts): no text where the body gives it back.
    const firstAstral = astralBefore > 0 ? 0 : text.search(/[\uD800-\uDBFF]/);
    const add = (at: number, found: string, type: string, entityId: number) => {
      const stored = firstAstral < 0 || at + found.length <= firstAstral ? null : found;
      mentions += addMention.run(documentId, passageId, offset + at, offset + at + found.length, stored, type, entityId).changes;
    };
    for (const { type, text: name, id } of named) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) add(at, name, type, id);
    }
    for (const match of text.matchAll(MONEY)) {
      const value = `${match[1]} ${match[2] === 'USD' ? 'USD' : 'EUR'}`;
      let id = sums.get(value);
      if (id === undefined) sums.set(value, (id = entity('money', [value])));
      add(match.index, match[0], 'money', id);
    }
  }
  return { entities: named.length + sums.size, mentions };
}
