import { describe, expect, it } from 'vitest';
import type { GazetteerEntry } from '../entity.types.ts';
import { Gazetteer } from './gazetteer.ts';

// Synthetic names and sentences written for these tests.
const ENTRIES: GazetteerEntry[] = [
  { entityId: 1, type: 'person', name: 'Hadi al-Amiri' },
  { entityId: 1, type: 'person', name: 'هادی العامری' },
  { entityId: 2, type: 'person', name: 'Amiri' },
  { entityId: 3, type: 'organization', name: 'Kataib Hezbollah' },
  { entityId: 4, type: 'person', name: 'Abu Mahdi' },
  { entityId: 5, type: 'person', name: 'Abu Mahdi al-Muhandis' },
  { entityId: 6, type: 'codename', name: 'Blue Lantern' },
  { entityId: 7, type: 'person', name: 'Ali' },
  { entityId: 8, type: 'place', name: 'کربلا' },
  { entityId: 9, type: 'person', name: "Ja'far" },
  { entityId: 10, type: 'organization', name: 'سپاه پاسداران' },
];
const gazetteer = Gazetteer.build(ENTRIES);

function found(text: string, g = gazetteer): [string, number][] {
  return g.find(text).map((mention) => {
    expect(mention.text).toBe(text.slice(mention.start, mention.end));
    expect(mention.source).toBe('gazetteer');
    return [mention.text, mention.entityId!];
  });
}

describe('Gazetteer', () => {
  it('counts the spellings it indexed', () => {
    expect(gazetteer.size).toBe(ENTRIES.length);
    expect(Gazetteer.build([...ENTRIES, ENTRIES[0]!, { entityId: 1, type: 'person', name: ' ' }]).size).toBe(ENTRIES.length);
  });

  it('meets case, diacritic, article and transliteration variants of a name', () => {
    expect(found('HADI AL-AMIRI, Hadi Ameri, Hādī al\u2011Amīrī and Hadi el-Ameri met.')).toEqual([
      ['HADI AL-AMIRI', 1],
      ['Hadi Ameri', 1],
      ['Hādī al\u2011Amīrī', 1],
      ['Hadi el-Ameri', 1],
    ]);
    expect(found('al-Amiri, Al Amiri, AL-AMIRI, Ameri')).toEqual([
      ['al-Amiri', 2],
      ['Al Amiri', 2],
      ['AL-AMIRI', 2],
      ['Ameri', 2],
    ]);
    expect(found("Kata'ib Hizbullah and KATAIB HEZBOLLAH")).toEqual([
      ["Kata'ib Hizbullah", 3],
      ['KATAIB HEZBOLLAH', 3],
    ]);
    expect(found('Jafar and Jaʿfar')).toEqual([
      ['Jafar', 9],
      ['Jaʿfar', 9],
    ]);
  });

  it('matches whole words only', () => {
    expect(found('Amiriya, Alice, Bali, Lanterns of Blue')).toEqual([]);
    expect(found("Amiri's men")).toEqual([['Amiri', 2]]);
  });

  it('varies only long words: a short name matches as written', () => {
    expect(found('Ali, ALI, Aly, Alis')).toEqual([
      ['Ali', 7],
      ['ALI', 7],
    ]);
  });

  it('meets the sample archive variants of one name', () => {
    expect(found('Abou Mahdi al-Mohandes, ABU MAHDI AL-MUHANDIS')).toEqual([
      ['Abou Mahdi al-Mohandes', 5],
      ['ABU MAHDI AL-MUHANDIS', 5],
    ]);
    const g = Gazetteer.build([
      { entityId: 30, type: 'person', name: 'Sheikh Jaber al-Mansouri' },
      { entityId: 31, type: 'person', name: 'Jürgen Müller' },
    ]);
    expect(found('Shaikh Jabir al-Mansuri met Juergen Mueller and Jurgen Muller', g)).toEqual([
      ['Shaikh Jabir al-Mansuri', 30],
      ['Juergen Mueller', 31],
      ['Jurgen Muller', 31],
    ]);
  });

  it('does not join the words of a name across punctuation', () => {
    expect(found('Hadi. Amiri')).toEqual([['Amiri', 2]]);
    expect(found('Blue, Lantern')).toEqual([]);
    expect(found('Blue\n  Lantern')).toEqual([['Blue\n  Lantern', 6]]);
  });

  it('lets the longest name win, without overlaps', () => {
    expect(found('Abu Mahdi al-Muhandis and Abu Mahdi')).toEqual([
      ['Abu Mahdi al-Muhandis', 5],
      ['Abu Mahdi', 4],
    ]);
  });

  it('meets Persian and Arabic spellings, with harakat, tatweel, Arabic yeh and kaf', () => {
    expect(found('دیدار هادي العامري و هـادی عامری با هَادِي الْعَامِرِي')).toEqual([
      ['هادي العامري', 1],
      ['هـادی عامری', 1],
      ['هَادِي الْعَامِرِي', 1],
    ]);
    expect(found('در كربلا و کربلا، سپاه پاسداران')).toEqual([
      ['كربلا', 8],
      ['کربلا', 8],
      ['سپاه پاسداران', 10],
    ]);
  });

  it('prefers the entity spelled exactly as the text when two share a key', () => {
    const g = Gazetteer.build([
      { entityId: 20, type: 'person', name: 'Ameri' },
      { entityId: 21, type: 'person', name: 'Amiri' },
    ]);
    expect(found('Amiri, Ameri, Amiry', g)).toEqual([
      ['Amiri', 21],
      ['Ameri', 20],
      ['Amiry', 20],
    ]);
  });

  it('answers nothing for empty text, an empty gazetteer and text of no words', () => {
    expect(found('')).toEqual([]);
    expect(found('Hadi al-Amiri', Gazetteer.build([]))).toEqual([]);
    expect(found(' \u0000\u202E.,;\t')).toEqual([]);
  });
});

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('Gazetteer offsets', () => {
  const PLANTED: [string, number][] = [
    ['Hadi al-Amiri', 1],
    ['HĀDĪ AL-AMĪRĪ', 1],
    ['Ha\u0304di\u0304 Ameri', 1],
    ['هادي العامري', 1],
    ['Blue Lantern', 6],
    ['Kata\u2019ib Hizbullah', 3],
    ['کربلا', 8],
  ];
  const NOISE = [
    ' ',
    '. ',
    '\r\n',
    ', ',
    ' \u202E ',
    '\u200F ',
    ' \u0000 ',
    '\t',
    ' 😀 ',
    ' و ',
    ' «',
    '» ',
    '  ',
    ' 𝒳 ',
    ' said ',
    ' \uD800 ',
    ' \uDC00 ',
  ];

  it('maps every match back onto the original text over synthetic text with RTL marks, controls and astral characters', () => {
    const random = seeded(3);
    for (let round = 0; round < 30; round++) {
      let text = '';
      const planted: [string, number][] = [];
      for (let i = 0; i < 80; i++) {
        text += NOISE[Math.floor(random() * NOISE.length)];
        const [name, entityId] = PLANTED[Math.floor(random() * PLANTED.length)]!;
        planted.push([name, entityId]);
        text += name;
      }
      text += ' ';
      expect(found(text)).toEqual(planted);
    }
  });

  it('finds one name among a hundred thousand', () => {
    const entries: GazetteerEntry[] = [];
    for (let i = 0; i < 100_000; i++) entries.push({ entityId: 1000 + i, type: 'person', name: `Name${i} Surname${i % 977}` });
    entries.push({ entityId: 5, type: 'person', name: 'Abu Mahdi al-Muhandis' });
    const big = Gazetteer.build(entries);
    expect(big.size).toBe(100_001);
    expect(found('met Name4242 Surname334 and Abu Mahdi al-Muhandis; Name4242 Surname1 no', big)).toEqual([
      ['Name4242 Surname334', 5242],
      ['Abu Mahdi al-Muhandis', 5],
    ]);
  });

  it('copes with a huge line and with a long run of one name', () => {
    const line = `${'x'.repeat(2_000_000)} Blue Lantern ${'ي'.repeat(100_000)}`;
    expect(found(line)).toEqual([['Blue Lantern', 6]]);
    const repeated = 'Blue Lantern '.repeat(50_000);
    expect(gazetteer.find(repeated)).toHaveLength(50_000);
  });
});
