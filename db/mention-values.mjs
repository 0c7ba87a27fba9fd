// Which entities each passage mentions, held in memory beside the document facet values (doc-values.mjs),
// so that the entity facet of a search is a loop over typed arrays instead of a join per hit.
// Plain JavaScript: reader worker threads load it without TypeScript.
import { performance } from 'node:perf_hooks';

/** db/passage-id.ts: a passage id is its document id times this factor plus its ordinal. */
export const PASSAGE_ID_FACTOR = 2 ** 24;
/** How many entities the facet lists. */
export const ENTITY_FACET_SIZE = 10;

// Rejected mentions never count, and a merged-away entity has none left to count.
const LOAD_SQL = `select m.passage_id, m.entity_id from mention m join entity e on e.id = m.entity_id
                  where m.status != 'rejected' and e.merged_into is null
                  group by m.passage_id, m.entity_id order by m.passage_id, m.entity_id`;
const NAMES_SQL = `select id, name, type from entity where merged_into is null and id in (select value from json_each(?))`;

// While extraction writes mentions, every commit changes the data version. A load that took `ms`
// is repeated at most once per STALE_FACTOR × `ms`, so reloading costs a reader thread at most a
// tenth of its time; counts may then lag the newest mentions by that long. Loads under
// ALWAYS_FRESH_MS (small archives, tests) always repeat.
const STALE_FACTOR = 10;
const ALWAYS_FRESH_MS = 25;

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

  done() {
    return this.array.slice(0, this.length);
  }
}

export class MentionValues {
  /** @param {import('better-sqlite3').Database} connection */
  constructor(connection) {
    this.connection = connection;
    this.version = -1;
    this.loadedAt = 0;
    this.loadMs = 0;
    // Per document d, entries docStart[d] .. docStart[d + 1] - 1 of ordinals/entities, sorted by ordinal.
    this.docStart = new Int32Array(1);
    this.ordinals = new Int32Array(0);
    this.entities = new Int32Array(0);
    this.counts = new Int32Array(1);
    this.stamps = new Uint32Array(1);
    this.stamp = 0;
  }

  /** @param {number} version the connection's PRAGMA data_version */
  refresh(version) {
    if (version === this.version) return;
    if (this.loadMs >= ALWAYS_FRESH_MS && performance.now() - this.loadedAt < this.loadMs * STALE_FACTOR) return;
    const started = performance.now();
    this.load();
    this.version = version;
    this.loadedAt = performance.now();
    this.loadMs = this.loadedAt - started;
  }

  load() {
    const documents = new GrowableInt32();
    const ordinals = new GrowableInt32();
    const entities = new GrowableInt32();
    let maxEntity = 0;
    for (const [passageId, entityId] of this.connection.prepare(LOAD_SQL).raw().iterate()) {
      const document = Math.floor(passageId / PASSAGE_ID_FACTOR);
      documents.push(document);
      ordinals.push(passageId - document * PASSAGE_ID_FACTOR);
      entities.push(entityId);
      if (entityId > maxEntity) maxEntity = entityId;
    }
    const lastDocument = documents.length > 0 ? documents.array[documents.length - 1] : 0;
    const docStart = new Int32Array(lastDocument + 2);
    for (let i = 0; i < documents.length; i++) docStart[documents.array[i] + 1]++;
    for (let d = 1; d < docStart.length; d++) docStart[d] += docStart[d - 1];
    this.docStart = docStart;
    this.ordinals = ordinals.done();
    this.entities = entities.done();
    this.counts = new Int32Array(maxEntity + 1);
    this.stamps = new Uint32Array(maxEntity + 1);
    this.stamp = 0;
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
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

class EntityTally {
  /** @param {MentionValues} values */
  constructor(values) {
    this.values = values;
    this.touched = [];
  }

  /** Every entity mentioned anywhere in the document. */
  addDocument(document) {
    const { docStart, entities } = this.values;
    if (document + 1 >= docStart.length) return;
    const stamp = this.values.nextStamp();
    for (let i = docStart[document]; i < docStart[document + 1]; i++) this.count(entities[i], stamp);
  }

  /** Entities mentioned in the given passages of the document; `ordinals` ascending. */
  addPassages(document, ordinals, length) {
    const { docStart, entities } = this.values;
    if (document + 1 >= docStart.length) return;
    let i = docStart[document];
    const end = docStart[document + 1];
    if (i === end) return;
    const stamp = this.values.nextStamp();
    const entryOrdinals = this.values.ordinals;
    for (let k = 0; k < length && i < end; k++) {
      const ordinal = ordinals[k];
      while (i < end && entryOrdinals[i] < ordinal) i++;
      while (i < end && entryOrdinals[i] === ordinal) this.count(entities[i++], stamp);
    }
  }

  count(entity, stamp) {
    const { counts, stamps } = this.values;
    if (stamps[entity] === stamp) return;
    stamps[entity] = stamp;
    if (counts[entity]++ === 0) this.touched.push(entity);
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
