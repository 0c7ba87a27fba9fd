// The documents a search's facet filters (kind:, origin:, language:, collection:, year:) allow, as a bitmap built from
// the reader thread's facet values (doc-values.mjs) and checked per matching passage by trove_in_set
// (native/trove-rank.c). Joining each posting to the document table instead cost a b-tree search per posting
// walked: at ten million passages, most of a filtered search's time (bench/README.md, session 17).
// Plain JavaScript: reader worker threads load it without TypeScript.

/** The facet filters a set can stand for; any other document filter keeps the join. */
export const SET_FILTERS = ['kind', 'origin', 'language', 'collection', 'year'];
// Compared as the join compares them: `collate nocase` for these, exactly for the year.
const NOCASE = new Set(['kind', 'origin', 'language', 'collection']);
const PARAMETER_KEY = 'troveDocumentSet';
// Each is an eighth of a byte per document (200 KB at 1.6M documents); a handful covers the filters in use at a time.
const KEPT_SETS = 8;

/** The query parameter that stands for the set of documents the filters allow; the reader thread binds the bitmap. */
export function documentSetParameter(filters) {
  return { [PARAMETER_KEY]: filters };
}

function isSetParameter(value) {
  return value !== null && typeof value === 'object' && !Buffer.isBuffer(value) && PARAMETER_KEY in value;
}

/** SQLite's NOCASE folds ASCII letters only. */
function foldAscii(text) {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

export class DocumentSets {
  snapshot = null;
  kept = new Map();

  /** Whether any parameter stands for a set (binding one needs the facet values to be current). */
  static wanted(parameters) {
    return parameters.some(isSetParameter);
  }

  /**
   * The parameters with each set parameter replaced by its bitmap over the snapshot's documents.
   * @param {unknown[]} parameters
   * @param {{ values: unknown[][], columns: ArrayLike<number>[] }} snapshot
   * @param {string[]} facetNames the snapshot's columns, in order
   */
  bind(parameters, snapshot, facetNames) {
    if (snapshot !== this.snapshot) {
      this.snapshot = snapshot;
      this.kept.clear();
    }
    return parameters.map((value) => (isSetParameter(value) ? this.bitmap(value[PARAMETER_KEY], facetNames) : value));
  }

  /** Bytes of the bitmaps kept. */
  bytes() {
    let n = 0;
    for (const bits of this.kept.values()) n += bits.byteLength;
    return n;
  }

  bitmap(filters, facetNames) {
    const key = JSON.stringify(filters);
    let bits = this.kept.get(key);
    if (bits) return bits;
    bits = build(this.snapshot, facetNames, filters);
    if (this.kept.size >= KEPT_SETS) this.kept.delete(this.kept.keys().next().value);
    this.kept.set(key, bits);
    return bits;
  }
}

function build({ values, columns }, facetNames, filters) {
  const tests = [];
  for (const [name, wanted] of Object.entries(filters)) {
    const f = facetNames.indexOf(name);
    if (f < 0 || !SET_FILTERS.includes(name)) throw new Error(`No facet values for the filter ${name}.`);
    const fold = NOCASE.has(name) ? foldAscii : (text) => text;
    const keep = new Set(wanted.map((value) => fold(String(value))));
    // Code 0 is a missing value, which no filter value matches (as NULL matches no IN list).
    const allowed = new Uint8Array(values[f].length);
    for (let code = 1; code < values[f].length; code++) allowed[code] = keep.has(fold(String(values[f][code]))) ? 1 : 0;
    tests.push({ column: columns[f], allowed });
  }
  const size = columns[0]?.length ?? 0;
  const bits = Buffer.alloc((size >> 3) + 1);
  documents: for (let id = 1; id < size; id++) {
    for (const { column, allowed } of tests) if (allowed[column[id]] !== 1) continue documents;
    bits[id >> 3] |= 1 << (id & 7);
  }
  return bits;
}
