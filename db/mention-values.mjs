// Which entities each passage mentions, held in memory beside the document facet values (doc-values.mjs),
// so that the entity facet of a search is a loop over typed arrays instead of a join per hit.
// Plain JavaScript: reader worker threads load it without TypeScript.
import { EMPTY_SNAPSHOT, readMentionSnapshot, SEGMENT_SHIFT } from './mention-snapshot.mjs';
import { SeenVersion, ValueShare } from './value-share.mjs';
import { builtAt, ValueVersion } from './value-version.mjs';

export { PASSAGE_ID_FACTOR } from './mention-snapshot.mjs';
/** How many entities the facet lists. */
export const ENTITY_FACET_SIZE = 10;

const LAST_SQL = `select coalesce(max(id), 0) from mention`;
const NAMES_SQL = `select id, name, type from entity where merged_into is null and id in (select value from json_each(?))`;

// A small archive's mentions (and every test's) load at once, so a search always sees the latest ones.
// A large tagged archive's load (tens of milliseconds and more, while extraction writes batch after
// batch) runs in the background, a segment per step, while searches keep counting with the previous values, at
// most one load at a time across the pool's threads. Decided by size, not by the last load's time: a busy
// machine must not make a small archive's searches see stale counts.
const SYNCHRONOUS_MENTIONS = 100_000;
const KIND = 'mentions';
const SEGMENT_MASK = 2 ** SEGMENT_SHIFT - 1;

export class MentionValues {
  /**
   * @param {import('better-sqlite3').Database} connection
   * @param {ValueShare} share the pool's shared snapshots (value-share.mjs); by default shared with nobody
   */
  constructor(connection, share = new ValueShare()) {
    this.connection = connection;
    this.share = share;
    this.seen = new SeenVersion(share);
    this.version = new ValueVersion(connection, 'mentions');
    /** Archives with fewer mentions than this load them at once (see SYNCHRONOUS_MENTIONS). */
    this.synchronousMentions = SYNCHRONOUS_MENTIONS;
    /** This thread runs a background load. */
    this.loading = false;
    this.snapshot = null;
    this.take(EMPTY_SNAPSHOT);
    // Any newer snapshot will do between searches: refresh() still checks it holds what this connection sees.
    share.subscribe(KIND, (snapshot) => this.take(snapshot));
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
    // A commit that changed no mention leaves the values as they are: reloading them is seconds at archive scale.
    const built = this.version.read();
    if (builtAt(this.snapshot, built)) return;
    const mentions = this.connection.prepare(LAST_SQL).pluck().get();
    if (mentions < this.synchronousMentions) {
      // One thread reads the values while the others wait to take its copy, rather than each reading one of its own.
      const locked = this.share.lock();
      try {
        this.take(this.share.adopt(KIND));
        if (this.snapshot.tick > since || builtAt(this.snapshot, built)) return;
        const reader = readMentionSnapshot(this.connection, this.share.tick(), built);
        let step = reader.next();
        while (!step.done) step = reader.next();
        this.share.countLoad();
        this.share.publish(KIND, step.value);
        this.take(step.value);
      } finally {
        if (locked) this.share.unlock();
      }
      return;
    }
    // The first load of a large archive's mentions too: 20 s at 21.7 million, which, made to wait, held both reader
    // threads and turned the searches of a server just started away as busy. Until it is posted the entity facet is
    // empty and says so (`firstLoadPending`).
    // Another thread loading keeps this one counting with the values it has until that load is posted.
    if (!this.share.tryLock()) return;
    // A load posted between adopt() and the lock may already be new enough.
    this.take(this.share.adopt(KIND));
    if (this.snapshot.tick > since || builtAt(this.snapshot, built)) return void this.share.unlock();
    this.loading = true;
    const reader = readMentionSnapshot(this.connection, this.share.tick(), built);
    const step = () => {
      try {
        const next = reader.next();
        if (!next.done) return void setImmediate(step);
        this.share.countLoad();
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
    this.segments = snapshot.segments;
    this.counts = new Int32Array(snapshot.maxEntity + 1);
    this.stamps = new Uint32Array(snapshot.maxEntity + 1);
    this.marks = new Uint32Array(snapshot.maxOrdinal + 1);
    this.stamp = 0;
  }

  /** Bytes of the shared snapshot, and of this thread's own counters. */
  bytes() {
    const size = (...arrays) => arrays.reduce((n, a) => n + a.byteLength, 0);
    const shared = this.segments.reduce(
      (n, segment) => n + (segment ? size(segment.start, segment.ordinals, segment.codes, segment.entities) : 0),
      0,
    );
    return { shared, own: size(this.counts, this.stamps, this.marks) };
  }

  /** No values yet: before the first refresh, or while a large archive's first load runs in the background. */
  get firstLoadPending() {
    return this.snapshot === EMPTY_SNAPSHOT;
  }

  isEmpty() {
    return this.snapshot.length === 0;
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
    const segment = this.values.segments[document >>> SEGMENT_SHIFT];
    if (!segment) return;
    const { start, codes, entities } = segment;
    const local = document & SEGMENT_MASK;
    const end = start[local + 1];
    let i = start[local];
    if (i === end) return;
    const { counts, stamps } = this.values;
    const stamp = this.values.nextStamp();
    const touched = this.touched;
    for (; i < end; i++) {
      const entity = entities[codes[i]];
      if (stamps[entity] === stamp) continue;
      stamps[entity] = stamp;
      if (counts[entity]++ === 0) touched.push(entity);
    }
  }

  /** Entities mentioned in the given passages (ordinals) of the document. */
  addPassages(document, ordinals, length) {
    const segment = this.values.segments[document >>> SEGMENT_SHIFT];
    if (!segment) return;
    const { start, codes, entities, ordinals: entryOrdinals } = segment;
    const local = document & SEGMENT_MASK;
    const end = start[local + 1];
    let i = start[local];
    if (i === end) return;
    const { counts, stamps, marks } = this.values;
    const stamp = this.values.nextStamp();
    for (let k = 0; k < length; k++) if (ordinals[k] < marks.length) marks[ordinals[k]] = stamp;
    const touched = this.touched;
    for (; i < end; i++) {
      if (marks[entryOrdinals[i]] !== stamp) continue;
      const entity = entities[codes[i]];
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
