// Facet values of every document, held in memory as small integer codes (what search engines call
// doc values), so counting facets over thousands of matched documents is a loop over typed arrays
// rather than an SQL GROUP BY. Plain JavaScript: reader worker threads load it without TypeScript.
import { MentionValues, PASSAGE_ID_FACTOR } from './mention-values.mjs';

export const FACET_NAMES = ['kind', 'origin', 'year', 'language', 'collection'];

const LOAD_SQL = `select d.id, d.kind, d.origin, substr(d.date, 1, 4) as year, d.language, c.name as collection
                  from document d join collection c on c.id = d.collection_id`;

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
  /** @param {import('better-sqlite3').Database} connection */
  constructor(connection) {
    this.connection = connection;
    this.version = -1;
    this.mentions = new MentionValues(connection);
  }

  /** Reloads when another connection has committed since the last load (PRAGMA data_version). */
  refresh() {
    const version = this.connection.pragma('data_version', { simple: true });
    this.mentions.refresh(version);
    if (version === this.version) return;
    const maxId = this.connection.prepare('select coalesce(max(id), 0) from document').pluck().get();
    this.dictionaries = FACET_NAMES.map(() => new Dictionary());
    this.columns = FACET_NAMES.map(() => new Int32Array(maxId + 1));
    // Row by row: at archive scale, materialising every row at once would double the reader's memory.
    for (const row of this.connection.prepare(LOAD_SQL).raw().iterate()) {
      for (let f = 0; f < FACET_NAMES.length; f++) this.columns[f][row[0]] = this.dictionaries[f].code(row[f + 1]);
    }
    this.version = version;
  }

  /**
   * Counts facet values over the documents the statement finds. Its one column is either `document_id`
   * (browsing: entities mentioned anywhere in the document count) or `passage_id` (a text search: only
   * entities mentioned in the matching passages count), so the entity facet agrees with the entity: filter.
   * @returns {{ total: number, facets: Record<string, Array<{ value: string, count: number }>> }}
   */
  count(sql, parameters) {
    this.refresh();
    let statement = this.connection.prepare(sql).pluck();
    const byPassage = statement.columns()[0].name === 'passage_id';
    // With no mentions to count, SQLite's DISTINCT hands over each document once, cheaper than every passage.
    if (byPassage && this.mentions.isEmpty()) {
      statement = this.connection.prepare(`select distinct passage_id / ${PASSAGE_ID_FACTOR} from (${sql})`).pluck();
    }
    const ids = statement.all(...parameters);
    const counts = this.dictionaries.map((d) => new Int32Array(d.values.length));
    const tally = this.mentions.tally();
    let total = 0;
    if (byPassage && !this.mentions.isEmpty()) {
      total = this.countPassages(ids, counts, tally);
    } else {
      for (const id of ids) {
        total++;
        this.countDocument(id, counts);
        tally.addDocument(id);
      }
    }
    const facets = {};
    FACET_NAMES.forEach((name, f) => {
      facets[name] = [];
      for (let code = 1; code < counts[f].length; code++) {
        if (counts[f][code] > 0) facets[name].push({ value: String(this.dictionaries[f].values[code]), count: counts[f][code] });
      }
      facets[name].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    });
    facets.entity = this.mentions.describe(tally.top());
    return { total, facets };
  }

  /** Passage ids arrive in rowid order from FTS5, so a document's passages are adjacent; sorted here if not. */
  countPassages(ids, counts, tally) {
    let sorted = true;
    for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i - 1] <= ids[i];
    const passages = sorted ? ids : Float64Array.from(ids).sort();
    const ordinals = new Int32Array(passages.length);
    let total = 0;
    for (let i = 0; i < passages.length;) {
      const document = Math.floor(passages[i] / PASSAGE_ID_FACTOR);
      const first = document * PASSAGE_ID_FACTOR;
      let n = 0;
      for (; i < passages.length && passages[i] - first < PASSAGE_ID_FACTOR; i++) ordinals[n++] = passages[i] - first;
      total++;
      this.countDocument(document, counts);
      tally.addPassages(document, ordinals, n);
    }
    return total;
  }

  countDocument(id, counts) {
    for (let f = 0; f < counts.length; f++) counts[f][this.columns[f][id] ?? 0]++;
  }
}
