import type BetterSqlite3 from 'better-sqlite3';
import { aliasKey } from '../server/pipeline/entities/alias-key.ts';
import type { FoundMention, GazetteerEntry } from '../server/pipeline/entities/entity.types.ts';
import { reanchorSpan } from '../server/pipeline/entities/extract-entities.ts';
import type { TroveDatabase } from './client.ts';
import { documentBodySql } from './document-body.ts';
import { documentHashSql } from './document-hash.ts';
import { mentionTextStorer, mentionTextSql } from './entity-mention-text.ts';
import { PASSAGE_ID_FACTOR, passageId, passageIdRange } from './passage-id.ts';

export interface DocumentToScan {
  id: number;
  body: string;
  language: string | null;
  /** The document's own date (ISO), which dates written without a year are read against. */
  date: string | null;
  sha256: string;
}

export interface SavedScan {
  /** False when the document changed (or went) after it was read: its next scan comes with its import. */
  saved: boolean;
  /** Machine suggestions now stored for the document. */
  suggested: number;
  /** Mentions a person decided that had to be moved to where their text now is, or dropped because it is gone. */
  moved: number;
  dropped: number;
}

interface KeptMention {
  id: number;
  start: number;
  end: number;
  text: string;
  status: string;
}

interface Passage {
  ordinal: number;
  start: number;
}

type Statement<P extends unknown[] = unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

/**
 * The extraction's write path: one document's machine suggestions in one transaction, on prepared
 * statements of the writer's connection (a query builder per mention costs more than SQLite itself).
 * What a person decided is never touched, except to follow its text when the document's body changed.
 */
export class EntityExtractionRepository {
  private readonly s: Record<string, Statement<any[], any>>;
  private readonly saveOne: BetterSqlite3.Transaction<
    (id: number, sha256: string, found: readonly FoundMention[], extractor: string) => SavedScan
  >;
  private knownTypes: Set<string> | null = null;
  // Entities named by a normalised value (dates, sums), by type and name; loaded once per run.
  private readonly valueNames = new Map<string, Map<string, number>>();

  constructor(private readonly db: TroveDatabase) {
    const c = db.writerConnection;
    this.saveOne = c.transaction((id: number, sha256: string, found: readonly FoundMention[], extractor: string) =>
      this.scanOne(id, sha256, found, extractor),
    );
    this.s = {
      document: c.prepare(
        `select id, ${documentBodySql('document')} as body, language, date, ${documentHashSql('document')} as sha256 from document where id = ?`,
      ),
      passages: c.prepare('select ordinal, start from passage where id between ? and ? order by id'),
      // A decided mention keeps its text (migration 0020); the body's slice only stands in for one written otherwise.
      kept: c.prepare(
        `select m.id, m.start, m."end", ${mentionTextSql('m', 'd')} as text, m.status from mention m join document d on d.id = m.document_id
         where m.document_id = ? and (m.status != 'suggested' or m.decided_by is not null)`,
      ),
      moveKept: c.prepare('update or ignore mention set start = ?, "end" = ?, passage_id = ? where id = ?'),
      dropKept: c.prepare('delete from mention where id = ?'),
      oldEntities: c.prepare(
        `select distinct entity_id from mention where document_id = ? and status = 'suggested' and decided_by is null and entity_id is not null`,
      ),
      suggestions: c.prepare(
        `select id, start, "end", type, entity_id, source, value, text from mention
         where document_id = ? and status = 'suggested' and decided_by is null`,
      ),
      updateSuggestion: c.prepare('update mention set passage_id = ?, text = ?, entity_id = ?, source = ?, value = ? where id = ?'),
      deleteMention: c.prepare('delete from mention where id = ?'),
      // The document's date written with the mention, so that migration 0013's trigger has nothing to fill in;
      // the text only when the body cannot give it back (migration 0020).
      insertMention: c.prepare(
        `insert or ignore into mention (document_id, passage_id, start, "end", text, type, entity_id, source, status, value, document_date)
         values (?, ?, ?, ?, ?, ?, ?, ?, 'suggested', ?, (select date from document where id = ?))`,
      ),
      byAlias: c.prepare(
        // Cross join: from the alias key's index to the entity, never a scan of every entity of the type.
        `select a.entity_id from entity_alias a cross join entity e on e.id = a.entity_id
         where a.key = ? and e.type = ? and e.merged_into is null order by e.status = 'confirmed' desc, e.id limit 1`,
      ),
      valueEntities: c.prepare('select id, name from entity where type = ? and merged_into is null order by status = ? desc, id desc'),
      current: c.prepare('select id, merged_into from entity where id = ?'),
      insertEntity: c.prepare(`insert into entity (type, name, status) values (?, ?, 'suggested')`),
      // Only on machine-made entities: a confirmed entity's spellings (the gazetteer) are people's to choose.
      insertAlias: c.prepare(
        `insert or ignore into entity_alias (entity_id, name, key, source_document_id)
         select id, ?, ?, ? from entity where id = ? and status = 'suggested'`,
      ),
      deleteIfUnused: c.prepare(
        `delete from entity where id = ? and status = 'suggested' and created_by is null and merged_into is null
         and not exists (select 1 from mention m where m.entity_id = entity.id)
         and not exists (select 1 from entity_merge g where g.into_id = entity.id or g.from_id = entity.id)`,
      ),
      scan: c.prepare(
        `insert into entity_scan (document_id, sha256, extractor) values (?, ?, ?)
         on conflict (document_id) do update set sha256 = excluded.sha256, extractor = excluded.extractor,
         scanned_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      ),
      types: c.prepare('select name from entity_type'),
      all: c.prepare('select id from document order by id'),
      stale: c.prepare(
        `select d.id from document d left join entity_scan s on s.document_id = d.id
         where s.document_id is null or s.sha256 != ${documentHashSql('d')} or s.extractor != ? order by d.id`,
      ),
      unscanned: c.prepare(
        `select d.id from json_each(?) j join document d on d.id = j.value left join entity_scan s on s.document_id = d.id
         where s.document_id is null or s.sha256 != ${documentHashSql('d')} order by d.id`,
      ),
      entityKeys: c.prepare(
        `select e.name, a.key from entity e left join entity_alias a on a.entity_id = e.id where e.id = ? and e.merged_into is null`,
      ),
      gazetteer: c.prepare(
        `select e.id as entityId, e.type, e.name from entity e where e.status = 'confirmed' and e.merged_into is null
         union select e.id, e.type, a.name from entity_alias a join entity e on e.id = a.entity_id
         where e.status = 'confirmed' and e.merged_into is null`,
      ),
    };
  }

  /** Confirmed entities' names and aliases: what the gazetteer looks for. */
  gazetteerEntries(): GazetteerEntry[] {
    return this.s.gazetteer!.all() as GazetteerEntry[];
  }

  /** Every document, or those never scanned, changed since, or scanned by another version of the extractor. */
  documentsToScan(all: boolean, extractor: string): number[] {
    return (all ? this.s.all!.pluck().all() : this.s.stale!.pluck().all(extractor)) as number[];
  }

  /** Of these documents, those never scanned or changed since (an import stopped before their extraction). */
  unscanned(ids: readonly number[]): number[] {
    return ids.length === 0 ? [] : (this.s.unscanned!.pluck().all(JSON.stringify(ids)) as number[]);
  }

  /**
   * Documents whose text holds one of an entity's spellings (its name and aliases, as phrases of the
   * search index): where confirming it can change suggestions. Transliteration variants that are not
   * aliases are left to the next full run.
   */
  documentsWithSpellings(entityId: number): number[] {
    const rows = this.s.entityKeys!.all(entityId) as Array<{ name: string; key: string | null }>;
    const keys = new Set(rows.flatMap((r) => [aliasKey(r.name), r.key ?? '']).filter((k) => k !== ''));
    if (keys.size === 0) return [];
    // Keys are folded word tokens and spaces only, so quoting them cannot inject query syntax.
    const match = [...keys].map((k) => `"${k.replaceAll('"', '""')}"`).join(' OR ');
    return this.db.writerConnection
      .prepare(`select distinct rowid / ${PASSAGE_ID_FACTOR} from passage_fts where passage_fts match ? order by 1`)
      .pluck()
      .all(match) as number[];
  }

  loadDocument(id: number): DocumentToScan | null {
    return (this.s.document!.get(id) as DocumentToScan | undefined) ?? null;
  }

  /** Forget what was cached for the last run (entity types, value-named entities): a new run sees people's latest changes. */
  beginRun(): void {
    this.knownTypes = null;
    this.valueNames.clear();
  }

  /**
   * Replaces one document's machine suggestions with `found` (extracted from the body whose hash is
   * `sha256`) in one transaction, and records the scan. Kept: every mention a person decided; never
   * re-added: a (start, end, type) a person rejected or confirmed; not added: anything overlapping a confirmed mention.
   */
  saveDocument(documentId: number, sha256: string, found: readonly FoundMention[], extractor: string): SavedScan {
    return this.saveOne.immediate(documentId, sha256, found, extractor);
  }

  /**
   * Several documents in one transaction, each on its own savepoint: a document's suggestions land whole
   * or not at all, and the pages SQLite writes on commit are shared by the batch (one commit per
   * document wrote the same index pages again and again, a third of the run's time).
   */
  saveDocuments(scans: ReadonlyArray<{ documentId: number; sha256: string; mentions: readonly FoundMention[] }>, extractor: string) {
    const write = this.db.writerConnection.transaction(() =>
      scans.map((scan): SavedScan | Error => {
        try {
          return this.saveOne(scan.documentId, scan.sha256, scan.mentions, extractor);
        } catch (error) {
          // Its savepoint is rolled back: entities it created may be gone, so forget the cached ones.
          this.beginRun();
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
    return write.immediate();
  }

  private scanOne(documentId: number, sha256: string, found: readonly FoundMention[], extractor: string): SavedScan {
    const doc = this.s.document!.get(documentId) as DocumentToScan | undefined;
    if (!doc || doc.sha256 !== sha256) return { saved: false, suggested: 0, moved: 0, dropped: 0 };
    const passages = this.s.passages!.all(...passageIdRange(documentId)) as Passage[];
    const passageOf = (start: number) => passageId(documentId, ordinalAt(passages, start));
    const kept = this.followText(doc.body, this.s.kept!.all(documentId) as KeptMention[], passageOf);
    const oldEntities = this.s.oldEntities!.pluck().all(documentId) as number[];
    // Suggestions found again keep their rows (and ids): a reader who has the document open can still
    // confirm or reject what it shows while a correction's spread re-extracts the document.
    const previous = new Map(
      (this.s.suggestions!.all(documentId) as PreviousSuggestion[]).map((m) => [`${m.start}:${m.end}:${m.type}`, m]),
    );
    const confirmed = kept.spans.filter((m) => m.status === 'confirmed');
    const storedText = mentionTextStorer(doc.body);
    const entities = new DocumentEntities(this, documentId);
    let suggested = 0;
    for (const m of found) {
      if (!this.types().has(m.type) || confirmed.some((c) => c.start < m.end && m.start < c.end)) continue;
      const entityId = entities.of(m);
      if (entityId === null) continue;
      const same = previous.get(`${m.start}:${m.end}:${m.type}`);
      if (same) {
        previous.delete(`${m.start}:${m.end}:${m.type}`);
        const text = storedText(m.start, m.end, m.text);
        if (same.entity_id !== entityId || same.source !== m.source || same.value !== (m.value ?? null) || same.text !== text) {
          this.s.updateSuggestion!.run(passageOf(m.start), text, entityId, m.source, m.value ?? null, same.id);
        }
        suggested++;
        continue;
      }
      const inserted = this.s.insertMention!.run(
        documentId,
        passageOf(m.start),
        m.start,
        m.end,
        storedText(m.start, m.end, m.text),
        m.type,
        entityId,
        m.source,
        m.value ?? null,
        documentId,
      );
      suggested += inserted.changes;
    }
    for (const gone of previous.values()) this.s.deleteMention!.run(gone.id);
    for (const id of oldEntities) this.s.deleteIfUnused!.run(id);
    this.s.scan!.run(documentId, sha256, extractor);
    return { saved: true, suggested, moved: kept.moved, dropped: kept.dropped };
  }

  /** Mentions a person decided, moved to where their text now is when the body changed; those whose text is gone are dropped. */
  private followText(body: string, mentions: KeptMention[], passageOf: (start: number) => number) {
    let moved = 0;
    let dropped = 0;
    const spans: KeptMention[] = [];
    for (const m of mentions) {
      if (body.slice(m.start, m.end) === m.text) {
        spans.push(m);
        continue;
      }
      const start = reanchorSpan(body, m.text, m.start);
      const changes = start === null ? 0 : this.s.moveKept!.run(start, start + m.text.length, passageOf(start), m.id).changes;
      if (changes === 0) {
        // Its text is gone, or another decision already holds the new place.
        this.s.dropKept!.run(m.id);
        dropped++;
      } else {
        spans.push({ ...m, start: start!, end: start! + m.text.length });
        moved++;
      }
    }
    return { spans, moved, dropped };
  }

  private types(): Set<string> {
    this.knownTypes ??= new Set(this.s.types!.pluck().all() as string[]);
    return this.knownTypes;
  }

  /** @internal The entity a spelling belongs to: an unmerged one of that type with that alias key, or null. */
  entityByAlias(type: string, key: string): number | null {
    return (this.s.byAlias!.pluck().get(key, type) as number | undefined) ?? null;
  }

  /** @internal The entity named by a normalised value, preferring a confirmed one. */
  entityByValue(type: string, value: string): number | null {
    let names = this.valueNames.get(type);
    if (!names) {
      names = new Map();
      // Rows come confirmed first and oldest last, so the confirmed and then the oldest entity is kept.
      for (const row of this.s.valueEntities!.all(type, 'confirmed') as Array<{ id: number; name: string }>) names.set(row.name, row.id);
      this.valueNames.set(type, names);
    }
    return names.get(value) ?? null;
  }

  /** @internal The entity a gazetteer match names, following merges; null when it is gone. */
  currentEntity(id: number): number | null {
    for (let hops = 0; hops < 16; hops++) {
      const row = this.s.current!.get(id) as { id: number; merged_into: number | null } | undefined;
      if (!row) return null;
      if (row.merged_into === null) return row.id;
      id = row.merged_into;
    }
    return null;
  }

  /** @internal A machine-made entity, status 'suggested'. */
  createEntity(type: string, name: string, value: string | null): number {
    const id = Number(this.s.insertEntity!.run(type, name).lastInsertRowid);
    if (value !== null) this.valueNames.get(type)?.set(value, id);
    return id;
  }

  /** @internal One alias per spelling of a suggested entity; the first document it was seen in is its source. */
  addAlias(entityId: number, name: string, key: string, documentId: number): void {
    this.s.insertAlias!.run(name, key, documentId, entityId);
  }
}

interface PreviousSuggestion {
  id: number;
  start: number;
  end: number;
  type: string;
  entity_id: number | null;
  source: string;
  value: string | null;
  /** As stored: null when the body gives it back (migration 0020). */
  text: string | null;
}

/**
 * Groups one document's machine mentions into entities: by type and alias key (dates and sums by their
 * normalised value), reusing an existing unmerged entity of that type that has the key, else a new
 * suggested one named by the first spelling (or by the value).
 */
class DocumentEntities {
  private readonly ids = new Map<string, number | null>();
  private readonly aliases = new Set<string>();

  constructor(
    private readonly repository: EntityExtractionRepository,
    private readonly documentId: number,
  ) {}

  of(m: FoundMention): number | null {
    const key = aliasKey(m.text);
    if (!key) return null;
    const value = namingValue(m);
    const group = m.entityId !== undefined ? `#${m.entityId}` : value ? `${m.type}\0=${value}` : `${m.type}\0${key}`;
    let id = this.ids.get(group);
    if (id === undefined) {
      id = this.find(m, key);
      this.ids.set(group, id);
    }
    if (id !== null && !this.aliases.has(`${id}\0${key}`)) {
      this.aliases.add(`${id}\0${key}`);
      this.repository.addAlias(id, m.text, key, this.documentId);
    }
    return id;
  }

  private find(m: FoundMention, key: string): number | null {
    const r = this.repository;
    if (m.entityId !== undefined) return r.currentEntity(m.entityId);
    const value = namingValue(m);
    const existing = value ? (r.entityByValue(m.type, value) ?? r.entityByAlias(m.type, key)) : r.entityByAlias(m.type, key);
    return existing ?? r.createEntity(m.type, value ?? m.text, value);
  }
}

/**
 * The value an entity is named and grouped by. A date without its year (`--11-01`) is no particular day,
 * so it is grouped by how it is written instead of joining every 1 November of every year.
 */
function namingValue(m: FoundMention): string | null {
  if (!m.value) return null;
  if (m.type === 'date' && !/^\d{4}/.test(m.value)) return null;
  return m.value;
}

/** The ordinal of the passage whose range holds `offset` (the last one starting at or before it, else the first). */
function ordinalAt(passages: readonly Passage[], offset: number): number {
  let lo = 0;
  let hi = passages.length - 1;
  let found = passages[0]?.ordinal ?? 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (passages[mid]!.start <= offset) {
      found = passages[mid]!.ordinal;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
