import { describe, expect, it } from 'vitest';
import { buildSnippet, termRanges } from './highlight.ts';
import { parseQuery } from './query-parser.ts';

const S = '\u0002';
const E = '\u0003';

describe('highlights', () => {
  it('finds words, phrases and prefixes in the original text, folded as the index folds them', () => {
    const text = 'The  MÜLLER file: “José” paid €2,500 to the Deputy\nMinister; recruitment and recruiting.';
    const ranges = termRanges(text, parseQuery('muller "deputy minister" recruit* -paid title:file'));
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['MÜLLER', 'Deputy\nMinister', 'recruitment', 'recruiting']);
  });

  it('marks whole words only, and the longest phrase where terms overlap', () => {
    const text = 'prime minister and the ministers of the prime minister office';
    const ranges = termRanges(text, parseQuery('minister OR "prime minister office"'));
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['minister', 'prime minister office']);
  });

  it('marks Persian words whatever the letter variants', () => {
    const text = 'گزارش يك منبع درباره کتاب';
    const ranges = termRanges(text, parseQuery('یک'));
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['يك']);
  });

  it('builds a snippet around the first hit with markers, never HTML', () => {
    const text = `${'lead words '.repeat(40)}the <b>secret</b> payment ${'tail words '.repeat(40)}`;
    const at = text.indexOf('payment');
    const snippet = buildSnippet(text, [{ start: at, end: at + 7 }]);
    expect(snippet).toContain(`${S}payment${E}`);
    expect(snippet).toContain('<b>secret</b>');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThan(260);
  });

  it('returns short text whole', () => {
    expect(buildSnippet('short text', [{ start: 6, end: 10 }])).toBe(`short ${S}text${E}`);
  });
});
