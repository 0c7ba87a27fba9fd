// Synthetic text written for this test.
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { packBody, registerBodyFunctions, unpackBody } from './body-packing.mjs';

const CABLE = 'SUBJECT: MEETING AT THE CONSULATE\n\n1. The officer met the source twice in March. '.repeat(8);

describe('body packing', () => {
  it('deflates a body that shrinks and gives back exactly the text', () => {
    const packed = packBody(CABLE);
    expect(Buffer.isBuffer(packed)).toBe(true);
    expect((packed as Buffer).length).toBeLessThan(Buffer.byteLength(CABLE) / 3);
    expect(unpackBody(packed)).toBe(CABLE);
  });

  it('keeps a short body as text, which reads back as it is', () => {
    expect(packBody('A note.')).toBe('A note.');
    expect(unpackBody('A note.')).toBe('A note.');
  });

  it('cuts slices in SQL by JavaScript offsets, across characters beyond U+FFFF and from one body to the next', () => {
    const db = new BetterSqlite3(':memory:');
    registerBodyFunctions(db);
    const astral = `\u{1F600}\u{1F600} ${CABLE}`;
    const slice = db.prepare<[Buffer | string, number, number], string>('select body_slice(?, ?, ?)').pluck();
    const start = astral.indexOf('The officer');
    expect(slice.get(packBody(astral), start, start + 11)).toBe('The officer');
    expect(slice.get(packBody(CABLE), 0, 7)).toBe('SUBJECT');
    expect(slice.get(packBody(astral), 0, 2)).toBe('\u{1F600}');
    expect(db.prepare('select unpack_body(pack_body(?))').pluck().get(astral)).toBe(astral);
    expect(db.prepare('select unpack_body(null)').pluck().get()).toBeNull();
    db.close();
  });
});
