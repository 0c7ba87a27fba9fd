import { describe, expect, it } from 'vitest';
import { langAttribute, orderHits, placeHits, plainSnippet, segmentPassage, splitSnippet } from '../src/lib/text.ts';
import { activeYear, parseSearchQuery, searchHref, toggleFacet, documentHref } from '../src/lib/search-url.ts';

describe('splitSnippet', () => {
  it('splits on the highlight sentinels', () => {
    expect(splitSnippet('…the \u0002militia\u0003 and \u0002brigade\u0003 met…')).toEqual([
      { text: '…the ', mark: false },
      { text: 'militia', mark: true },
      { text: ' and ', mark: false },
      { text: 'brigade', mark: true },
      { text: ' met…', mark: false },
    ]);
  });

  it('keeps markup as plain text and tolerates unbalanced markers', () => {
    expect(splitSnippet('<script>\u0002x')).toEqual([
      { text: '<script>', mark: false },
      { text: 'x', mark: true },
    ]);
    expect(splitSnippet('a\u0003b')).toEqual([
      { text: 'a', mark: false },
      { text: 'b', mark: false },
    ]);
    expect(plainSnippet('a\u0002b\u0003c')).toBe('abc');
  });
});

describe('segmentPassage', () => {
  const body = 'Intro.\n\nThe militia held the bridge; the militia left.';
  const passage = { id: 7, ordinal: 2, start: 8, end: body.length, text: body.slice(8) };

  it('cuts exactly body.slice(start, end) for every hit', () => {
    const hits = orderHits([
      { passageId: 7, start: 44, end: 51 },
      { passageId: 7, start: 12, end: 19 },
    ]);
    const segments = segmentPassage(passage, placeHits(hits).get(7) ?? []);
    expect(segments.map((s) => s.text).join('')).toBe(passage.text);
    const marked = segments.filter((s) => s.hit !== undefined);
    expect(marked.map((s) => s.text)).toEqual([body.slice(12, 19), body.slice(44, 51)]);
    expect(marked.map((s) => s.hit)).toEqual([0, 1]);
  });

  it('skips hits that fall outside the passage or overlap', () => {
    const placed = [
      { start: 0, end: 5, index: 0 },
      { start: 12, end: 19, index: 1 },
      { start: 15, end: 22, index: 2 },
      { start: 50, end: 99, index: 3 },
    ];
    const segments = segmentPassage(passage, placed);
    expect(segments.filter((s) => s.hit !== undefined).map((s) => s.hit)).toEqual([1]);
    expect(segments.map((s) => s.text).join('')).toBe(passage.text);
  });
});

describe('search URLs', () => {
  it('round-trips the whole state', () => {
    const href = searchHref({ q: 'militia OR "blue lantern"', origin: 'Baghdad station', from: '2014-01-01', to: '2014-12-31', page: 3 });
    const query = parseSearchQuery(href.slice(href.indexOf('?')));
    expect(query).toMatchObject({ q: 'militia OR "blue lantern"', origin: 'Baghdad station', page: 3 });
    expect(activeYear(query)).toBe('2014');
  });

  it('toggles facets and resets the page', () => {
    const query = parseSearchQuery('?q=x&page=4');
    const on = toggleFacet(query, 'kind', 'cable');
    expect(on).toMatchObject({ kind: 'cable', page: 1 });
    expect(toggleFacet(on, 'kind', 'cable').kind).toBe('');
    expect(toggleFacet(query, 'year', '2015')).toMatchObject({ from: '2015-01-01', to: '2015-12-31' });
  });

  it('keeps rank=all with words, the page and the filters, and drops it without words or with another value', () => {
    const href = searchHref({ q: 'the', kind: 'cable', page: 2, rankAll: true });
    expect(href).toBe('/search?q=the&kind=cable&page=2&rank=all');
    expect(parseSearchQuery(href.slice(href.indexOf('?')))).toMatchObject({ q: 'the', page: 2, rankAll: true });
    expect(searchHref({ kind: 'cable', rankAll: true })).toBe('/search?kind=cable');
    expect(parseSearchQuery('?q=the&rank=some').rankAll).toBe(false);
  });

  it('ignores malformed parameters', () => {
    expect(parseSearchQuery('?page=-2&from=yesterday')).toMatchObject({ page: 1, from: '' });
    expect(searchHref({})).toBe('/');
  });

  it('builds document links with query and passage', () => {
    expect(documentHref('TRV-BGD-2014-0412', { q: 'a b', ordinal: 3 })).toBe('/documents/TRV-BGD-2014-0412?q=a+b#p3');
  });
});

describe('langAttribute', () => {
  it('accepts BCP 47 tags only', () => {
    expect(langAttribute('fa')).toBe('fa');
    expect(langAttribute('pt-BR')).toBe('pt-BR');
    expect(langAttribute('Persian language')).toBeUndefined();
    expect(langAttribute(null)).toBeUndefined();
  });
});
