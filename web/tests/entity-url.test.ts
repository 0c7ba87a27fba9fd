import { describe, expect, it } from 'vitest';
import { csvHrefOf, entityHref, fillMonths, indexHref, monthLabel, parseIndexQuery, parsePageQuery } from '../src/lib/entity-url.ts';

describe('entity index URLs', () => {
  it('round-trip the filters, leaving defaults out', () => {
    const query = { type: 'person', q: 'العام', sort: 'name' as const, page: 3 };
    const href = indexHref(query);
    expect(href).toBe(`/entities?type=person&q=${encodeURIComponent('العام')}&sort=name&page=3`);
    expect(parseIndexQuery(href.slice(href.indexOf('?')))).toEqual(query);
    expect(indexHref({})).toBe('/entities');
  });

  it('drop what the server would refuse', () => {
    expect(parseIndexQuery('?type=Robert%27);&sort=worst&page=-2')).toEqual({ type: '', q: '', sort: '-mentions', page: 1 });
    expect(parseIndexQuery(`?q=${'a'.repeat(300)}`).q).toHaveLength(200);
  });

  it('export what the index shows', () => {
    expect(csvHrefOf({ type: 'place', q: ' Kar ', sort: 'name', page: 2 })).toBe('/api/entities.csv?type=place&q=Kar');
    expect(csvHrefOf(parseIndexQuery(''))).toBe('/api/entities.csv');
  });
});

describe('entity page URLs', () => {
  it('hold the order and page of the mentions', () => {
    expect(entityHref(7)).toBe('/entities/7');
    expect(entityHref(7, { sort: '-date', page: 2 })).toBe('/entities/7?sort=-date&page=2');
    expect(parsePageQuery('?sort=-date&page=2')).toEqual({ sort: '-date', page: 2 });
    expect(parsePageQuery('?sort=sideways')).toEqual({ sort: 'date', page: 1 });
  });
});

describe('the timeline', () => {
  it('fills the months between with zeros, across a year end', () => {
    expect(
      fillMonths([
        { month: '2015-01', count: 1 },
        { month: '2014-11', count: 2 },
      ]),
    ).toEqual([
      { month: '2014-11', count: 2 },
      { month: '2014-12', count: 0 },
      { month: '2015-01', count: 1 },
    ]);
    expect(fillMonths([])).toEqual([]);
    expect(fillMonths([{ month: 'soon', count: 1 }])).toEqual([]);
  });

  it('shows only the months with mentions when they span centuries', () => {
    const wide = [
      { month: '1014-11', count: 1 },
      { month: '2014-11', count: 2 },
    ];
    expect(fillMonths(wide)).toEqual(wide);
  });

  it('names months in words', () => {
    expect(monthLabel('2014-11')).toBe('Nov 2014');
    expect(monthLabel('later')).toBe('later');
  });
});
