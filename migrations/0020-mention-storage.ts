import { sql, type Kysely } from 'kysely';

// Mentions took more room than the text they point into (about 250 bytes a mention at 200k passages,
// 108 MB for 44 MB of text). The table is rebuilt smaller, without changing what any read returns:
//
// - `text` is null when it is exactly the body's characters at (start, end) as SQLite's substr()
//   cuts them (no character beyond U+FFFF before the end; see migration 0016): readers take
//   coalesce(text, substr(body, start + 1, end - start)). A mention a person decided on keeps its text
//   always, because that is what follows the text when the body changes (extraction's re-anchoring):
//   a trigger writes it out when a mention is decided on, whichever code decides.
// - `created_at` is written for a person's tag only. When a machine suggestion was made is when its
//   document was scanned (entity_scan.scanned_at); nothing read a suggestion's own 24-byte timestamp.
//   A person's decisions keep decided_by and decided_at.
// - mention_entity_idx (entity_id, status, document_id, passage_id) repeated what the date index
//   (entity_id, document_date, document_id, start, status, passage_id) already serves per entity; the
//   counting triggers' "another counted mention of this entity in this document?" is all that needs
//   its order, so it becomes (entity_id, document_id) over counted mentions only.
// - mention_passage_idx serves only the co-mention count, which reads counted mentions: the same
//   partial condition instead of a status column in every entry.
// - Counting an entity's confirmed or rejected mentions (the old index's other use) reads
//   mention_decided_idx, which holds only mentions that are not plain suggestions: few, as people make them.

const LIVE_STATUS = `status in ('suggested', 'confirmed')`;
const SLICE = (m: string, d: string) => `substr(${d}.body, ${m}.start + 1, ${m}."end" - ${m}.start)`;
const UNDECIDED = (m: string) => `${m}.status = 'suggested' and ${m}.decided_by is null`;

/** The mention table as migrations 0004 and 0013 left it, with `text` and `created_at` as each layout wants them. */
const table = (name: string, compact: boolean) => `create table ${name} (
  "id" integer primary key,
  "document_id" integer not null references "document" ("id") on delete cascade,
  "passage_id" integer not null,
  "start" integer not null,
  "end" integer not null,
  "text" text${compact ? '' : ' not null'},
  "type" text not null references "entity_type" ("name") on update cascade,
  "entity_id" integer references "entity" ("id") on delete set null,
  "source" text not null check (source in ('rule', 'gazetteer', 'model', 'person')),
  "status" text default 'suggested' not null check (status in ('suggested', 'confirmed', 'rejected')),
  "value" text,
  "decided_by" text,
  "decided_at" text,
  "created_at" text${compact ? '' : ` default (strftime('%Y-%m-%dT%H:%M:%fZ','now')) not null`},
  "document_date" text,
  constraint "mention_span_check" check (start >= 0 and "end" > start))`;

const COLUMNS = `id, document_id, passage_id, start, "end", text, type, entity_id, source, status, value, decided_by, decided_at, created_at, document_date`;

const OLD_INDEXES = [
  `create unique index mention_span_idx on mention (document_id, start, "end", type)`,
  `create index mention_entity_idx on mention (entity_id, status, document_id, passage_id)`,
  `create index mention_passage_idx on mention (passage_id, entity_id, status)`,
  `create index mention_entity_date_idx on mention (entity_id, document_date, document_id, start, status, passage_id)`,
];

const NEW_INDEXES = [
  `create unique index mention_span_idx on mention (document_id, start, "end", type)`,
  `create index mention_entity_date_idx on mention (entity_id, document_date, document_id, start, status, passage_id)`,
  `create index mention_entity_idx on mention (entity_id, document_id) where ${LIVE_STATUS}`,
  `create index mention_passage_idx on mention (passage_id, entity_id) where ${LIVE_STATUS}`,
  `create index mention_decided_idx on mention (entity_id, status, document_id) where status != 'suggested'`,
];

// The triggers of migration 0013: they go with the old table and come back on the new one. On the new
// one, "no other counted mention of this entity in this document" names the narrowed entity index: the
// planner would otherwise prefer the date index, which covers the query but reads every mention of the entity.
const LIVE = (m: string) => `${m}.entity_id is not null and ${m}.status in ('suggested', 'confirmed')`;
const ALONE = (m: string, o: string) =>
  `(not exists (select 1 from ${o} where o.entity_id = ${m}.entity_id and o.status in ('suggested', 'confirmed')
     and o.document_id = ${m}.document_id and o.id != ${m}.id))`;
const add = (m: string, o: string) => `
  insert into entity_count (entity_id, collection_id, mentions, documents)
    select ${m}.entity_id, d.collection_id, 1, ${ALONE(m, o)} from document d where d.id = ${m}.document_id
    on conflict (entity_id, collection_id) do update set mentions = mentions + 1, documents = documents + excluded.documents;
  update entity set mention_count = mention_count + 1 where id = ${m}.entity_id;`;
const remove = (m: string, o: string) => `
  update entity_count set mentions = mentions - 1, documents = documents - ${ALONE(m, o)}
    where entity_id = ${m}.entity_id and collection_id = (select collection_id from document where id = ${m}.document_id);
  delete from entity_count where entity_id = ${m}.entity_id and mentions <= 0;
  update entity set mention_count = mention_count - 1 where id = ${m}.entity_id;`;
const OF_DOCUMENT = `select entity_id, count(*) as n from mention
  where document_id = old.id and entity_id is not null and status in ('suggested', 'confirmed') group by entity_id`;

// A mention becomes a person's decision with its text written out, whoever writes it (see the top).
const DECIDED = (m: string) => `${m}.text is null and (${m}.status != 'suggested' or ${m}.decided_by is not null)`;
const WRITE_TEXT = `update mention set text = (select substr(d.body, mention.start + 1, mention."end" - mention.start)
  from document d where d.id = mention.document_id) where id = new.id;`;
const KEPT_TEXT: Array<[string, string]> = [
  ['mention_text_kept_insert', `after insert on mention when ${DECIDED('new')} begin ${WRITE_TEXT} end`],
  ['mention_text_kept_update', `after update of status, decided_by, text on mention when ${DECIDED('new')} begin ${WRITE_TEXT} end`],
];

const triggers = (compact: boolean): Array<[string, string]> => {
  const o = compact ? 'mention o indexed by mention_entity_idx' : 'mention o';
  return [
    ...(compact ? KEPT_TEXT : []),
    [
      'mention_date_insert',
      `after insert on mention when new.document_date is not (select date from document where id = new.document_id) begin
      update mention set document_date = (select date from document where id = new.document_id) where id = new.id; end`,
    ],
    [
      'mention_date_move',
      `after update of document_id on mention begin
      update mention set document_date = (select date from document where id = new.document_id) where id = new.id; end`,
    ],
    [
      'document_date_mentions',
      `after update of date on document when new.date is not old.date begin
      update mention set document_date = new.date where document_id = new.id; end`,
    ],
    ['entity_count_insert', `after insert on mention when ${LIVE('new')} begin ${add('new', o)} end`],
    [
      'entity_count_delete',
      `after delete on mention when ${LIVE('old')} and exists (select 1 from document where id = old.document_id) begin ${remove('old', o)} end`,
    ],
    [
      'entity_count_update_old',
      `after update of entity_id, status, document_id on mention when ${LIVE('old')} begin ${remove('old', o)} end`,
    ],
    ['entity_count_update_new', `after update of entity_id, status, document_id on mention when ${LIVE('new')} begin ${add('new', o)} end`],
    [
      'entity_count_document_delete',
      `before delete on document begin
      update entity set mention_count = mention_count - (select n from (${OF_DOCUMENT}) x where x.entity_id = entity.id)
        where id in (select entity_id from (${OF_DOCUMENT}));
      update entity_count set mentions = mentions - (select n from (${OF_DOCUMENT}) x where x.entity_id = entity_count.entity_id),
        documents = documents - 1
        where collection_id = old.collection_id and entity_id in (select entity_id from (${OF_DOCUMENT}));
      delete from entity_count where collection_id = old.collection_id and mentions <= 0; end`,
    ],
    [
      'entity_count_document_move',
      `after update of collection_id on document when new.collection_id != old.collection_id begin
      insert into entity_count (entity_id, collection_id, mentions, documents)
        select entity_id, new.collection_id, n, 1 from (${OF_DOCUMENT}) where true
        on conflict (entity_id, collection_id) do update set mentions = mentions + excluded.mentions, documents = documents + 1;
      update entity_count set mentions = mentions - (select n from (${OF_DOCUMENT}) x where x.entity_id = entity_count.entity_id),
        documents = documents - 1
        where collection_id = old.collection_id and entity_id in (select entity_id from (${OF_DOCUMENT}));
      delete from entity_count where collection_id = old.collection_id and mentions <= 0; end`,
    ],
  ];
};

/**
 * Create the new table, copy, drop the old, rename (SQLite's way to change columns), in one
 * transaction: the migrator runs SQLite migrations outside one, and a process killed between the
 * drop and the rename would lose the mentions. Run again after a kill past the commit (before the
 * migration is recorded), it gives the same layout. The triggers go first: those on document name the
 * mention table, and a rename checks every trigger that does. Copied in id order, so the rows and the
 * new indexes are written packed.
 */
async function rebuild(db: Kysely<any>, compact: boolean, copy: string, indexes: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [name] of triggers(true)) await sql.raw(`drop trigger if exists ${name}`).execute(trx);
    await sql.raw(table('mention_rebuilt', compact)).execute(trx);
    await sql.raw(`insert into mention_rebuilt (${COLUMNS}) ${copy}`).execute(trx);
    await sql`drop table mention`.execute(trx);
    await sql`alter table mention_rebuilt rename to mention`.execute(trx);
    for (const index of indexes) await sql.raw(index).execute(trx);
    for (const [name, body] of triggers(compact)) await sql.raw(`create trigger ${name} ${body}`).execute(trx);
  });
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(
    db,
    true,
    `select m.id, m.document_id, m.passage_id, m.start, m."end",
       case when ${UNDECIDED('m')} and m.text = ${SLICE('m', 'd')} then null else m.text end,
       m.type, m.entity_id, m.source, m.status, m.value, m.decided_by, m.decided_at,
       case when m.source = 'person' then m.created_at end, m.document_date
     from mention m left join document d on d.id = m.document_id order by m.id`,
    NEW_INDEXES,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  // A suggestion's time comes back as its document's scan, or failing that the document's import.
  await rebuild(
    db,
    false,
    `select m.id, m.document_id, m.passage_id, m.start, m."end", coalesce(m.text, ${SLICE('m', 'd')}),
       m.type, m.entity_id, m.source, m.status, m.value, m.decided_by, m.decided_at,
       coalesce(m.created_at, (select s.scanned_at from entity_scan s where s.document_id = m.document_id), d.created_at,
         strftime('%Y-%m-%dT%H:%M:%fZ','now')),
       m.document_date
     from mention m left join document d on d.id = m.document_id order by m.id`,
    OLD_INDEXES,
  );
}
