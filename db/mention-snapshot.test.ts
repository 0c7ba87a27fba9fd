// The mention values' segments (mention-snapshot.mjs): each array as narrow as its values allow, and every live
// mention read back as it is stored. Synthetic rows written for this test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from './client.ts';
import { PASSAGE_ID_FACTOR, readMentionSnapshot, type MentionSnapshot } from './mention-snapshot.mjs';

let db: TroveDatabase;
beforeEach(async () => {
  db = await openDatabase(':memory:', { readers: 0 });
  db.writerConnection.exec(`insert into collection (id, name) values (1, 'c')`);
});
afterEach(async () => db.close());

function snapshotOf(): MentionSnapshot {
  const reader = readMentionSnapshot(db.writerConnection, 1);
  let step = reader.next();
  while (!step.done) step = reader.next();
  return step.value;
}

/** Writes documents 1..n and, for each [document, ordinal, entity], a mention; entities are made as needed. */
function write(documents: number, mentions: Array<[number, number, number]>) {
  const c = db.writerConnection;
  c.transaction(() => {
    const document = c.prepare(`insert into document (id, collection_id, ref, kind, sha256, body_packed) values (?, 1, ?, 'cable', ?, '')`);
    for (let d = 1; d <= documents; d++) document.run(d, `D-${d}`, `sha-${d}`);
    const entity = c.prepare(`insert or ignore into entity (id, type, name) values (?, 'person', ?)`);
    const mention = c.prepare(
      `insert into mention (document_id, passage_id, start, "end", type, entity_id, source) values (?, ?, ?, ?, 'person', ?, 'rule')`,
    );
    mentions.forEach(([d, ordinal, e], i) => {
      entity.run(e, `E-${e}`);
      mention.run(d, d * PASSAGE_ID_FACTOR + ordinal, i, i + 1, e);
    });
  })();
}

/** Every entry of the snapshot as [document, ordinal, entity], in order. */
function entries(snapshot: MentionSnapshot): Array<[number, number, number]> {
  return snapshot.segments.flatMap((segment, s) => {
    if (!segment) return [];
    const out: Array<[number, number, number]> = [];
    for (let local = 0; local + 1 < segment.start.length; local++) {
      for (let i = segment.start[local]!; i < segment.start[local + 1]!; i++)
        out.push([s * (segment.start.length - 1) + local, segment.ordinals[i]!, segment.entities[segment.codes[i]!]!]);
    }
    return out;
  });
}

describe('the segments of the mention values', () => {
  it('take a byte a code and an ordinal while a segment names few entities in short documents', () => {
    const mentions: Array<[number, number, number]> = [
      [1, 0, 900_000],
      [1, 3, 7],
      [2, 1, 900_000],
      [3, 0, 7],
    ];
    write(3, mentions);
    const snapshot = snapshotOf();
    const [segment] = snapshot.segments;
    expect(segment!.codes).toBeInstanceOf(Uint8Array);
    expect(segment!.ordinals).toBeInstanceOf(Uint8Array);
    expect([...segment!.entities]).toEqual([7, 900_000]);
    expect(entries(snapshot)).toEqual([
      [1, 0, 900_000],
      [1, 3, 7],
      [2, 1, 900_000],
      [3, 0, 7],
    ]);
    expect(snapshot.length).toBe(4);
  });

  it('widen to two bytes for a segment of more than 256 entities or a document of more than 256 passages, and leave out merged-away entities', () => {
    const mentions: Array<[number, number, number]> = Array.from({ length: 300 }, (_, i) => [1 + (i % 5), i % 7, 1000 + i]);
    mentions.push([2, 400, 1000]);
    write(5, mentions);
    db.writerConnection.exec(`update entity set merged_into = 1000 where id = 1001`);
    const snapshot = snapshotOf();
    const [segment] = snapshot.segments;
    expect(segment!.codes).toBeInstanceOf(Uint16Array);
    expect(segment!.ordinals).toBeInstanceOf(Uint16Array);
    const expected = mentions.filter(([, , e]) => e !== 1001).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    expect(entries(snapshot)).toEqual(expected);
    expect(segment!.entities.length).toBe(299);
  });
});
