import { describe, expect, it } from 'vitest';
import { findRuleMentions } from './index.ts';

const found = (text: string) => findRuleMentions(text).map((mention) => [mention.type, mention.text, mention.value]);

// Synthetic text (written for this test): fragments every rule reads, glued with noise that must not confuse them.
const FRAGMENTS = [
  ['date', '14 November 2014'],
  ['date', '۲۳ آبان ۱۳۹۳'],
  ['date', '1393/08/23'],
  ['money', '€ 18,000'],
  ['money', '۵۰۰ هزار تومان'],
  ['email', 'desk.kamran@hq-mail.example'],
  ['phone', '+964 770 123 4567'],
  ['reference', 'TRV-BGD-2014-0388'],
  ['codename', 'Source 126674'],
] as const;
const NOISE = [
  ' ',
  '. ',
  '\n',
  ', ',
  ' \u202E ',
  ' \u200F',
  ' \u0000 ',
  '\t',
  ' 😀 ',
  ' و ',
  ' (S) ',
  ' ١٢ ',
  ' \uD800 ',
  ' \uDC00\u0301 ',
];

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('findRuleMentions', () => {
  it('finds every kind in one cable paragraph', () => {
    const text =
      'REF: TRV-EBL-2015-0217. On 23 Aban 1393 (14 November 2014) Source 509318 ("Walnut") received USD 1,800 ' +
      'and asked us to call +964 750 123 4567 or write to walnut.ops@mail.example.';
    expect(found(text)).toEqual([
      ['reference', 'TRV-EBL-2015-0217', 'TRV-EBL-2015-0217'],
      ['date', '23 Aban 1393', '2014-11-14'],
      ['date', '14 November 2014', '2014-11-14'],
      ['codename', 'Source 509318', 'source 509318'],
      ['codename', 'Walnut', undefined],
      ['money', 'USD 1,800', '1800 USD'],
      ['phone', '+964 750 123 4567', '+9647501234567'],
      ['email', 'walnut.ops@mail.example', 'walnut.ops@mail.example'],
    ]);
  });

  it('lets the longer and more specific reading win an overlap', () => {
    expect(found('REF 2014/11/14')).toEqual([['reference', '2014/11/14', '2014/11/14']]);
    expect(found('<20150909.TRV-EBL-2015-0217@hq-mail.example>')).toEqual([
      ['email', '20150909.TRV-EBL-2015-0217@hq-mail.example', '20150909.trv-ebl-2015-0217@hq-mail.example'],
    ]);
  });

  it("gives year-less dates the year of the document's own date, and keeps the conventions without one", () => {
    const text = 'Met Walnut (Source 509318) on 28 December and on ۲۲ آذر; paid on 3 January 2015.';
    const dates = (documentDate?: string | null) =>
      findRuleMentions(text, documentDate === undefined ? undefined : { documentDate })
        .filter((m) => m.type === 'date')
        .map((m) => [m.text, m.value]);
    expect(dates('2015-01-03')).toEqual([
      ['28 December', '2014-12-28'],
      ['۲۲ آذر', '2014-12-13'],
      ['3 January 2015', '2015-01-03'],
    ]);
    for (const documentDate of [undefined, null]) {
      expect(dates(documentDate)).toEqual([
        ['28 December', '--12-28'],
        ['۲۲ آذر', undefined],
        ['3 January 2015', '2015-01-03'],
      ]);
    }
  });

  it('answers nothing for empty and blank text', () => {
    expect(findRuleMentions('')).toEqual([]);
    expect(findRuleMentions(' \n\t\u200F')).toEqual([]);
  });

  it('keeps offsets exact over synthetic text with RTL overrides, control characters and astral characters', () => {
    const random = seeded(8);
    for (let round = 0; round < 20; round++) {
      let text = '';
      const planted: { type: string; start: number; end: number }[] = [];
      for (let i = 0; i < 60; i++) {
        text += NOISE[Math.floor(random() * NOISE.length)];
        const [type, fragment] = FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]!;
        planted.push({ type, start: text.length, end: text.length + fragment.length });
        text += fragment;
      }
      text += NOISE[0];
      const mentions = findRuleMentions(text);
      let previousEnd = 0;
      for (const mention of mentions) {
        expect(mention.text).toBe(text.slice(mention.start, mention.end));
        expect(mention.start).toBeGreaterThanOrEqual(previousEnd);
        expect(mention.end).toBeGreaterThan(mention.start);
        previousEnd = mention.end;
      }
      const spans = mentions.map((mention) => ({ type: mention.type, start: mention.start, end: mention.end }));
      expect(spans).toEqual(planted);
    }
  });

  it('takes linear time on hostile input: huge lines of digits, letters, separators and at signs', () => {
    const huge = 1_000_000;
    const inputs = [
      '1'.repeat(huge),
      'a'.repeat(huge),
      '@'.repeat(huge),
      'a@'.repeat(huge / 2),
      '+1'.repeat(huge / 2),
      '0'.repeat(huge),
      '1,'.repeat(huge / 2),
      '1 '.repeat(huge / 2),
      '07 '.repeat(huge / 3),
      'A-1'.repeat(huge / 3),
      'Source '.repeat(huge / 7),
      '$'.repeat(huge),
      '۱٬'.repeat(huge / 2),
      'November '.repeat(huge / 9),
      '"A'.repeat(huge / 2),
      'codenamed Ab '.repeat(huge / 13),
      'source Ab'.repeat(huge / 9),
      'the source known as '.repeat(huge / 20),
      'با نام رمز '.repeat(huge / 11),
      'Walnut (Source 509318) '.repeat(huge / 23),
    ];
    for (const input of inputs) {
      const mentions = findRuleMentions(input);
      for (const mention of mentions.slice(0, 100)) expect(mention.text).toBe(input.slice(mention.start, mention.end));
    }
  }, 60_000);
});
