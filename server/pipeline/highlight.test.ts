import { describe, expect, it } from 'vitest';
import { buildSnippet, markedRanges, originalHighlights } from './highlight.ts';
import { normalise } from './normalise.ts';

const S = '\u0002';
const E = '\u0003';

describe('highlights', () => {
  it('reads marker positions from marked text', () => {
    expect(markedRanges(`a ${S}bc${E} d ${S}e${E}`, S, E)).toEqual([
      { start: 2, end: 4 },
      { start: 7, end: 8 },
    ]);
  });

  it('maps highlights in folded text back onto the original', () => {
    const original = 'The  MÜLLER file: “José” paid €2,500.';
    const folded = normalise(original).text;
    const marked = folded.replace('muller', `${S}muller${E}`).replace('jose', `${S}jose${E}`);
    const ranges = originalHighlights(original, marked, S, E);
    expect(ranges.map((r) => original.slice(r.start, r.end))).toEqual(['MÜLLER', 'José']);
  });

  it('builds a snippet around the first hit with markers, never HTML', () => {
    const text = `${'lead words '.repeat(40)}the <b>secret</b> payment ${'tail words '.repeat(40)}`;
    const at = text.indexOf('payment');
    const snippet = buildSnippet(text, [{ start: at, end: at + 7 }], S, E);
    expect(snippet).toContain(`${S}payment${E}`);
    expect(snippet).toContain('<b>secret</b>');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThan(260);
  });

  it('returns short text whole', () => {
    expect(buildSnippet('short text', [{ start: 6, end: 10 }], S, E)).toBe(`short ${S}text${E}`);
  });
});
