// Facet values of every document, held in memory as small integer codes (what search engines call
// doc values), so counting facets over thousands of matched documents is a loop over typed arrays
// rather than an SQL GROUP BY. Plain JavaScript: reader worker threads load it without TypeScript.
import { MentionValues, PASSAGE_ID_FACTOR } from './mention-values.mjs';
import { DocumentSets } from './document-sets.mjs';
import { SeenVersion, ValueShare, sharedArray } from './value-share.mjs';
import { builtAt, ValueVersion } from './value-version.mjs';

export const FACET_NAMES = ['kind', 'origin', 'year', 'language', 'collection'];

// A first guess at the matching passages per document, for reading just enough of them under a limit.
const PASSAGES_PER_DOCUMENT_GUESS = 4;
// The fewest passages a further piece of matching passages reads (DocValues.matchingIds).
const MIN_PIECE = 256;

const KIND = 'documents';

const LOAD_SQL = `select d.id, d.kind, d.origin, substr(d.date, 1, 4) as year, d.language, c.name as collection
                  from document d join collection c on c.id = d.collection_id`;

// The first code that does not fit a column of so many bytes per element.
const WIDTH_LIMIT = { 1: 2 ** 8, 2: 2 ** 16, 4: 2 ** 31 };

function widen(column) {
  const wider = sharedArray(column.BYTES_PER_ELEMENT === 1 ? Uint16Array : Int32Array, column.length);
  wider.set(column);
  return wider;
}

class Dictionary {
  values = [null];
  codes = new Map();

  code(value) {
    if (value === null || value === undefined) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
}

export class DocValues {
  /**
   * @param {import('better-sqlite3').Database} connection
   * @param {ValueShare} share the pool's shared snapshots (value-share.mjs); by default shared with nobody
   */
  constructor(connection, share = new ValueShare()) {
    this.connection = connection;
    this.share = share;
    this.seen = new SeenVersion(share);
    this.mentions = new MentionValues(connection, share);
    this.version = new ValueVersion(connection, 'documents');
    this.snapshot = null;
    this.sets = new DocumentSets();
    share.subscribe(KIND, (snapshot) => this.use(snapshot));
    // The same few statements come back on every search: preparing an FTS5 query costs more than a rare word's hits.
    this.statements = new Map();
    this.dataVersion = connection.prepare('pragma data_version').pluck();
    // Seen now, before any thread of the pool builds: a snapshot another thread builds before the next commit is then new enough here.
    this.see(this.dataVersion.get());
  }

  /** Notes the connection's data version now (a read of a pragma), without loading anything. */
  notice() {
    this.see(this.dataVersion.get());
  }

  see(version) {
    this.mentions.see(version);
    return this.seen.see(version);
  }

  /** Takes the newest snapshot any thread has built, or builds one when none holds every commit this connection sees. */
  refresh() {
    const dataVersion = this.dataVersion.get();
    const since = this.see(dataVersion);
    this.mentions.refresh(dataVersion);
    const newest = this.share.adopt(KIND);
    if (newest && newest.tick > since) {
      this.use(newest);
      return;
    }
    // A commit that changed no document (a session, the audit log, the vocabulary) leaves the values as they are.
    const version = this.version.read();
    if (builtAt(newest, version)) {
      this.use(newest);
      return;
    }
    const tick = this.share.tick();
    const maxId = this.connection.prepare('select coalesce(max(id), 0) from document').pluck().get();
    const dictionaries = FACET_NAMES.map(() => new Dictionary());
    // A byte a document while a facet has fewer than 256 values (kinds, languages, years nearly always do).
    const columns = FACET_NAMES.map(() => sharedArray(Uint8Array, maxId + 1));
    // Row by row: at archive scale, materialising every row at once would double the reader's memory.
    for (const row of this.connection.prepare(LOAD_SQL).raw().iterate()) {
      for (let f = 0; f < FACET_NAMES.length; f++) {
        const code = dictionaries[f].code(row[f + 1]);
        if (code >= WIDTH_LIMIT[columns[f].BYTES_PER_ELEMENT]) columns[f] = widen(columns[f]);
        columns[f][row[0]] = code;
      }
    }
    const snapshot = { tick, version, values: dictionaries.map((d) => d.values), columns };
    this.share.publish(KIND, snapshot);
    this.use(snapshot);
  }

  use(snapshot) {
    if (this.snapshot && snapshot.tick <= this.snapshot.tick) return;
    this.snapshot = snapshot;
    this.values = snapshot.values;
    this.columns = snapshot.columns;
  }

  /** The parameters with each document set parameter (document-sets.mjs) bound to its bitmap over the current values. */
  bind(parameters) {
    if (!DocumentSets.wanted(parameters)) return parameters;
    this.refresh();
    return this.bindRefreshed(parameters);
  }

  bindRefreshed(parameters) {
    return DocumentSets.wanted(parameters) ? this.sets.bind(parameters, this.snapshot, FACET_NAMES) : parameters;
  }

  /** Bytes of the shared snapshots (facet and mention values), and of this thread's own counters. */
  bytes() {
    const mentions = this.mentions.bytes();
    const columns = this.columns?.reduce((n, c) => n + c.byteLength, 0) ?? 0;
    return {
      shared: columns + mentions.shared,
      own: mentions.own + this.sets.bytes(),
      ticks: { documents: this.snapshot?.tick ?? 0, mentions: this.mentions.snapshot.tick },
      mentionLoads: this.share.loads(),
    };
  }

  /**
   * Counts facet values over the documents the statement finds. Its one column is either `document_id`
   * (browsing: entities mentioned anywhere in the document count) or `passage_id` (a text search: only
   * entities mentioned in the matching passages count), so the entity facet agrees with the entity: filter.
   * Past `limit` matching documents the counts stop: each is then a lower bound (`approximate`). The total is then
   * counted by SQLite, which is several times cheaper than handing every id over, unless `countTotal` is false: then
   * it is the limit, and `totalLowerBound` (counting every match of a common word in ten million passages takes
   * most of a second).
   * @returns {{ total: number, totalLowerBound: boolean, approximate: boolean, entitiesLoading: boolean, facets: Record<string, Array<{ value: string, count: number }>> }}
   */
  count(sql, parameters, limit = Infinity, countTotal = true) {
    this.refresh();
    parameters = this.bindRefreshed(parameters);
    const byPassage = this.prepare(sql).columns()[0].name === 'passage_id';
    // With no mentions to count, SQLite's DISTINCT hands over each document once, cheaper than every passage.
    const perDocument = !byPassage || this.mentions.isEmpty();
    const rowsSql = byPassage && perDocument ? `select distinct passage_id / ${PASSAGE_ID_FACTOR} from (${sql})` : sql;
    const { ids, capped } = this.matchingIds(rowsSql, parameters, limit, perDocument);
    const counts = this.values.map((values) => new Int32Array(values.length));
    const tally = this.mentions.tally();
    let total = 0;
    let complete = true;
    if (!perDocument) {
      ({ total, complete } = this.countPassages(ids, counts, tally, limit));
    } else {
      for (; total < ids.length && total < limit; total++) {
        this.countDocument(ids[total], counts);
        tally.addDocument(ids[total]);
      }
      complete = total === ids.length;
    }
    const approximate = capped || !complete;
    const totalLowerBound = approximate && !countTotal;
    if (totalLowerBound) total = limit;
    else if (approximate) total = this.countDocuments(rowsSql, parameters, perDocument);
    const facets = {};
    FACET_NAMES.forEach((name, f) => {
      facets[name] = [];
      for (let code = 1; code < counts[f].length; code++) {
        if (counts[f][code] > 0) facets[name].push({ value: String(this.values[f][code]), count: counts[f][code] });
      }
      facets[name].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    });
    facets.entity = this.mentions.describe(tally.top());
    return { total, totalLowerBound, approximate, entitiesLoading: this.mentions.firstLoadPending, facets };
  }

  /**
   * The matching ids, at most enough of them for `limit` documents: FTS5 stops early under a LIMIT (the
   * statement has none of its own, see matchingIdsSql in search.repository.ts). Document ids come one per document, so
   * one read of `limit + 1` says whether there are more. A document's passages are read in pieces instead: a first
   * of a guessed four passages per document, then each from where the last ended (FTS5 seeks there; an OFFSET would
   * read the skipped rows again), sized by the passages a document had so far. Every piece is a new FTS5 query, so a
   * first piece of `limit + 1` passages measured slower than the guess, not faster: a second piece for nearly every
   * search, and for a wide prefix a second merge of its postings (bench/README.md, session 16).
   */
  matchingIds(rowsSql, parameters, limit, perDocument) {
    if (!Number.isFinite(limit)) return { ids: this.prepare(rowsSql).all(...parameters), capped: false };
    if (perDocument) {
      // Appended, not wrapped in a subquery: the wrapped form measured up to twice as slow over many rows.
      const ids = this.prepare(`${rowsSql} limit ?`).all(...parameters, limit + 1);
      return { ids, capped: ids.length > limit };
    }
    const piece = this.prepare(`select passage_id from (${rowsSql}) where passage_id > ? order by passage_id limit ?`);
    let ids = [];
    for (let size = limit * PASSAGES_PER_DOCUMENT_GUESS, after = -1; ;) {
      const rows = piece.all(...parameters, after, size);
      ids = ids.length ? ids.concat(rows) : rows;
      if (rows.length < size) return { ids, capped: false };
      const documents = distinctDocuments(ids, false);
      if (documents > limit) return { ids, capped: true };
      after = rows[rows.length - 1];
      // A quarter over the passages the documents still wanted would have at the rate so far.
      size = Math.max(MIN_PIECE, Math.ceil((((limit + 1 - documents) * ids.length) / documents) * 1.25));
    }
  }

  countDocuments(rowsSql, parameters, perDocument) {
    const counted = perDocument ? '*' : `distinct passage_id / ${PASSAGE_ID_FACTOR}`;
    return this.prepare(`select count(${counted}) from (${rowsSql})`).get(...parameters);
  }

  prepare(sql) {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= 64) this.statements.delete(this.statements.keys().next().value);
      statement = this.connection.prepare(sql).pluck();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Passage ids arrive in rowid order from FTS5, so a document's passages are adjacent; sorted here if not. */
  countPassages(ids, counts, tally, limit) {
    let sorted = true;
    for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i - 1] <= ids[i];
    const passages = sorted ? ids : Float64Array.from(ids).sort();
    const ordinals = new Int32Array(passages.length);
    let total = 0;
    let i = 0;
    while (i < passages.length && total < limit) {
      const document = Math.floor(passages[i] / PASSAGE_ID_FACTOR);
      const first = document * PASSAGE_ID_FACTOR;
      let n = 0;
      for (; i < passages.length && passages[i] - first < PASSAGE_ID_FACTOR; i++) ordinals[n++] = passages[i] - first;
      total++;
      this.countDocument(document, counts);
      tally.addPassages(document, ordinals, n);
    }
    return { total, complete: i === passages.length };
  }

  countDocument(id, counts) {
    for (let f = 0; f < counts.length; f++) counts[f][this.columns[f][id] ?? 0]++;
  }
}

/** Documents among the ids: each one (document ids), or each run of one document's passages (passage ids). */
function distinctDocuments(ids, perDocument) {
  if (perDocument) return ids.length;
  let n = 0;
  let last = -1;
  for (const id of ids) {
    const document = Math.floor(id / PASSAGE_ID_FACTOR);
    if (document !== last) n++;
    last = document;
  }
  return n;
}
