import { describe, expect, it } from 'vitest';
import type { Passage, Quotation, QuoteLink, QuotedIn } from '../src/lib/api/types.ts';
import { contextPassages, cutRange, groupQuotedIn, layoutReport, paragraphs, scoreLabel, segmentSource } from '../src/lib/quotes.ts';
import { parseQuoteHash, quoteHash, reportHref } from '../src/lib/report-url.ts';

const summary = {
  id: 9,
  ref: 'C-1',
  title: null,
  date: null,
  dateText: null,
  kind: 'cable' as const,
  origin: null,
  language: 'en',
  collection: 's',
};

function quotationOf(body: string, text: string, extra: Partial<Quotation> = {}): Quotation {
  const start = body.indexOf(text);
  return {
    id: 1,
    ordinal: 1,
    start,
    end: start + text.length,
    text,
    style: 'marks',
    status: 'linked',
    tooShort: false,
    decision: null,
    decidedBy: null,
    decidedAt: null,
    fragments: [{ start, end: start + text.length }],
    insertions: [],
    ellipses: [],
    links: [],
    ...extra,
  };
}

function linkOf(extra: Partial<QuoteLink>): QuoteLink {
  return {
    id: 5,
    status: 'suggested',
    orphaned: false,
    score: 0.96,
    document: summary,
    passage: null,
    fragments: [],
    differences: [],
    decidedBy: null,
    decidedAt: null,
    original: null,
    ...extra,
  };
}

function passagesOf(body: string): Passage[] {
  return paragraphs(body).map((span, index) => ({ id: 100 + index, ordinal: index + 1, ...span, text: body.slice(span.start, span.end) }));
}

describe('cutRange', () => {
  it('cuts at spans, skips overlaps and keeps empty spans as positions', () => {
    const body = 'abcdefghij';
    const cuts = cutRange(body, 1, 9, [
      { start: 2, end: 4, value: 'x' },
      { start: 3, end: 6, value: 'overlap' },
      { start: 6, end: 6, value: 'point' },
      { start: 8, end: 12, value: 'clipped' },
    ]);
    expect(cuts.map((c) => [c.text, c.value])).toEqual([
      ['b', null],
      ['cd', 'x'],
      ['ef', null],
      ['', 'point'],
      ['gh', null],
      ['i', 'clipped'],
    ]);
    for (const cut of cuts) expect(body.slice(cut.start, cut.end)).toBe(cut.text);
  });
});

describe('layoutReport', () => {
  it('splits paragraphs and marks insertions and ellipses inside a quotation', () => {
    const body = 'Title\n\nHe said “[The man] went home […] late” then.\n\nEnd.';
    const text = '[The man] went home […] late';
    const q = quotationOf(body, text, {
      insertions: [{ start: body.indexOf('[The'), end: body.indexOf('[The') + 9, text: 'The man' }],
      ellipses: [{ start: body.indexOf('[…]'), end: body.indexOf('[…]') + 3 }],
    });
    const layout = layoutReport(body, [q]);
    expect(layout.map((p) => body.slice(p.start, p.end))).toEqual(['Title', 'He said “[The man] went home […] late” then.', 'End.']);
    const piece = layout[1]!.pieces[1]!;
    expect(piece.kind).toBe('quote');
    if (piece.kind !== 'quote') return;
    expect(piece.first).toBe(true);
    expect(piece.parts).toEqual([
      { text: '[The man]', kind: 'insertion' },
      { text: ' went home ', kind: null },
      { text: '[…]', kind: 'ellipsis' },
      { text: ' late', kind: null },
    ]);
  });

  it('gives a quotation across a paragraph break one piece per paragraph, anchored once', () => {
    const body = 'A “one\n\ntwo” B';
    const q = quotationOf(body, 'one\n\ntwo');
    const quotes = layoutReport(body, [q]).flatMap((p) => p.pieces.filter((piece) => piece.kind === 'quote'));
    expect(quotes.map((piece) => piece.kind === 'quote' && piece.first)).toEqual([true, false]);
  });
});

describe('segmentSource', () => {
  const body = 'Intro.\n\nHe called it temporary, whether or not, and left early.\n\nOutro.';
  const passage = passagesOf(body)[1]!;
  const at = (text: string) => body.indexOf(text);

  it('marks fragments exactly, shows elided text and where the report inserted words', () => {
    const link = linkOf({
      fragments: [
        { start: at('called'), end: at(', whether') },
        { start: at(' and left'), end: at(' early') },
      ],
      differences: [
        {
          kind: 'inserted',
          report: { start: 0, end: 5 },
          source: { start: at('called'), end: at('called') },
          reportText: 'The man',
          sourceText: '',
        },
        {
          kind: 'elided',
          report: { start: 9, end: 12 },
          source: { start: at(', whether'), end: at(' and left') },
          reportText: '…',
          sourceText: ', whether or not,',
        },
      ],
    });
    const segments = segmentSource(body, passage, link);
    expect(segments.map((s) => s.kind)).toEqual(['text', 'inserted', 'fragment', 'elided', 'fragment', 'text']);
    const fragments = segments.filter((s) => s.kind === 'fragment');
    expect(fragments.map((f) => (f.kind === 'fragment' ? f.parts.map((p) => p.text).join('') : ''))).toEqual(
      link.fragments.map((f) => body.slice(f.start, f.end)),
    );
    expect(segments[1]).toMatchObject({ kind: 'inserted', text: 'The man' });
    expect(segments[3]).toMatchObject({ kind: 'elided', text: ', whether or not,' });
  });

  it('marks changed words inside a fragment without adding text to it', () => {
    const fragment = { start: at('called'), end: at(', whether') };
    const link = linkOf({
      fragments: [fragment],
      differences: [
        {
          kind: 'changed',
          report: { start: 0, end: 4 },
          source: { start: at('temporary'), end: at(', whether') },
          reportText: 'brief',
          sourceText: 'temporary',
        },
      ],
    });
    const mark = segmentSource(body, passage, link).find((s) => s.kind === 'fragment');
    expect(mark?.kind === 'fragment' && mark.parts).toEqual([
      { kind: 'text', text: 'called it ' },
      { kind: 'changed', text: 'temporary', reportText: 'brief' },
    ]);
  });
});

describe('passages around a link', () => {
  const body = Array.from({ length: 8 }, (_, i) => `Passage ${i + 1}.`).join('\n\n');
  const passages = passagesOf(body);

  it('takes the quoted passages with two on each side', () => {
    const link = linkOf({ fragments: [{ start: passages[4]!.start, end: passages[4]!.start + 3 }] });
    expect(contextPassages(passages, link).map((p) => p.ordinal)).toEqual([3, 4, 5, 6, 7]);
    expect(contextPassages(passages, linkOf({ fragments: [] }))).toEqual([]);
  });

  it('groups quoted-in entries by the passages their fragments touch', () => {
    const entry = (id: number, start: number, end: number): QuotedIn => ({
      link: { id, status: 'suggested', score: 1, passageId: -1, fragments: [{ start, end }] },
      quotation: { id, ordinal: id, text: 'x' },
      report: { ...summary, kind: 'report' },
    });
    const grouped = groupQuotedIn(passages, [
      entry(1, passages[0]!.start, passages[1]!.start + 2),
      entry(2, passages[1]!.start, passages[1]!.end),
    ]);
    expect(grouped.get(passages[0]!.id)?.map((e) => e.link.id)).toEqual([1]);
    expect(grouped.get(passages[1]!.id)?.map((e) => e.link.id)).toEqual([1, 2]);
    expect(grouped.has(passages[2]!.id)).toBe(false);
  });
});

describe('report URLs and labels', () => {
  it('reads and writes the quotation fragment', () => {
    expect(parseQuoteHash('#q7')).toEqual({ ordinal: 7, linkId: null });
    expect(parseQuoteHash('#q7-l19')).toEqual({ ordinal: 7, linkId: 19 });
    expect(parseQuoteHash('#p3')).toEqual({ ordinal: null, linkId: null });
    expect(quoteHash(7)).toBe('#q7');
    expect(quoteHash(7, 19)).toBe('#q7-l19');
    expect(reportHref('a b/c', 2)).toBe('/reports/a%20b%2Fc#q2');
  });

  it('rounds scores down so that only an exact match says 100%', () => {
    expect(scoreLabel(0.995)).toBe('99% match');
    expect(scoreLabel(1)).toBe('100% match');
    expect(scoreLabel(0.961)).toBe('96% match');
  });
});
