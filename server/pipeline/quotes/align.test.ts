import { describe, expect, it } from 'vitest';
import { segment } from '../segment.ts';
import { alignInDocument, maxErrors, measure, prepareSource } from './align.ts';
import { findQuotations } from './find-quotations.ts';
import { compareTexts } from './differences.ts';

const SOURCE = [
  '1. (S) The station does not consider the capital at risk of being overrun, but it judges that a large bombing would be followed by reprisals.',
  '2. (S) One Sunni member of parliament told our officer that the militias had become “a state within the state” in parts of Diyala, and that the police could not stop them.',
  '3. (S) The case officer saw no civilians in the area apart from a few shepherds, and the volunteers told him that no return was planned. Two of them said openly that they did not want the families to return at all.',
  '4. (S) The station paid USD 4,000 to Silver Heron for the maps, and José Müller received € 1,500 for his expenses.',
].join('\n\n');

const source = prepareSource({
  id: 7,
  body: SOURCE,
  passages: segment(SOURCE).map((p) => ({ id: 7 * 2 ** 24 + p.ordinal, start: p.start, end: p.end })),
});

/** The report is the quotation in marks; its fragments are found the way an import finds them. */
function align(printed: string) {
  const body = `The article says ${printed} and more.`;
  const [quotation] = findQuotations(body);
  return { body, alignments: alignInDocument({ body, ...quotation! }, source) };
}

const sourceTexts = (fragments: Array<{ start: number; end: number }>) => fragments.map((f) => SOURCE.slice(f.start, f.end));

describe('alignInDocument', () => {
  it('finds an exact quotation and maps it to the source body', () => {
    const { alignments } = align('“One Sunni member of parliament told our officer that the militias had become”');
    expect(alignments).toHaveLength(1);
    expect(alignments[0]).toMatchObject({ documentId: 7, passageId: 7 * 2 ** 24 + 2, errors: 0, score: 1, differences: [] });
    expect(sourceTexts(alignments[0]!.fragments)).toEqual(['One Sunni member of parliament told our officer that the militias had become']);
  });

  it('ignores case, punctuation, quotation marks and line breaks, and reports them as case_or_punctuation', () => {
    const { alignments } = align('“the station does not consider the capital at risk of being overrun.”');
    const [a] = alignments;
    expect(a!.errors).toBe(0);
    expect(sourceTexts(a!.fragments)).toEqual(['The station does not consider the capital at risk of being overrun,']);
    expect(a!.differences.map((d) => [d.kind, d.reportText, d.sourceText])).toEqual([
      ['case_or_punctuation', 'the', 'The'],
      ['case_or_punctuation', '.', ','],
    ]);
    expect(a!.score).toBeLessThan(1);
    const nested = align('“the militias had become ‘a state within the state’ in parts of Diyala”').alignments[0]!;
    expect(nested.differences.every((d) => d.kind === 'case_or_punctuation')).toBe(true);
  });

  it('tolerates a few typos and calls them changed', () => {
    const { alignments } = align('“One Sunni membr of parliament told our oficer that the militais had become”');
    const [a] = alignments;
    expect(a!.errors).toBe(4);
    expect(sourceTexts(a!.fragments)).toEqual(['One Sunni member of parliament told our officer that the militias had become']);
    expect(a!.differences.map((d) => [d.kind, d.reportText, d.sourceText])).toEqual([
      ['changed', 'membr', 'member'],
      ['changed', 'oficer', 'officer'],
      ['changed', 'militais', 'militias'],
    ]);
    expect(a!.score).toBeGreaterThan(0.9);
  });

  it('aligns fragments joined by an ellipsis in order, across a sentence, and gives the elided text', () => {
    const { body, alignments } = align(
      '“The case officer saw no civilians in the area apart from a few shepherds […] two of them said openly that they did not want the families to return”',
    );
    const [a] = alignments;
    expect(sourceTexts(a!.fragments)).toEqual([
      'The case officer saw no civilians in the area apart from a few shepherds',
      'Two of them said openly that they did not want the families to return',
    ]);
    const elided = a!.differences.find((d) => d.kind === 'elided')!;
    expect(body.slice(elided.report!.start, elided.report!.end)).toBe('[…]');
    expect(elided.sourceText).toBe(', and the volunteers told him that no return was planned. ');
  });

  it('rejects fragments that occur only in the wrong order', () => {
    const { alignments } = align(
      '“two of them said openly that they did not want the families to return … The case officer saw no civilians in the area”',
    );
    expect(alignments).toEqual([]);
  });

  it('records bracketed insertions, and the source words they stand for', () => {
    const { alignments } = align('“[The official] told our officer that the militias had become ‘a state within the state’”');
    const inserted = alignments[0]!.differences.find((d) => d.kind === 'inserted')!;
    expect(inserted.reportText).toBe('The official');
    const sic = align('“The station paid USD 4,000 to [sic] Silver Heron for the maps”').alignments[0]!;
    expect(sic.differences.map((d) => d.kind)).toEqual(['inserted']);
  });

  it('maps offsets through diacritics and currency signs', () => {
    const { alignments } = align('“Jose Muller received € 1,500 for his expenses”');
    expect(sourceTexts(alignments[0]!.fragments)).toEqual(['José Müller received € 1,500 for his expenses']);
    expect(alignments[0]!.differences.map((d) => [d.kind, d.reportText, d.sourceText])).toEqual([
      ['case_or_punctuation', 'Jose Muller', 'José Müller'],
    ]);
  });

  it('never links a changed number', () => {
    expect(align('“José Müller received € 1,600 for his expenses”').alignments).toEqual([]);
    expect(align('“The station paid USD 6,000 to Silver Heron for the maps”').alignments).toEqual([]);
  });

  it('rejects look-alikes: the same frame with different words', () => {
    expect(align('“One Shia member of the council told our officer that the tribes had become”').alignments).toEqual([]);
    expect(align('“The station does not consider the northern city at risk of being overrun”').alignments).toEqual([]);
  });

  it('tells typos from changed words: a quotation under 30 words may not change a word', () => {
    expect(align('“One Sunni member of parliament told our officer that the militias had become”').alignments).toHaveLength(1);
    expect(align('“One Sunni member of parliament told our agent that the militias had become”').alignments).toEqual([]);
    expect(align('“One Sunni member of parliament told our offcier that the militias had become”').alignments).toHaveLength(1);
    const long =
      '“The case officer saw no civilians in the area apart from a few shepherds, and the volunteers told him that no return was planned. Two of them said openly that they did not wish the families to return at all.”';
    const [a] = align(long).alignments;
    expect(a!.differences.filter((d) => d.kind === 'changed').map((d) => [d.reportText, d.sourceText])).toEqual([['wish', 'want']]);
  });

  it('lets an insertion stand for a few words at most, unlike an ellipsis', () => {
    expect(align('“The station does not consider [the city] at risk of being overrun”').alignments).toHaveLength(1);
    expect(align('“The station does not consider [it] that the militias had become”').alignments).toEqual([]);
    expect(align('“The station does not consider … that the militias had become”').alignments).toHaveLength(1);
  });

  it('requires short quotations to match exactly', () => {
    expect(align('“a few shepherds”').alignments).toHaveLength(1);
    expect(align('“a few shepards”').alignments).toEqual([]);
    expect(maxErrors(15)).toBe(0);
    expect(maxErrors(60)).toBe(6);
  });

  it('covers whole words: a quotation that starts inside a word takes the word, as a change', () => {
    const [a] = align('“tation does not consider the capital”').alignments;
    expect(sourceTexts(a!.fragments)).toEqual(['station does not consider the capital']);
    expect(a!.differences.map((d) => [d.kind, d.reportText, d.sourceText])).toEqual([['changed', 'tation', 'station']]);
  });
});

describe('measure', () => {
  it('scores a person’s chosen source text against the quotation', () => {
    const body = 'It says “the station does not consider the capital at risk” today.';
    const [q] = findQuotations(body);
    const start = SOURCE.indexOf('The station');
    const exact = measure({ body, ...q! }, SOURCE, [{ start, end: start + 'The station does not consider the capital at risk'.length }]);
    expect(exact.errors).toBe(0);
    expect(exact.score).toBeCloseTo(0.995);
    const longer = measure({ body, ...q! }, SOURCE, [
      { start, end: start + 'The station does not consider the capital at risk of being overrun'.length },
    ]);
    expect(longer.score).toBeLessThan(0.8);
    expect(longer.differences.some((d) => d.kind === 'changed' && d.sourceText.includes('of being overrun'))).toBe(true);
  });
});

describe('compareTexts', () => {
  it('groups neighbouring changes and keeps offsets in both texts', () => {
    const diffs = compareTexts('He has the office, but the guns', 100, 'He has the office. But the men with guns', 500);
    expect(diffs.map((d) => [d.kind, d.reportText, d.sourceText])).toEqual([
      ['case_or_punctuation', ', but', '. But'],
      ['changed', '', 'men with'],
    ]);
    const changed = diffs[1]!;
    // Nothing in the report: an empty span right after the word before.
    expect(changed.report).toEqual({ start: 100 + 'He has the office, but the'.length, end: 100 + 'He has the office, but the'.length });
    expect(changed.source).toEqual({ start: 500 + 27, end: 500 + 35 });
  });
});
