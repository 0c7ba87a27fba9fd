import { openDatabase } from '../db/client.ts';
import { addDocuments } from '../fixtures/factories.ts';
import { createServices } from '../server/services.ts';
import { passageTextSql } from '../db/passage-text.ts';

export const VAULT_ONLY = 'Vault Keeper';
const READER = 'bench-reader';
const VAULT_DOCUMENTS = 300;

/**
 * While every document is readable by everyone, the scope checks of the entity page are constants the
 * queries skip. This adds (once) a restricted collection whose cables mention the top entity and an
 * entity known only there, and a signed-in viewer who is not a member: the page then checks every
 * mention it counts, and the vault's mentions and its entity must not reach that reader.
 */
export async function addVault(dbPath: string, topName: string): Promise<Record<string, string>> {
  const db = await openDatabase(dbPath, { readers: 0 });
  try {
    const services = createServices(db);
    const actor = { id: null, name: 'cli:bench' };
    const c = db.writerConnection;
    if (c.prepare(`select 1 from collection where name = 'vault'`).get() === undefined) {
      const body = (i: number) => `Cable ${i}. ${topName} met ${VAULT_ONLY} at the usual safe house on day ${i}.`;
      const docs = Array.from({ length: VAULT_DOCUMENTS }, (_, i) => ({
        ref: `VAULT-${i + 1}`,
        title: `Vault cable ${i + 1}`,
        date: `2015-${String((i % 12) + 1).padStart(2, '0')}-01`,
        body: body(i + 1),
      }));
      await addDocuments(db, docs, 'vault', 'restricted');
      plantVaultMentions(db.writerConnection, topName);
    }
    if ((await services.accounts.list()).every((a) => a.name !== READER)) {
      await services.accounts.add(READER, 'viewer', 'benchmark password', actor);
    }
    const { token } = await services.accounts.createToken(READER, `bench-${Date.now()}`, actor);
    return { authorization: `Bearer ${token}` };
  } finally {
    await db.close();
  }
}

function plantVaultMentions(c: import('better-sqlite3').Database, topName: string): void {
  const top = c.prepare(`select id, type from entity where name = ? and merged_into is null order by id limit 1`).get(topName) as {
    id: number;
    type: string;
  };
  const keeper = Number(
    c.prepare(`insert into entity (type, name, status) values ('person', ?, 'confirmed')`).run(VAULT_ONLY).lastInsertRowid,
  );
  const passages = c
    .prepare(
      `select p.id, p.document_id, p.start, ${passageTextSql('p', 'd')} as text from passage p join document d on d.id = p.document_id
       join collection k on k.id = d.collection_id where k.name = 'vault'`,
    )
    .all() as Array<{ id: number; document_id: number; start: number; text: string }>;
  const add = c.prepare(
    `insert or ignore into mention (document_id, passage_id, start, "end", text, type, entity_id, source, status)
     values (?, ?, ?, ?, ?, ?, ?, 'gazetteer', 'suggested')`,
  );
  c.transaction(() => {
    for (const p of passages) {
      for (const [name, type, id] of [
        [topName, top.type, top.id],
        [VAULT_ONLY, 'person', keeper],
      ] as const) {
        const at = p.text.indexOf(name);
        if (at >= 0) add.run(p.document_id, p.id, p.start + at, p.start + at + name.length, name, type, id);
      }
    }
  })();
}
