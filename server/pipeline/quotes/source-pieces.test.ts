import { describe, expect, it } from 'vitest';
import { segment } from '../segment.ts';
import { comparePieces } from './differences.ts';
import { skeleton } from './skeleton.ts';
import { groupSpans, isLeadGap, passageLeads, splitAtPassages } from './source-pieces.ts';

const BODY = [
  '1. (S) The first paragraph ends with the ferry schedule.',
  '(C) 2. The second one begins with the harbour master.',
  '¶3. (S//NF) The third is short.',
  '۴. (س) چهارم',
  'No lead in this one at all.',
].join('\n\n');
const source = { id: 1, body: BODY, passages: segment(BODY).map((p) => ({ id: p.ordinal, start: p.start, end: p.end })) };
const texts = (spans: Array<{ start: number; end: number }>) => spans.map((s) => BODY.slice(s.start, s.end));

describe('paragraph leads', () => {
  it('finds the numbered and classified leads of cable paragraphs, in every style', () => {
    expect(texts(passageLeads(source))).toEqual(['1. (S) ', '(C) 2. ', '¶3. (S//NF) ', '۴. (س) ']);
  });

  it('leaves them out of a skeleton asked to skip them', () => {
    const bare = skeleton(BODY, passageLeads(source)).text;
    expect(bare).toContain(' ferry schedule the second one begins ');
    expect(skeleton(BODY).text).toContain(' ferry schedule c 2 the second ');
  });

  it('cuts a range at passage boundaries, each later piece after its lead', () => {
    const range = { start: BODY.indexOf('ferry'), end: BODY.indexOf('third') + 5 };
    expect(texts(splitAtPassages(source, passageLeads(source), range))).toEqual([
      'ferry schedule.',
      'The second one begins with the harbour master.',
      'The third',
    ]);
    const inside = { start: BODY.indexOf('first'), end: BODY.indexOf('ferry') };
    expect(splitAtPassages(source, passageLeads(source), inside)).toEqual([inside]);
  });

  it('groups the pieces of one report fragment by the paragraph leads between them', () => {
    const pieces = splitAtPassages(source, passageLeads(source), { start: BODY.indexOf('ferry'), end: BODY.indexOf('begins') + 6 });
    expect(groupSpans(BODY, 1, pieces)).toEqual([2]);
    expect(groupSpans(BODY, 2, pieces)).toEqual([1, 1]);
    const apart = [
      { start: 7, end: 16 },
      { start: BODY.indexOf('harbour'), end: BODY.indexOf('harbour') + 7 },
    ];
    expect(groupSpans(BODY, 1, apart)).toEqual([1, 1]);
    expect(isLeadGap('\n\n(C) 2. ')).toBe(true);
    expect(isLeadGap(' and then ')).toBe(false);
  });

  it('compares report text with the words of several pieces, offsets in the source body', () => {
    const pieces = splitAtPassages(source, passageLeads(source), { start: BODY.indexOf('ferry'), end: BODY.indexOf('begins') + 6 });
    expect(comparePieces('ferry schedule. The second one begins', 0, BODY, pieces)).toEqual([]);
    const [d] = comparePieces('ferry timetable. The second one begins', 0, BODY, pieces);
    expect(d).toMatchObject({ kind: 'changed', reportText: 'timetable', sourceText: 'schedule' });
    expect(BODY.slice(d!.source!.start, d!.source!.end)).toBe('schedule');
  });
});
