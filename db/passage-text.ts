// A passage's text is stored once, in its document's body; the passage row holds only where it is.
// Offsets are JavaScript string indices (UTF-16 code units), and since migration 0022 SQL cuts the text
// out with body_slice(), which counts as JavaScript does. Before it, SQLite's substr() did, which counts
// characters: one beyond the Basic Multilingual Plane (an emoji, a rare CJK or historic letter) is two
// units to JavaScript and one to SQLite. So each passage also keeps how many such characters come before
// its start and before its end (almost always 0, stored in no bytes at all): what migration 0022's
// rollback needs to cut exact text with substr() again.
import { sql, type RawBuilder } from 'kysely';
import { bodySliceSql } from './document-body.ts';

/** The SQL for the text of passage `p` cut from the body of document `d` (table aliases). */
export function passageTextSql(p: string, d: string): string {
  return bodySliceSql(d, `${p}.start`, `${p}."end"`);
}

/** passageTextSql for Kysely queries. */
export function passageText(p: string, d: string): RawBuilder<string> {
  return sql<string>`${sql.raw(passageTextSql(p, d))}`;
}

export interface AstralShift {
  startAstral: number;
  endAstral: number;
}

const NO_SHIFT: AstralShift = Object.freeze({ startAstral: 0, endAstral: 0 });
const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/**
 * For each span of `body`, the number of characters beyond U+FFFF before its start and before its end.
 * One pass over the body however many spans there are; spans may come in any order.
 */
export function astralShifts(body: string, spans: ReadonlyArray<{ start: number; end: number }>): AstralShift[] {
  if (!HIGH_SURROGATE.test(body)) return spans.map(() => NO_SHIFT);
  const offsets = [...new Set(spans.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const before = new Map<number, number>();
  let astral = 0;
  let i = 0;
  for (const offset of offsets) {
    for (; i < offset && i < body.length; i++) {
      // Bodies hold no lone surrogates (server/pipeline/clean-text.ts replaces them), so a high
      // surrogate starts a pair; one cut in two by an offset would be no text SQLite could cut.
      const c = body.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset) {
        const next = body.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          astral++;
          i++;
        }
      }
    }
    before.set(offset, astral);
  }
  return spans.map((s) => ({ startAstral: before.get(s.start)!, endAstral: before.get(s.end)! }));
}
