// Synthetic sentences written for these tests.
import { describe, expect, it } from 'vitest';
import type { FoundMention } from './entity.types.ts';
import { consistentModelMentions, extractEntities, type MentionTagger } from './extract-entities.ts';
import { Gazetteer } from './gazetteer/gazetteer.ts';

/** A mention of the first occurrence of `spelling` at or after `from`. */
function at(text: string, spelling: string, type: string, source: FoundMention['source'], from = 0): FoundMention {
  const start = text.indexOf(spelling, from);
  if (start < 0) throw new Error(`"${spelling}" is not in the text`);
  return { type, start, end: start + spelling.length, text: spelling, source };
}

const fakeTagger = (found: (text: string) => FoundMention[]): MentionTagger => ({ tag: (text) => found(text) });
const none = { rules: null, tagger: null, gazetteer: null };

describe('extractEntities: overlaps', () => {
  const text = 'Hadi al-Amiri met the Badr Organization in Baghdad on 14 November 2014.';

  it('lets the gazetteer beat the rules and the rules beat the model', () => {
    const gazetteer = { find: (t: string) => [{ ...at(t, 'Hadi al-Amiri', 'person', 'gazetteer'), entityId: 7 }] };
    const rules = (t: string) => [at(t, '14 November 2014', 'date', 'rule'), at(t, 'Baghdad on 14', 'codename', 'rule')];
    const tagger = fakeTagger((t) => [
      at(t, 'Hadi al-Amiri met', 'person', 'model'),
      at(t, 'November', 'person', 'model'),
      at(t, 'Badr Organization', 'organization', 'model'),
    ]);
    const found = extractEntities(text, { gazetteer, rules, tagger });
    expect(found.map((m) => [m.text, m.type, m.source])).toEqual([
      ['Hadi al-Amiri', 'person', 'gazetteer'],
      ['Badr Organization', 'organization', 'model'],
      ['14 November 2014', 'date', 'rule'],
    ]);
    expect(found[0]!.entityId).toBe(7);
  });

  it('within one layer keeps the longer span, then the earlier one', () => {
    const tagger = fakeTagger((t) => [
      at(t, 'Badr', 'organization', 'model'),
      at(t, 'the Badr Organization', 'organization', 'model'),
      at(t, 'Organization in', 'place', 'model'),
    ]);
    const found = extractEntities(text, { ...none, tagger });
    expect(found.map((m) => m.text)).toEqual(['the Badr Organization']);
    const ties = extractEntities('ab cd', {
      ...none,
      tagger: fakeTagger(() => [at('ab cd', 'b ', 'place', 'model'), at('ab cd', 'ab', 'place', 'model')]),
    });
    expect(ties.map((m) => m.text)).toEqual(['ab']);
  });

  it('drops mentions whose offsets do not hold and keeps adjacent ones', () => {
    const rules = () => [
      { type: 'date', start: 3, end: 9, text: 'wrong', source: 'rule' as const },
      { type: 'date', start: 5, end: 5, text: '', source: 'rule' as const },
    ];
    const tagger = fakeTagger((t) => [at(t, 'Hadi', 'person', 'model'), at(t, ' al-Amiri', 'person', 'model')]);
    const found = extractEntities(text, { ...none, rules, tagger });
    expect(found.map((m) => m.text)).toEqual(['Hadi', ' al-Amiri']);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('never takes a month for a name, in either calendar, but leaves "May" to the model', () => {
    const t = 'In Bahman the courier met May in Khordad, and again in October.';
    const tagger = fakeTagger((x) => ['Bahman', 'May', 'Khordad', 'October'].map((w) => at(x, w, 'person', 'model')));
    expect(extractEntities(t, { ...none, tagger }).map((m) => m.text)).toEqual(['May']);
  });

  it('finds nothing with no layers', () => {
    expect(extractEntities(text, none)).toEqual([]);
  });
});

describe('consistentModelMentions', () => {
  it('gives one name the type most of its mentions have, ties going to person', () => {
    const text = 'Rashid spoke. Later Rashid left. RASHID returned. Basra, Basra.';
    const found = consistentModelMentions(text, [
      at(text, 'Rashid', 'person', 'model'),
      at(text, 'Rashid', 'place', 'model', 10),
      at(text, 'Basra', 'place', 'model'),
      at(text, 'Basra', 'organization', 'model', 52),
      at(text, 'Basra', 'place', 'model', 52),
    ]);
    const types = Object.fromEntries(found.map((m) => [`${m.text}@${m.start}`, m.type]));
    expect(types).toEqual({ 'Rashid@0': 'person', 'Rashid@20': 'person', 'RASHID@33': 'person', 'Basra@50': 'place', 'Basra@57': 'place' });
  });

  it('adds the occurrences the model missed, whole words only, as written or in capitals', () => {
    const text = 'COLONEL RASHID\n\nColonel Rashid met Rashida. Rashid, again; rashid in lower case; Rashid2 no.';
    const found = consistentModelMentions(text, [at(text, 'Colonel Rashid', 'person', 'model'), at(text, 'Rashid', 'person', 'model', 40)]);
    const spans = found.map((m) => [m.text, m.start]).sort((a, b) => (a[1] as number) - (b[1] as number));
    expect(spans).toEqual([
      ['COLONEL RASHID', 0],
      ['Colonel Rashid', 16],
      ['Rashid', 44],
    ]);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('works on Persian script and spreads no short spellings', () => {
    const text = 'هادی العامری گفت. سپس هادی العامری رفت. Al said no; Al left.';
    const found = consistentModelMentions(text, [at(text, 'هادی العامری', 'person', 'model'), at(text, 'Al', 'person', 'model')]);
    expect(found.map((m) => m.start).sort((a, b) => a - b)).toEqual([0, 22, 40]);
  });
});

describe('extractEntities with the real layers', () => {
  const cable =
    'SUBJECT: MEETING WITH HADI AL-AMERI\n\n' +
    '1. (S) On 14 November 2014 Ambassador Jones met Hadi al-Ameri in Baghdad. He paid 62.5 euros to source 126674.\n' +
    '2. (S) هادی العامری در ۲۳ آبان ۱۳۹۳ به بغداد رفت.';

  it('finds rule mentions and lets a confirmed entity’s spelling variants win, with exact offsets', () => {
    const gazetteer = Gazetteer.build([
      { entityId: 5, type: 'person', name: 'Hadi al-Amiri' },
      { entityId: 5, type: 'person', name: 'هادی العامری' },
    ]);
    const found = extractEntities(cable, { gazetteer });
    for (const m of found) expect(cable.slice(m.start, m.end)).toBe(m.text);
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
    const byText = new Map(found.map((m) => [m.text, m]));
    expect(byText.get('14 November 2014')).toMatchObject({ type: 'date', source: 'rule', value: '2014-11-14' });
    expect(byText.get('62.5 euros')).toMatchObject({ type: 'money', source: 'rule' });
    expect(byText.get('Hadi al-Ameri')).toMatchObject({ type: 'person', source: 'gazetteer', entityId: 5 });
    expect(byText.get('هادی العامری')).toMatchObject({ source: 'gazetteer', entityId: 5 });
  });

  it('runs the rules alone when asked, and finds nothing in empty text', () => {
    const found = extractEntities(cable, { tagger: null });
    expect(found.every((m) => m.source === 'rule')).toBe(true);
    expect(extractEntities('')).toEqual([]);
  });
});
