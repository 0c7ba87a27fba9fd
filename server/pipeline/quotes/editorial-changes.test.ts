import { describe, expect, it } from 'vitest';
import { segment } from '../segment.ts';
import { alignInDocument, measure, prepareSource } from './align.ts';
import { bracketEdits } from './bracket-edits.ts';
import { findQuotations } from './find-quotations.ts';

// An invented cable: numbered paragraphs with classification leads, as the archive's cables have them.
const SOURCE = [
  '1. (S) The minister refused to sign the decree before the budget vote, and his deputy was seen leaving the building by a side door.',
  '2. (S) MOI officials told the station that the checkpoint lists are now drawn up every evening. The lists are shared with the brigade commanders before dawn.',
  '3. (C) The contact said the MFA had asked the embassy to delay the visit until after the holiday, because the ministry could not guarantee the safety of the delegation on the airport road and did not want a public incident during the talks on the border crossings.',
  '4. (S) The governor paid 4,000 dollars to the tribal council in March. He expects the council to keep the road open until the harvest.',
  '5. (S) Nothing in the port has changed since the summer, and the customs officers still take their share of every container that passes the gate.',
].join('\n\n');

const source = prepareSource({
  id: 3,
  body: SOURCE,
  passages: segment(SOURCE).map((p) => ({ id: 3 * 2 ** 24 + p.ordinal, start: p.start, end: p.end })),
});
const passage = (n: number) => 3 * 2 ** 24 + n;

function align(printed: string) {
  const body = `The article says ${printed} and more.`;
  const [quotation] = findQuotations(body);
  return { body, quote: { body, ...quotation! }, alignments: alignInDocument({ body, ...quotation! }, source) };
}

const sourceTexts = (fragments: Array<{ start: number; end: number }>) => fragments.map((f) => SOURCE.slice(f.start, f.end));
const kinds = (a: { differences: Array<{ kind: string; reportText: string; sourceText: string }> }) =>
  a.differences.map((d) => [d.kind, d.reportText, d.sourceText]);

describe('round-bracket edits', () => {
  it('finds a changed capital letter, a changed ending and words put in', () => {
    const body = '“(T)he minister refus(ing) to sign, was (reportedly) seen, MOI (interior ministry) officials (Source 12) said”';
    const edits = bracketEdits({ body, fragments: [{ start: 1, end: body.length - 1 }] });
    expect(edits.map((e) => [body.slice(e.start, e.end), e.inWord])).toEqual([
      ['(T)he', true],
      ['refus(ing)', true],
      ['(reportedly)', false],
      ['(interior ministry)', false],
    ]);
  });

  it('shows (T)he as a changed letter (case) and takes the source word', () => {
    const [a, ...rest] = align('“(T)he minister refused to sign the decree before the budget vote”').alignments;
    expect(rest).toEqual([]);
    expect(sourceTexts(a!.fragments)).toEqual(['The minister refused to sign the decree before the budget vote']);
    expect(kinds(a!)).toEqual([['case_or_punctuation', '(T)he', 'The']]);
    const lower = align('“(T)he lists are shared with the brigade commanders before dawn”').alignments[0]!;
    expect(sourceTexts(lower.fragments)).toEqual(['The lists are shared with the brigade commanders before dawn']);
    const changed = align('“(H)e expects the council to keep the road open until the harvest”').alignments[0]!;
    expect(kinds(changed)).toEqual([['case_or_punctuation', '(H)e', 'He']]);
    const mid = align('“his deputy was seen leaving the building by a side door. (T)he lists are shared”').alignments;
    expect(mid).toEqual([]);
  });

  it('shows a changed ending as the report’s own insertion in place of the source word', () => {
    const [a] = align('“The minister refus(ing) to sign the decree before the budget vote”').alignments;
    expect(sourceTexts(a!.fragments)).toEqual(['The minister refused to sign the decree before the budget vote']);
    expect(kinds(a!)).toEqual([['inserted', 'refus(ing)', 'refused']]);
    // The letters outside the brackets must be the source word's.
    expect(align('“The minister declin(ing) to sign the decree before the budget vote”').alignments).toEqual([]);
  });

  it('shows words put in round brackets as insertions when the source lacks them', () => {
    const [a] = align('“his deputy was (reportedly) seen leaving the building by a side door”').alignments;
    expect(sourceTexts(a!.fragments)).toEqual(['his deputy was seen leaving the building by a side door']);
    expect(kinds(a!)).toEqual([['inserted', '(reportedly)', '']]);
    const [b] = align(
      '“MOI (interior ministry) officials told the station that the checkpoint lists are now drawn up every evening”',
    ).alignments;
    expect(kinds(b!)).toEqual([['inserted', '(interior ministry)', '']]);
    expect(b!.passageId).toBe(passage(2));
  });

  it('reads brackets the source has as ordinary text', () => {
    const body = 'Cable: 6. (S) The port (Umm Qasr) has been closed since Friday, the station wrote.';
    const cable = prepareSource({ id: 9, body, passages: [{ id: 1, start: 7, end: body.length }] });
    const printed = 'It said “The port (Umm Qasr) has been closed since Friday” then.';
    const [a] = alignInDocument({ body: printed, ...findQuotations(printed)[0]! }, cable);
    expect(a!.differences).toEqual([]);
    expect(body.slice(a!.fragments[0]!.start, a!.fragments[0]!.end)).toBe('The port (Umm Qasr) has been closed since Friday');
  });

  it('never lets brackets hide a changed number', () => {
    expect(align('“The governor paid (about) 5,000 dollars to the tribal council in March”').alignments).toEqual([]);
    expect(align('“The governor paid (about) 4,000 dollars to the tribal council in March”').alignments).toHaveLength(1);
  });

  it('measures a chosen source text with the edits too', () => {
    const { quote } = align('“his deputy was (reportedly) seen leaving the building by a side door”');
    const start = SOURCE.indexOf('his deputy');
    const m = measure(quote, SOURCE, [{ start, end: SOURCE.indexOf(' by a side door') + ' by a side door'.length }]);
    expect(m.differences.map((d) => d.kind)).toEqual(['inserted']);
  });
});

describe('one substituted stretch in a long quotation', () => {
  const LONG =
    'the MFA had asked the embassy to delay the visit until after the holiday, because the ministry could not guarantee the safety of the delegation on the airport road';

  it('links a long quotation with an acronym spelt out, showing the stretch as changed', () => {
    const [a] = align(`“${LONG.replace('the MFA', 'the Ministry of Foreign Affairs')}”`).alignments;
    expect(a!.passageId).toBe(passage(3));
    expect(sourceTexts(a!.fragments)).toEqual([LONG]);
    expect(a!.differences.filter((d) => d.kind === 'changed').map((d) => d.sourceText)).toContain('MFA');
  });

  it('links a long quotation with one word swapped', () => {
    const [a] = align(`“${LONG.replace('holiday', 'festival')}”`).alignments;
    expect(kinds(a!)).toEqual([['changed', 'festival', 'holiday']]);
  });

  it('keeps the strict rule for short quotations, two stretches, long stretches and numbers', () => {
    expect(align('“the Ministry of Foreign Affairs had asked the embassy to delay the visit”').alignments).toEqual([]);
    const two = LONG.replace('the MFA', 'the Ministry of Foreign Affairs').replace('airport road', 'northern highway');
    expect(align(`“${two}”`).alignments).toEqual([]);
    const long = LONG.replace('the MFA', 'the most senior officials of the foreign ministry in the capital');
    expect(align(`“${long}”`).alignments).toEqual([]);
    const cable =
      'The governor paid 4,000 dollars to the tribal council in March. He expects the council to keep the road open until the harvest.';
    expect(align(`“${cable.replace('4,000', '4,500').replace('March', 'spring')}”`).alignments).toEqual([]);
  });
});

describe('quotations across passage boundaries', () => {
  it('links a quotation running from the end of one paragraph into the next, a fragment in each passage', () => {
    const { alignments } = align(
      '“his deputy was seen leaving the building by a side door. MOI officials told the station that the checkpoint lists”',
    );
    const [a, ...rest] = alignments;
    expect(rest).toEqual([]);
    expect(a!.passageId).toBe(passage(1));
    expect(sourceTexts(a!.fragments)).toEqual([
      'his deputy was seen leaving the building by a side door.',
      'MOI officials told the station that the checkpoint lists',
    ]);
    expect(a!.differences).toEqual([]);
    // The link's spans lie in two passages and leave the "2. (S)" lead out.
    expect(a!.fragments.map((f) => source.passages.find((p) => f.start >= p.start && f.end <= p.end)!.id)).toEqual([
      passage(1),
      passage(2),
    ]);
  });

  it('measures such a link again with the same differences', () => {
    const { quote, alignments } = align('“by a side door. MOI officials told the station that the checkpoint lists”');
    const m = measure(quote, SOURCE, alignments[0]!.fragments);
    expect(m.errors).toBe(0);
    expect(m.differences).toEqual([]);
  });

  it('links a quotation over two report paragraphs to two source paragraphs', () => {
    const { alignments } = align(
      '“The lists are shared with the brigade commanders before dawn.\n\n“The contact said the MFA had asked the embassy to delay the visit”',
    );
    const [a] = alignments;
    expect(sourceTexts(a!.fragments)).toEqual([
      'The lists are shared with the brigade commanders before dawn.',
      'The contact said the MFA had asked the embassy to delay the visit',
    ]);
    expect(a!.differences).toEqual([]);
  });

  it('still rejects words of another paragraph that do not follow on', () => {
    expect(align('“by a side door. The lists are shared with the brigade commanders”').alignments).toEqual([]);
  });
});
