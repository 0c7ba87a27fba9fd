import { sql, type Kysely } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

// The types every archive starts with; admins add more (rows with builtin = 0).
const BUILTIN_TYPES: Array<[string, string]> = [
  ['person', 'Person'],
  ['organization', 'Organisation'],
  ['place', 'Place'],
  ['date', 'Date'],
  ['money', 'Sum of money'],
  ['codename', 'Code name'],
  ['email', 'E-mail address'],
  ['phone', 'Phone number'],
  ['reference', 'Cable reference'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await createEntityType(db);
  await createEntity(db);
  await createEntityAlias(db);
  await createMention(db);
  await createEntityMerge(db);
  await createEntityScan(db);
}

async function createEntityType(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('entity_type')
    .addColumn('name', 'text', (c) => c.primaryKey().check(sql`name glob '[a-z]*' and length(name) <= 40`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('builtin', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`builtin in (0, 1)`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db
    .insertInto('entity_type')
    .values(BUILTIN_TYPES.map(([name, label]) => ({ name, label, builtin: 1 })))
    .execute();
}

async function createEntity(db: Kysely<any>): Promise<void> {
  // `status` is 'suggested' for entities the machine grouped on its own and 'confirmed' once a person
  // has created, confirmed or edited one; confirmed entities feed the gazetteer. A merged entity keeps
  // its row with `merged_into` set, so that the merge can be undone.
  await db.schema
    .createTable('entity')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull().references('entity_type.name').onUpdate('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('labels', 'text', (c) =>
      c
        .notNull()
        .defaultTo('[]')
        .check(sql`json_valid(labels)`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('suggested')
        .check(sql`status in ('suggested', 'confirmed')`),
    )
    .addColumn('merged_into', 'integer', (c) => c.references('entity.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('entity_type_idx').on('entity').columns(['type', 'status']).execute();
}

async function createEntityAlias(db: Kysely<any>): Promise<void> {
  // `key` is the spelling folded for matching (case, diacritics, Persian letter variants).
  // `source_document_id` is the document a spelling was learned from, so that a spelling known only
  // from a restricted document stays hidden from those who may not read it.
  await db.schema
    .createTable('entity_alias')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('entity_id', 'integer', (c) => c.notNull().references('entity.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('source_document_id', 'integer', (c) => c.references('document.id').onDelete('set null'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('entity_alias_entity_key_idx').on('entity_alias').columns(['entity_id', 'key']).unique().execute();
  await db.schema.createIndex('entity_alias_key_idx').on('entity_alias').column('key').execute();
}

async function createMention(db: Kysely<any>): Promise<void> {
  // `body.slice(start, end) === text` for the document's current body. `type` is the type the mention
  // was found or tagged as (it is kept when the mention has no entity yet). `value` holds what rules
  // normalise: an ISO date, an amount with its currency. A person's decision (`decided_by`) is never
  // overridden by a later extraction; a rejected mention is remembered so that it never comes back.
  await db.schema
    .createTable('mention')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('document_id', 'integer', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('passage_id', 'integer', (c) => c.notNull())
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('end', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().references('entity_type.name').onUpdate('cascade'))
    .addColumn('entity_id', 'integer', (c) => c.references('entity.id').onDelete('set null'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('rule', 'gazetteer', 'model', 'person')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('suggested')
        .check(sql`status in ('suggested', 'confirmed', 'rejected')`),
    )
    .addColumn('value', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('mention_span_check', sql`start >= 0 and "end" > start`)
    .execute();
  await db.schema.createIndex('mention_span_idx').on('mention').columns(['document_id', 'start', 'end', 'type']).unique().execute();
  // Both cover what an entity page reads (its passages, then what else those passages mention), so that
  // neither has to visit the mention rows themselves: a third of the page's time at 100k passages.
  await db.schema.createIndex('mention_entity_idx').on('mention').columns(['entity_id', 'status', 'document_id', 'passage_id']).execute();
  await db.schema.createIndex('mention_passage_idx').on('mention').columns(['passage_id', 'entity_id', 'status']).execute();
}

async function createEntityMerge(db: Kysely<any>): Promise<void> {
  // What a merge moved, so that undoing it moves exactly that back.
  await db.schema
    .createTable('entity_merge')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('into_id', 'integer', (c) => c.notNull().references('entity.id').onDelete('cascade'))
    .addColumn('from_id', 'integer', (c) => c.notNull().references('entity.id').onDelete('cascade'))
    .addColumn('mention_ids', 'text', (c) => c.notNull().check(sql`json_valid(mention_ids)`))
    .addColumn('alias_ids', 'text', (c) => c.notNull().check(sql`json_valid(alias_ids)`))
    .addColumn('merged_by', 'text', (c) => c.notNull())
    .addColumn('merged_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('undone_by', 'text')
    .addColumn('undone_at', 'text')
    .execute();
  await db.schema.createIndex('entity_merge_into_idx').on('entity_merge').column('into_id').execute();
}

async function createEntityScan(db: Kysely<any>): Promise<void> {
  // Which version of a document, and of the extractor, its suggestions came from.
  await db.schema
    .createTable('entity_scan')
    .addColumn('document_id', 'integer', (c) => c.primaryKey().references('document.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('extractor', 'text', (c) => c.notNull())
    .addColumn('scanned_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('entity_scan').execute();
  await db.schema.dropTable('entity_merge').execute();
  await db.schema.dropTable('mention').execute();
  await db.schema.dropTable('entity_alias').execute();
  await db.schema.dropTable('entity').execute();
  await db.schema.dropTable('entity_type').execute();
}
