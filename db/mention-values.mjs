// Which entities each passage mentions, held in memory beside the document facet values (doc-values.mjs),
// so that the entity facet of a search is a loop over typed arrays instead of a join per hit.
// Plain JavaScript: reader worker threads load it without TypeScript.

/** db/passage-id.ts: a passage id is its document id times this factor plus its ordinal. */
export const PASSAGE_ID_FACTOR = 2 ** 24;
/** How many entities the facet lists. */
export const ENTITY_FACET_SIZE = 10;

// Rejected mentions never count, and a merged-away entity has none left to count. Read in table order
// by rowid ranges: a plain scan, in pieces a reader thread can interleave with searches. One column
// per statement, each a small integer, so reading leaves almost no garbage: rows as arrays left the
// reader threads holding twice the memory the values need.
const RANGE = `from mention where id > ? and id <= ? and entity_id is not null and status != 'rejected' order by id`;
const DOCUMENTS_SQL = `select passage_id / ${PASSAGE_ID_FACTOR} ${RANGE}`;
const ORDINALS_SQL = `select passage_id % ${PASSAGE_ID_FACTOR} ${RANGE}`;
const ENTITIES_SQL = `select entity_id ${RANGE}`;
const LAST_SQL = `select coalesce(max(id), 0) from mention`;
const MERGED_SQL = `select id from entity where merged_into is not null`;
const NAMES_SQL = `select id, name, type from entity where merged_into is null and id in (select value from json_each(?))`;
const CHUNK_IDS = 50_000;

// A small archive's mentions (and every test's) load at once, so a search always sees the latest ones.
// A large tagged archive's load (tens of milliseconds and more, while extraction writes batch after
// batch) runs in the background in chunks while searches keep counting with the previous values, at
// most one load at a time. Decided by size, not by the last load's time: a busy machine must not make
// a small archive's searches see stale counts.
const SYNCHRONOUS_MENTIONS = 100_000;

class GrowableInt32 {
  array = new Int32Array(1024);
  length = 0;

  push(value) {
    if (this.length === this.array.length) {
      const bigger = new Int32Array(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }
}

export class MentionValues {
  /** @param {import('better-sqlite3').Database} connection */
  constructor(connection) {
    this.connection = connection;
    this.version = -1;
    /** Archives with fewer mentions than this load them at once (see SYNCHRONOUS_MENTIONS). */
    this.synchronousMentions = SYNCHRONOUS_MENTIONS;
    this.loading = false;
    // Per document d, entries docStart[d] .. docStart[d + 1] - 1 of ordinals/entities, in table order.
    this.docStart = new Int32Array(1);
    this.ordinals = new Int32Array(0);
    this.entities = new Int32Array(0);
    this.counts = new Int32Array(1);
    this.stamps = new Uint32Array(1);
    this.marks = new Uint32Array(1);
    this.stamp = 0;
  }

  /** @param {number} version the connection's PRAGMA data_version */
  refresh(version) {
    if (version === this.version || this.loading) return;
    const mentions = this.connection.prepare(LAST_SQL).pluck().get();
    if (this.version === -1 || mentions < this.synchronousMentions) {
      const reader = this.reader();
      while (!reader.next().done);
      this.version = version;
      return;
    }
    this.loading = true;
    const reader = this.reader();
    const step = () => {
      try {
        if (!reader.next().done) return void setImmediate(step);
        this.version = version;
      } catch {
        // The next search tries again (a closed connection ends here too).
      }
      this.loading = false;
    };
    setImmediate(step);
  }

  /** Reads the mentions a chunk per step, then swaps the new values in. */
  *reader() {
    const merged = new Set(this.connection.prepare(MERGED_SQL).pluck().all());
    const last = this.connection.prepare(LAST_SQL).pluck().get();
    const [documentsOf, ordinalsOf, entitiesOf] = [DOCUMENTS_SQL, ORDINALS_SQL, ENTITIES_SQL].map((q) =>
      this.connection.prepare(q).pluck(),
    );
    const documents = new GrowableInt32();
    const ordinals = new GrowableInt32();
    const entities = new GrowableInt32();
    let maxEntity = 0;
    let maxOrdinal = 0;
    for (let after = 0; after < last; after += CHUNK_IDS) {
      const range = [after, after + CHUNK_IDS];
      const chunkEntities = entitiesOf.all(...range);
      const chunkDocuments = documentsOf.all(...range);
      const chunkOrdinals = ordinalsOf.all(...range);
      for (let i = 0; i < chunkEntities.length; i++) {
        const entity = chunkEntities[i];
        if (merged.has(entity)) continue;
        documents.push(chunkDocuments[i]);
        ordinals.push(chunkOrdinals[i]);
        entities.push(entity);
        if (entity > maxEntity) maxEntity = entity;
        if (chunkOrdinals[i] > maxOrdinal) maxOrdinal = chunkOrdinals[i];
      }
      yield;
    }
    Object.assign(this, byDocument(documents, ordinals, entities));
    this.counts = new Int32Array(maxEntity + 1);
    this.stamps = new Uint32Array(maxEntity + 1);
    this.marks = new Uint32Array(maxOrdinal + 1);
    this.stamp = 0;
  }

  isEmpty() {
    return this.entities.length === 0;
  }

  /** A tally for one search: add each matched document once, with the ordinals of its matched passages. */
  tally() {
    return new EntityTally(this);
  }

  /** The canonical names and types of the top entities, read now so that a rename shows at once. */
  describe(top) {
    if (top.length === 0) return [];
    const rows = this.connection.prepare(NAMES_SQL).all(JSON.stringify(top.map((t) => t.entityId)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return top.flatMap(({ entityId, count }) => {
      const row = byId.get(entityId);
      return row ? [{ value: row.name, count, entityId, type: row.type }] : [];
    });
  }

  nextStamp() {
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.marks.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

/** The entries grouped by document, by a counting sort; within a document they keep table order. */
function byDocument(documents, ordinals, entities) {
  const n = documents.length;
  let maxDocument = 0;
  for (let i = 0; i < n; i++) if (documents.array[i] > maxDocument) maxDocument = documents.array[i];
  const docStart = new Int32Array(maxDocument + 2);
  for (let i = 0; i < n; i++) docStart[documents.array[i] + 1]++;
  for (let d = 1; d < docStart.length; d++) docStart[d] += docStart[d - 1];
  const next = docStart.slice(0, maxDocument + 1);
  const outOrdinals = new Int32Array(n);
  const outEntities = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const at = next[documents.array[i]]++;
    outOrdinals[at] = ordinals.array[i];
    outEntities[at] = entities.array[i];
  }
  return { docStart, ordinals: outOrdinals, entities: outEntities };
}

class EntityTally {
  /** @param {MentionValues} values */
  constructor(values) {
    this.values = values;
    this.touched = [];
  }

  // The loops below run once per matched document over every mention entry it has (hundreds of
  // thousands per search in a tagged archive), so they read the arrays through locals only. A stamp
  // per document makes an entity count once however often the document mentions it.

  /** Every entity mentioned anywhere in the document. */
  addDocument(document) {
    const { docStart, entities, counts, stamps } = this.values;
    if (document + 1 >= docStart.length) return;
    const end = docStart[document + 1];
    let i = docStart[document];
    if (i === end) return;
    const stamp = this.values.nextStamp();
    const touched = this.touched;
    for (; i < end; i++) {
      const entity = entities[i];
      if (stamps[entity] === stamp) continue;
      stamps[entity] = stamp;
      if (counts[entity]++ === 0) touched.push(entity);
    }
  }

  /** Entities mentioned in the given passages (ordinals) of the document. */
  addPassages(document, ordinals, length) {
    const { docStart, entities, counts, stamps, marks } = this.values;
    if (document + 1 >= docStart.length) return;
    const end = docStart[document + 1];
    let i = docStart[document];
    if (i === end) return;
    const stamp = this.values.nextStamp();
    for (let k = 0; k < length; k++) if (ordinals[k] < marks.length) marks[ordinals[k]] = stamp;
    const entryOrdinals = this.values.ordinals;
    const touched = this.touched;
    for (; i < end; i++) {
      if (marks[entryOrdinals[i]] !== stamp) continue;
      const entity = entities[i];
      if (stamps[entity] === stamp) continue;
      stamps[entity] = stamp;
      if (counts[entity]++ === 0) touched.push(entity);
    }
  }

  /** The most mentioned entities, most documents first, then by id; resets the shared counters. */
  top(size = ENTITY_FACET_SIZE) {
    const { counts } = this.values;
    const best = [];
    for (const entityId of this.touched) {
      const count = counts[entityId];
      counts[entityId] = 0;
      if (best.length === size && !better(count, entityId, best[size - 1])) continue;
      let at = best.length === size ? size - 1 : best.length;
      while (at > 0 && better(count, entityId, best[at - 1])) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = { entityId, count };
    }
    this.touched = [];
    return best;
  }
}

function better(count, entityId, other) {
  return count > other.count || (count === other.count && entityId < other.entityId);
}
