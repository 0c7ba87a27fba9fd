// Which entities each passage mentions, held in memory beside the document facet values (doc-values.mjs),
// so that the entity facet of a search is a loop over typed arrays instead of a join per hit.
// Plain JavaScript: reader worker threads load it without TypeScript.
import { SeenVersion, ValueShare, sharedInt32 } from './value-share.mjs';

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
// most one load at a time across the pool's threads. Decided by size, not by the last load's time: a busy
// machine must not make a small archive's searches see stale counts.
const SYNCHRONOUS_MENTIONS = 100_000;
const KIND = 'mentions';
const EMPTY = {
  tick: 0,
  docStart: new Int32Array(1),
  ordinals: new Int32Array(0),
  entities: new Int32Array(0),
  maxEntity: 0,
  maxOrdinal: 0,
};

export class MentionValues {
  /**
   * @param {import('better-sqlite3').Database} connection
   * @param {ValueShare} share the pool's shared snapshots (value-share.mjs); by default shared with nobody
   */
  constructor(connection, share = new ValueShare()) {
    this.connection = connection;
    this.share = share;
    this.seen = new SeenVersion(share);
    /** Archives with fewer mentions than this load them at once (see SYNCHRONOUS_MENTIONS). */
    this.synchronousMentions = SYNCHRONOUS_MENTIONS;
    /** This thread runs a background load. */
    this.loading = false;
    this.snapshot = null;
    this.take(EMPTY);
  }

  /**
   * Notes the connection's data version (its PRAGMA data_version) without loading anything.
   * @returns the tick a snapshot must be newer than to hold every commit the connection sees
   */
  see(version) {
    return this.seen.see(version);
  }

  /** @param {number} version the connection's PRAGMA data_version */
  refresh(version) {
    const since = this.see(version);
    this.take(this.share.adopt(KIND));
    if (this.snapshot.tick > since || this.loading) return;
    const mentions = this.connection.prepare(LAST_SQL).pluck().get();
    if (this.snapshot === EMPTY || mentions < this.synchronousMentions) {
      const reader = this.reader();
      let step = reader.next();
      while (!step.done) step = reader.next();
      this.share.publish(KIND, step.value);
      this.take(step.value);
      return;
    }
    // Another thread loading keeps this one counting with the values it has until that load is posted.
    if (!this.share.tryLock()) return;
    // A load posted between adopt() and the lock may already be new enough.
    this.take(this.share.adopt(KIND));
    if (this.snapshot.tick > since) return void this.share.unlock();
    this.loading = true;
    const reader = this.reader();
    const step = () => {
      try {
        const next = reader.next();
        if (!next.done) return void setImmediate(step);
        this.share.publish(KIND, next.value);
        this.take(next.value);
      } catch {
        // The next search tries again (a closed connection ends here too).
      }
      this.loading = false;
      this.share.unlock();
    };
    setImmediate(step);
  }

  /** Counts with the snapshot from now on; the counters are this thread's own, sized for it. */
  take(snapshot) {
    if (!snapshot || snapshot === this.snapshot || (this.snapshot && snapshot.tick <= this.snapshot.tick)) return;
    this.snapshot = snapshot;
    ({ docStart: this.docStart, ordinals: this.ordinals, entities: this.entities } = snapshot);
    this.counts = new Int32Array(snapshot.maxEntity + 1);
    this.stamps = new Uint32Array(snapshot.maxEntity + 1);
    this.marks = new Uint32Array(snapshot.maxOrdinal + 1);
    this.stamp = 0;
  }

  /** Bytes of the shared snapshot, and of this thread's own counters. */
  bytes() {
    const size = (...arrays) => arrays.reduce((n, a) => n + a.byteLength, 0);
    return { shared: size(this.docStart, this.ordinals, this.entities), own: size(this.counts, this.stamps, this.marks) };
  }

  /**
   * Reads the mentions a chunk per step; returns the snapshot. Each chunk's columns are read in one
   * transaction, so a commit between them cannot shift one column against another.
   */
  *reader() {
    const tick = this.share.tick();
    const merged = new Set(this.connection.prepare(MERGED_SQL).pluck().all());
    const last = this.connection.prepare(LAST_SQL).pluck().get();
    const [documentsOf, ordinalsOf, entitiesOf] = [DOCUMENTS_SQL, ORDINALS_SQL, ENTITIES_SQL].map((q) =>
      this.connection.prepare(q).pluck(),
    );
    const readChunk = this.connection.transaction((range) => [
      entitiesOf.all(...range),
      documentsOf.all(...range),
      ordinalsOf.all(...range),
    ]);
    // Exact-sized chunks, not arrays that double as they grow: a load beside the values in use needs room for both.
    const chunks = [];
    let length = 0;
    let maxEntity = 0;
    let maxOrdinal = 0;
    for (let after = 0; after < last; after += CHUNK_IDS) {
      const [chunkEntities, chunkDocuments, chunkOrdinals] = readChunk([after, after + CHUNK_IDS]);
      const chunk = {
        documents: new Int32Array(chunkEntities.length),
        ordinals: new Int32Array(chunkEntities.length),
        entities: new Int32Array(chunkEntities.length),
        length: 0,
      };
      for (let i = 0; i < chunkEntities.length; i++) {
        const entity = chunkEntities[i];
        if (merged.has(entity)) continue;
        const k = chunk.length++;
        chunk.documents[k] = chunkDocuments[i];
        chunk.ordinals[k] = chunkOrdinals[i];
        chunk.entities[k] = entity;
        if (entity > maxEntity) maxEntity = entity;
        if (chunkOrdinals[i] > maxOrdinal) maxOrdinal = chunkOrdinals[i];
      }
      chunks.push(chunk);
      length += chunk.length;
      yield;
    }
    return { tick, ...byDocument(chunks, length), maxEntity, maxOrdinal };
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

/** The entries grouped by document, by a counting sort into shared memory; within a document they keep table order. */
function byDocument(chunks, length) {
  let maxDocument = 0;
  for (const { documents, length: n } of chunks) for (let i = 0; i < n; i++) if (documents[i] > maxDocument) maxDocument = documents[i];
  const docStart = sharedInt32(maxDocument + 2);
  for (const { documents, length: n } of chunks) for (let i = 0; i < n; i++) docStart[documents[i] + 1]++;
  for (let d = 1; d < docStart.length; d++) docStart[d] += docStart[d - 1];
  const next = docStart.slice(0, maxDocument + 1);
  const ordinals = sharedInt32(length);
  const entities = sharedInt32(length);
  for (let c = 0; c < chunks.length; c++) {
    const { documents, ordinals: chunkOrdinals, entities: chunkEntities, length: n } = chunks[c];
    for (let i = 0; i < n; i++) {
      const at = next[documents[i]]++;
      ordinals[at] = chunkOrdinals[i];
      entities[at] = chunkEntities[i];
    }
    chunks[c] = null;
  }
  return { docStart, ordinals, entities };
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
