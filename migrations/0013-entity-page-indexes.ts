import { sql, type Kysely } from 'kysely';

// The entity page read every mention of an entity and looked up each one's document for its date: 22k
// mentions, about 250 ms at 100k passages. Each mention now carries its document's date (kept by
// triggers from the document), and one index in date order serves the page's mentions (a page is a
// range of it), its timeline, first and last dates, and its co-mention sample, without a document row.
//
// The entity index sorted every entity by mentions counted from the mention table on each request.
// Counts are now kept per entity and collection (a reader's count is the sum over the collections it
// may read), and the total over all collections on the entity, indexed in the order the list shows.
// Triggers keep both, so that every write path (extraction, tagging, merges, deletes, a document
// moved to another collection) keeps them without knowing about them. "Counted" means what the
// pages count: a mention with an entity and not rejected.

const LIVE = (m: string) => `${m}.entity_id is not null and ${m}.status in ('suggested', 'confirmed')`;

/** 1 when no other counted mention of the entity is in the document: the mention adds or removes a document. */
const ALONE = (m: string) =>
  `(not exists (select 1 from mention o where o.entity_id = ${m}.entity_id and o.status in ('suggested', 'confirmed')
     and o.document_id = ${m}.document_id and o.id != ${m}.id))`;

const add = (m: string) => `
  insert into entity_count (entity_id, collection_id, mentions, documents)
    select ${m}.entity_id, d.collection_id, 1, ${ALONE(m)} from document d where d.id = ${m}.document_id
    on conflict (entity_id, collection_id) do update set mentions = mentions + 1, documents = documents + excluded.documents;
  update entity set mention_count = mention_count + 1 where id = ${m}.entity_id;`;

const remove = (m: string) => `
  update entity_count set mentions = mentions - 1, documents = documents - ${ALONE(m)}
    where entity_id = ${m}.entity_id and collection_id = (select collection_id from document where id = ${m}.document_id);
  delete from entity_count where entity_id = ${m}.entity_id and mentions <= 0;
  update entity set mention_count = mention_count - 1 where id = ${m}.entity_id;`;

/** A document's counted mentions, by entity: what moving or deleting it takes away from its collection. */
const OF_DOCUMENT = `select entity_id, count(*) as n from mention
  where document_id = old.id and entity_id is not null and status in ('suggested', 'confirmed') group by entity_id`;

const TRIGGERS: Array<[string, string]> = [
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
  ['entity_count_insert', `after insert on mention when ${LIVE('new')} begin ${add('new')} end`],
  // A mention deleted with its document (a cascade) finds no document: the document's own trigger counted it off.
  [
    'entity_count_delete',
    `after delete on mention when ${LIVE('old')} and exists (select 1 from document where id = old.document_id) begin ${remove('old')} end`,
  ],
  ['entity_count_update_old', `after update of entity_id, status, document_id on mention when ${LIVE('old')} begin ${remove('old')} end`],
  ['entity_count_update_new', `after update of entity_id, status, document_id on mention when ${LIVE('new')} begin ${add('new')} end`],
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

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table mention add column document_date text`.execute(db);
  await sql`update mention set document_date = (select date from document d where d.id = mention.document_id)`.execute(db);
  // status and passage_id ride along so that filtering by status and sampling passages read the index alone.
  await sql`create index mention_entity_date_idx on mention (entity_id, document_date, document_id, start, status, passage_id)`.execute(db);

  await sql`create table entity_count (
    entity_id integer not null references entity (id) on delete cascade,
    collection_id integer not null references collection (id) on delete cascade,
    mentions integer not null,
    documents integer not null,
    primary key (entity_id, collection_id)
  ) without rowid`.execute(db);
  await sql`create index entity_count_collection_idx on entity_count (collection_id, entity_id)`.execute(db);
  await sql`insert into entity_count (entity_id, collection_id, mentions, documents)
    select m.entity_id, d.collection_id, count(*), count(distinct m.document_id)
    from mention m join document d on d.id = m.document_id
    where ${sql.raw(LIVE('m'))} group by m.entity_id, d.collection_id`.execute(db);
  await sql`alter table entity add column mention_count integer not null default 0`.execute(db);
  await sql`update entity set mention_count = coalesce((select sum(mentions) from entity_count c where c.entity_id = entity.id), 0)`.execute(
    db,
  );
  // The list's orders, for entities not merged away: most mentioned first (also by type), and by name.
  await sql`create index entity_mentions_idx on entity (mention_count desc, name collate nocase, id) where merged_into is null`.execute(db);
  await sql`create index entity_type_mentions_idx on entity (type, mention_count desc, name collate nocase, id) where merged_into is null`.execute(
    db,
  );
  await sql`create index entity_name_idx on entity (name collate nocase, id) where merged_into is null`.execute(db);

  for (const [name, body] of TRIGGERS) await sql.raw(`create trigger ${name} ${body}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of [...TRIGGERS].reverse()) await sql.raw(`drop trigger ${name}`).execute(db);
  await sql`drop index entity_name_idx`.execute(db);
  await sql`drop index entity_type_mentions_idx`.execute(db);
  await sql`drop index entity_mentions_idx`.execute(db);
  await sql`alter table entity drop column mention_count`.execute(db);
  await db.schema.dropTable('entity_count').execute();
  await sql`drop index mention_entity_date_idx`.execute(db);
  await sql`alter table mention drop column document_date`.execute(db);
}
