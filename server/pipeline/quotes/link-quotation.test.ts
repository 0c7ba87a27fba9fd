import { describe, expect, it } from 'vitest';
import { segment } from '../segment.ts';
import { prepareSource, type PreparedSource } from './align.ts';
import { findQuotations } from './find-quotations.ts';
import { documentOfRow, quoteIndexRow } from './index-rows.ts';
import { linkQuotation, regionsAround, type LinkSources } from './link-quotation.ts';
import { shingles } from './shingles.ts';

const FACTOR = 2 ** 24;

/** An in-memory shingle index over a few documents, as the repository would serve it. */
function archive(bodies: Record<number, string>): LinkSources {
  const sources = new Map<number, PreparedSource>();
  const index = new Map<number, number[]>();
  for (const [key, body] of Object.entries(bodies)) {
    const id = Number(key);
    const passages = segment(body).map((p) => ({ id: id * FACTOR + p.ordinal, start: p.start, end: p.end, text: p.text }));
    sources.set(id, prepareSource({ id, body, passages }));
    passages.forEach((p, place) => {
      const row = quoteIndexRow(id, place, passages.length);
      for (const hash of shingles(p.text)) index.set(hash, [...(index.get(hash) ?? []), row]);
    });
  }
  return {
    postings: (hash) => {
      const list = index.get(hash) ?? [];
      return list.length > 3 ? null : list;
    },
    documentOf: documentOfRow,
    source: (id) => sources.get(id) ?? null,
  };
}

function link(sources: LinkSources, printed: string) {
  const body = `The report says ${printed}.`;
  return linkQuotation({ body, ...findQuotations(body)[0]! }, sources);
}

const CABLE =
  'The courier delivered the travel documents to the governor after the evening prayer.\n\nThe station judges that money and grievance are the main motives.';

describe('linkQuotation', () => {
  it('links to the document the quotation comes from', () => {
    const sources = archive({ 1: 'An unrelated cable about the oil contracts.', 2: CABLE });
    const [best, ...rest] = link(sources, '“the station judges that money and grievance are the main motives”');
    expect(rest).toEqual([]);
    expect(best).toMatchObject({ documentId: 2, passageId: 2 * FACTOR + 2 });
  });

  it('keeps every equally good source (cables repeat text), exact typography first', () => {
    const sources = archive({ 3: CABLE, 4: CABLE.replace('The station judges', 'the station judges'), 5: 'Nothing alike here at all.' });
    const links = link(sources, '“The station judges that money and grievance are the main motives”');
    expect(links.map((l) => l.documentId)).toEqual([3, 4]);
    expect(links[0]!.score).toBeGreaterThan(links[1]!.score);
  });

  it('prefers the exact source over a look-alike with a typo', () => {
    const sources = archive({ 6: CABLE, 7: CABLE.replace('grievance', 'grievence') });
    expect(link(sources, '“The station judges that money and grievance are the main motives”').map((l) => l.documentId)).toEqual([6]);
  });

  it('leaves a quotation that is in no document unmatched', () => {
    const sources = archive({ 8: CABLE });
    expect(link(sources, '“The station judges that fear and revenge are the main motives of the men”')).toEqual([]);
  });

  it('refuses a short quotation found in too many places', () => {
    const body = 'The men with guns came back.';
    const sources = archive({ 1: body, 2: body, 3: body, 4: body });
    expect(link(sources, '“the men with guns came”')).toEqual([]);
  });
});

/** An index where every shingle is too common to read, so only the conjunctive lookup finds sources (formulaic text). */
function formulaic(bodies: Record<number, string>): LinkSources {
  const base = archive(bodies);
  const index = new Map<number, Set<number>>();
  for (const [key, body] of Object.entries(bodies)) {
    const passages = segment(body);
    passages.forEach((p, place) => {
      const row = quoteIndexRow(Number(key), place, passages.length);
      for (const hash of shingles(p.text)) index.set(hash, (index.get(hash) ?? new Set()).add(row));
    });
  }
  const holds = (hash: number, row: number, around: number) =>
    [...(index.get(hash) ?? [])].some((other) => documentOfRow(other) === documentOfRow(row) && Math.abs(other - row) <= around);
  return {
    ...base,
    postings: (hash) => (index.has(hash) ? null : []),
    frequency: (hash, cap) => Math.min(cap, index.get(hash)?.size ?? 0),
    conjunctive: (driver, others, limit, around = 0) =>
      [...(index.get(driver) ?? [])]
        .map((row) => ({ row, hits: others.filter((o) => holds(o, row, around)).length }))
        .sort((a, b) => b.hits - a.hits || a.row - b.row)
        .slice(0, limit),
  };
}

describe('linkQuotation across cable paragraphs', () => {
  const cable = [
    '1. (S) The courier delivered the travel documents to the governor after the evening prayer.',
    '2. (S) The interpreter confirmed the weapons shipments as instructed by headquarters last week.',
  ].join('\n\n');

  it('finds a source whose shingles are split between two passages, and links it with a fragment in each', () => {
    const sources = formulaic({ 1: 'An unrelated cable about the oil contracts and the election results.', 2: cable });
    const [best, ...rest] = link(sources, '“to the governor after the evening prayer. The interpreter confirmed the weapons shipments”');
    expect(rest).toEqual([]);
    expect(best!.documentId).toBe(2);
    expect(best!.fragments.map((f) => cable.slice(f.start, f.end))).toEqual([
      'to the governor after the evening prayer.',
      'The interpreter confirmed the weapons shipments',
    ]);
  });
});

describe('a long source document', () => {
  // Over 20,000 characters and 64 passages, so only the regions around the rows holding the
  // quotation's shingles are aligned, and each row holds two passages.
  const filler = (n: number) =>
    Array.from(
      { length: 12 },
      (_, k) => `Paragraph ${'abcdefghij'[n % 10]}${'klmnopqrst'[Math.floor(n / 10) % 10]} item ${'uvwxyz'[k % 6]}`,
    ).join(' ') + '.';
  const paragraphs = Array.from({ length: 90 }, (_, n) => filler(n));
  paragraphs.splice(61, 0, 'The station judges that money and grievance are the main motives.');
  const body = paragraphs.join('\n\n');
  const place = segment(body).findIndex((p) => p.text.includes('grievance'));

  it('finds the passage holding the quotation, far into the document', () => {
    expect(body.length).toBeGreaterThan(20_000);
    expect(place).toBe(61);
    const [best, ...rest] = link(
      archive({ 1: CABLE.slice(0, 40), 9: body }),
      '“the station judges that money and grievance are the main motives”',
    );
    expect(rest).toEqual([]);
    expect(best).toMatchObject({ documentId: 9, passageId: 9 * FACTOR + segment(body)[place]!.ordinal });
  });
});

describe('regionsAround', () => {
  it('merges the neighbourhoods of the passages that share shingles', () => {
    const body = ['one', 'two', 'three', 'four', 'five', 'six'].map((w) => `Paragraph ${w}.`).join('\n\n');
    const passages = segment(body).map((p) => ({ id: p.ordinal, start: p.start, end: p.end }));
    const regions = regionsAround({ id: 1, body, passages }, new Set([1, 2, 5].map((place) => quoteIndexRow(1, place, 6))));
    expect(regions.map((r) => body.slice(r.start, r.end).split('\n\n').length)).toEqual([4, 2]);
  });
});
