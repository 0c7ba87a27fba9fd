// Reading the mention values (mention-values.mjs) into a snapshot in shared memory, a segment of documents per
// step. Plain JavaScript: reader worker threads load it without TypeScript.
import { sharedArray } from './value-share.mjs';

/** db/passage-id.ts: a passage id is its document id times this factor plus its ordinal. */
export const PASSAGE_ID_FACTOR = 2 ** 24;
/** A segment holds the mentions of 2^SEGMENT_SHIFT consecutive document ids: a document's segment is a shift away. */
export const SEGMENT_SHIFT = 12;
const SEGMENT_DOCUMENTS = 2 ** SEGMENT_SHIFT;

// Rejected mentions never count, and a merged-away entity has none left to count. Read in passage order, which
// is document order, through the index on passage ids, so each segment is built in place, at its exact size,
// with nothing but the segment being read held beside the values in use: a load never needs room for two
// copies and a sort. One column per statement, each a number, so reading leaves almost no garbage; both in
// one transaction, so they are the same rows in the same order.
const LIVE = `entity_id is not null and status in ('suggested', 'confirmed')`;
const RANGE = `from mention where passage_id >= ? and passage_id < ? and ${LIVE} order by passage_id, entity_id`;
const PASSAGES_SQL = `select passage_id ${RANGE}`;
const ENTITIES_SQL = `select entity_id ${RANGE}`;
const LAST_DOCUMENT_SQL = `select coalesce(max(id), 0) from document`;
const MERGED_SQL = `select id from entity where merged_into is not null`;

export const EMPTY_SNAPSHOT = { tick: 0, segments: [], length: 0, maxEntity: 0, maxOrdinal: 0 };

/**
 * Reads the snapshot a segment per step and returns it.
 * @param {import('better-sqlite3').Database} connection
 * @param {number} tick taken before the first read (value-share.mjs)
 * @param {string | null} version the mentions' reading taken before the first read (value-version.mjs)
 */
export function* readMentionSnapshot(connection, tick, version = null) {
  const merged = new Set(connection.prepare(MERGED_SQL).pluck().all());
  const lastDocument = connection.prepare(LAST_DOCUMENT_SQL).pluck().get();
  const passagesOf = connection.prepare(PASSAGES_SQL).pluck();
  const entitiesOf = connection.prepare(ENTITIES_SQL).pluck();
  const readRange = connection.transaction((from, to) => [passagesOf.all(from, to), entitiesOf.all(from, to)]);
  const snapshot = { tick, version, segments: [], length: 0, maxEntity: 0, maxOrdinal: 0 };
  for (let first = 0; first <= lastDocument; first += SEGMENT_DOCUMENTS) {
    const [passages, entities] = readRange(first * PASSAGE_ID_FACTOR, (first + SEGMENT_DOCUMENTS) * PASSAGE_ID_FACTOR);
    const segment = buildSegment(first, passages, entities, merged);
    snapshot.segments.push(segment);
    if (segment) {
      snapshot.length += segment.codes.length;
      snapshot.maxEntity = Math.max(snapshot.maxEntity, segment.maxEntity);
      snapshot.maxOrdinal = Math.max(snapshot.maxOrdinal, segment.maxOrdinal);
    }
    yield;
  }
  return snapshot;
}

/**
 * One segment: for its document d (counted from `first`), entries start[d] .. start[d + 1] - 1 of ordinals and
 * codes, each code the place of its entity in the segment's `entities` (its distinct entity ids, in order). Null
 * when none of its documents mentions an entity. Each array takes the fewest bytes its largest value allows: four
 * thousand documents name a few thousand entities at most, so a code takes one or two bytes where an entity id
 * takes four, and a cable's passage ordinals fit in one; the benchmark's 21.7 million mentions take 87.5 MB instead of
 * 136.3 (bench/README.md, session 16).
 */
function buildSegment(first, passages, entities, merged) {
  let kept = 0;
  let maxOrdinal = 0;
  let maxEntity = 0;
  const distinct = new Set();
  for (let i = 0; i < entities.length; i++) {
    if (merged.has(entities[i])) continue;
    kept++;
    maxOrdinal = Math.max(maxOrdinal, passages[i] % PASSAGE_ID_FACTOR);
    maxEntity = Math.max(maxEntity, entities[i]);
    distinct.add(entities[i]);
  }
  if (kept === 0) return null;
  const segmentEntities = sharedArray(Int32Array, distinct.size);
  segmentEntities.set([...distinct].sort((a, b) => a - b));
  const codeOf = new Map();
  segmentEntities.forEach((entity, code) => codeOf.set(entity, code));
  const start = sharedArray(Int32Array, SEGMENT_DOCUMENTS + 1);
  const ordinals = sharedArray(smallestArray(maxOrdinal), kept);
  const codes = sharedArray(smallestArray(distinct.size - 1), kept);
  let k = 0;
  for (let i = 0; i < entities.length; i++) {
    if (merged.has(entities[i])) continue;
    const document = Math.floor(passages[i] / PASSAGE_ID_FACTOR);
    start[document - first + 1]++;
    ordinals[k] = passages[i] - document * PASSAGE_ID_FACTOR;
    codes[k++] = codeOf.get(entities[i]);
  }
  for (let d = 1; d < start.length; d++) start[d] += start[d - 1];
  return { start, ordinals, codes, entities: segmentEntities, maxOrdinal, maxEntity };
}

/** The narrowest unsigned array type that holds values up to `max`. */
function smallestArray(max) {
  return max < 2 ** 8 ? Uint8Array : max < 2 ** 16 ? Uint16Array : Int32Array;
}
