import { sql } from 'kysely';
import { canReadCollection, type ReadScope } from './access.ts';
import type { Db } from './client.ts';
import { documentBody } from './document-body.ts';
import type { TranslationDeclaredBy } from './schema.ts';
import { passageIdRange } from './passage-id.ts';
import { passageText } from './passage-text.ts';

/** One passage pairing: passage ids of the original and of the translation. */
export interface AlignmentPair {
  original: number[];
  translation: number[];
}

/** A claim by `claimantId` that `counterpartId` is its original, its translation, or its sibling in another language. */
export interface CounterpartRow {
  claimantId: number;
  counterpartId: number;
  role: 'original' | 'translation' | 'sibling';
  declaredBy: TranslationDeclaredBy;
}

export interface TranslationLink {
  translationId: number;
  originalId: number;
  declaredBy: TranslationDeclaredBy;
  alignedBy: 'auto' | 'editor';
  alignment: AlignmentPair[];
}

const CHUNK = 500;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

const relatedColumns = ['document.id', 'document.ref', 'document.title', 'document.language', 'document.source_file'] as const;

export class TranslationsRepository {
  constructor(
    private readonly reader: Db,
    private readonly writer: Db,
  ) {}

  /** Of these documents, those that claim a counterpart and are joined to none (an import stopped before joining them). */
  async unjoined(documentIds: readonly number[]): Promise<number[]> {
    const found: number[] = [];
    for (const ids of chunks(documentIds)) {
      const { rows } = await sql<{ id: number }>`
        select distinct c.document_id as id from translation_claim c
        where c.document_id in (${sql.join(ids)})
          and not exists (select 1 from document_translation t where t.translation_id = c.document_id or t.original_id = c.document_id)
      `.execute(this.writer);
      for (const row of rows) found.push(row.id);
    }
    return found;
  }

  /** Claims made by these documents, and claims others made about them, resolved to document ids. */
  async counterparts(documentIds: readonly number[]): Promise<CounterpartRow[]> {
    const rows: CounterpartRow[] = [];
    for (const ids of chunks(documentIds)) {
      const { rows: found } = await sql<CounterpartRow>`
        select c.document_id as "claimantId", d.id as "counterpartId", c.role, c.declared_by as "declaredBy"
        from translation_claim c join document d on d.ref = c.ref
        where c.document_id in (${sql.join(ids)})
        union
        select c.document_id, d.id, c.role, c.declared_by
        from document d join translation_claim c on c.ref = d.ref
        where d.id in (${sql.join(ids)})
        union
        select mine.document_id, theirs.document_id, 'sibling', 'ref_suffix'
        from translation_claim mine
        join translation_claim theirs on theirs.ref = mine.ref and theirs.role = 'sibling' and theirs.document_id <> mine.document_id
        where mine.role = 'sibling' and mine.document_id in (${sql.join(ids)})`.execute(this.writer);
      rows.push(...found.filter((row) => row.claimantId !== row.counterpartId));
    }
    return rows;
  }

  async describe(documentIds: readonly number[]): Promise<Map<number, { id: number; ref: string; language: string | null }>> {
    const map = new Map<number, { id: number; ref: string; language: string | null }>();
    for (const ids of chunks(documentIds)) {
      const rows = await this.writer.selectFrom('document').select(['id', 'ref', 'language']).where('id', 'in', ids).execute();
      for (const row of rows) map.set(row.id, row);
    }
    return map;
  }

  /** Links in which any of these documents takes part. */
  async linksOf(documentIds: readonly number[]): Promise<TranslationLink[]> {
    const links: TranslationLink[] = [];
    for (const ids of chunks(documentIds)) {
      const rows = await this.writer
        .selectFrom('document_translation')
        .select(['translation_id', 'original_id', 'declared_by', 'aligned_by', 'alignment'])
        .where((eb) => eb.or([eb('translation_id', 'in', ids), eb('original_id', 'in', ids)]))
        .execute();
      for (const row of rows) links.push(toLink(row));
    }
    return [...new Map(links.map((link) => [link.translationId, link])).values()];
  }

  async passagesOf(documentId: number): Promise<Array<{ id: number; text: string }>> {
    return this.writer
      .selectFrom('passage as p')
      .innerJoin('document as d', 'd.id', 'p.document_id')
      .select(['p.id', passageText('p', 'd').as('text')])
      .where((eb) => eb.between('p.id', ...passageIdRange(documentId)))
      .orderBy('p.id')
      .execute();
  }

  /** Creates or replaces the link of a translation to its original (a translation has one original). */
  async saveLink(link: Omit<TranslationLink, 'alignedBy'> & { alignedBy?: 'auto' | 'editor'; decidedBy?: string | null }): Promise<void> {
    const values = {
      translation_id: link.translationId,
      original_id: link.originalId,
      declared_by: link.declaredBy,
      alignment: JSON.stringify(link.alignment),
      aligned_by: link.alignedBy ?? 'auto',
      decided_by: link.decidedBy ?? null,
      aligned_at: new Date().toISOString(),
    };
    await this.writer
      .insertInto('document_translation')
      .values(values)
      .onConflict((oc) => oc.column('translation_id').doUpdateSet(values))
      .execute();
  }

  // Reads on behalf of a person: a counterpart the scope may not read does not exist.

  async originalOf(documentId: number, scope: ReadScope) {
    return this.reader
      .selectFrom('document_translation')
      .innerJoin('document', 'document.id', 'document_translation.original_id')
      .select(relatedColumns)
      .where('document_translation.translation_id', '=', documentId)
      .where(canReadCollection(scope, sql.ref('document.collection_id')))
      .executeTakeFirst();
  }

  async translationsOf(documentId: number, scope: ReadScope) {
    return this.reader
      .selectFrom('document_translation')
      .innerJoin('document', 'document.id', 'document_translation.translation_id')
      .select(relatedColumns)
      .where('document_translation.original_id', '=', documentId)
      .where(canReadCollection(scope, sql.ref('document.collection_id')))
      .orderBy('document.ref')
      .execute();
  }

  /** For translations among these documents: their original (when the scope may read it), its body and the pairing. */
  async originalsOf(translationIds: readonly number[], scope: ReadScope) {
    if (translationIds.length === 0) return [];
    return this.reader
      .selectFrom('document_translation as t')
      .innerJoin('document as o', 'o.id', 't.original_id')
      .select(['t.translation_id', 't.alignment', 'o.id', 'o.ref', 'o.title', 'o.language', documentBody('o').as('body')])
      .where('t.translation_id', 'in', [...translationIds])
      .where(canReadCollection(scope, sql.ref('o.collection_id')))
      .execute();
  }

  async passageSpans(documentId: number) {
    return this.reader
      .selectFrom('passage')
      .select(['id', 'start', 'end'])
      .where((eb) => eb.between('id', ...passageIdRange(documentId)))
      .execute();
  }

  /** The link between two documents, in whichever direction it runs, when the scope may read both. */
  async linkBetween(a: number, b: number, scope: ReadScope) {
    return this.reader
      .selectFrom('document_translation as t')
      .innerJoin('document as o', 'o.id', 't.original_id')
      .innerJoin('document as tr', 'tr.id', 't.translation_id')
      .innerJoin('collection as oc', 'oc.id', 'o.collection_id')
      .innerJoin('collection as tc', 'tc.id', 'tr.collection_id')
      .select([
        't.translation_id',
        't.original_id',
        't.declared_by',
        't.aligned_by',
        't.alignment',
        't.decided_by',
        't.aligned_at',
        'o.ref as original_ref',
        'o.language as original_language',
        'o.collection_id as original_collection_id',
        'oc.visibility as original_visibility',
        'tr.ref as translation_ref',
        'tr.language as translation_language',
        'tr.collection_id as translation_collection_id',
        'tc.visibility as translation_visibility',
      ])
      .where((eb) =>
        eb.or([
          eb.and([eb('t.original_id', '=', a), eb('t.translation_id', '=', b)]),
          eb.and([eb('t.original_id', '=', b), eb('t.translation_id', '=', a)]),
        ]),
      )
      .where(canReadCollection(scope, sql.ref('o.collection_id')))
      .where(canReadCollection(scope, sql.ref('tr.collection_id')))
      .executeTakeFirst();
  }
}

export type LinkBetweenRow = NonNullable<Awaited<ReturnType<TranslationsRepository['linkBetween']>>>;

function toLink(row: {
  translation_id: number;
  original_id: number;
  declared_by: TranslationDeclaredBy;
  aligned_by: 'auto' | 'editor';
  alignment: string;
}): TranslationLink {
  return {
    translationId: row.translation_id,
    originalId: row.original_id,
    declaredBy: row.declared_by,
    alignedBy: row.aligned_by,
    alignment: JSON.parse(row.alignment) as AlignmentPair[],
  };
}
