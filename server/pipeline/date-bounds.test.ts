import { describe, expect, it } from 'vitest';
import { narrowestRange, parseDateBound } from './dates.ts';
import { parseQuery, QuerySyntaxError } from './query-parser.ts';

describe('date filter bounds in either calendar', () => {
  it('keeps Gregorian dates at the precision typed', () => {
    expect(parseDateBound('2014', 'from')).toEqual({ iso: '2014', calendar: 'gregorian' });
    expect(parseDateBound('2014-11', 'to')).toEqual({ iso: '2014-11', calendar: 'gregorian' });
    expect(parseDateBound('2014-11-03', 'from')).toEqual({ iso: '2014-11-03', calendar: 'gregorian' });
    expect(parseDateBound('2014/11/3', 'from')).toEqual({ iso: '2014-11-03', calendar: 'gregorian' });
  });

  it('turns a Solar Hijri day into its Gregorian day, in any digits', () => {
    expect(parseDateBound('1393/08/01', 'from')).toEqual({ iso: '2014-10-23', calendar: 'solar_hijri' });
    expect(parseDateBound('۱۳۹۳/۰۸/۱۲', 'to')).toEqual({ iso: '2014-11-03', calendar: 'solar_hijri' });
    expect(parseDateBound('١٣٩٣-٥-٣٠', 'from')).toEqual({ iso: '2014-08-21', calendar: 'solar_hijri' });
  });

  it('widens a Solar Hijri month or year to the Gregorian day it starts or ends on', () => {
    expect(parseDateBound('1393', 'from')).toMatchObject({ iso: '2014-03-21' });
    expect(parseDateBound('1393', 'to')).toMatchObject({ iso: '2015-03-20' });
    expect(parseDateBound('1393/08', 'from')).toMatchObject({ iso: '2014-10-23' });
    expect(parseDateBound('1393/08', 'to')).toMatchObject({ iso: '2014-11-21' });
    // Esfand of a leap year has 30 days.
    expect(parseDateBound('1399/12', 'to')).toMatchObject({ iso: '2021-03-20' });
  });

  it('says what is wrong with a date it cannot read', () => {
    expect(parseDateBound('last week', 'from')).toEqual({
      error: expect.stringContaining('write it as 2014-11-03 (Gregorian) or 1393/08/12'),
    });
    expect(parseDateBound('2014-13-01', 'from')).toEqual({ error: '"2014-13-01" has no month 13: months run from 1 to 12.' });
    expect(parseDateBound('2015-02-29', 'from')).toEqual({ error: '"2015-02-29" has no day 29: that month has 28 days.' });
    expect(parseDateBound('1393/13/01', 'from')).toEqual({
      error: '"1393/13/01" has no month 13: Solar Hijri months run from 1 (Farvardin) to 12 (Esfand).',
    });
    expect(parseDateBound('1393/07/31', 'to')).toEqual({ error: '"1393/07/31" has no day 31: that Solar Hijri month has 30 days.' });
    expect(parseDateBound('1400/12/30', 'to')).toMatchObject({ error: expect.stringContaining('has 29 days') });
    expect(parseDateBound('0000', 'to')).toMatchObject({ error: expect.stringContaining('no year') });
  });

  it('takes the latest start and the earliest end of several bounds, whatever their precision', () => {
    expect(narrowestRange(['2014', '2014-03-21', undefined], ['2015', '2014-12'])).toEqual({ from: '2014-03-21', to: '2014-12' });
    expect(narrowestRange(['2014-05', '2014'], ['2014-11', '2014-11-15'])).toEqual({ from: '2014-05', to: '2014-11-15' });
    expect(narrowestRange([undefined, ''], [])).toEqual({ from: undefined, to: undefined });
  });
});

describe('from: and to: in the query language', () => {
  it('reads either calendar into Gregorian bounds, apart from the words', () => {
    const query = parseQuery('payments from:1393/08/01 to:2014-12');
    expect(query.filters).toEqual({ from: ['2014-10-23'], to: ['2014-12'] });
    expect(query.include.map((group) => group.map((t) => t.tokens))).toEqual([[['payments']]]);
    expect(parseQuery('from:۱۳۹۳ to:۱۳۹۳').filters).toEqual({ from: ['2014-03-21'], to: ['2015-03-20'] });
  });

  it('refuses a bad date with the position and what to write instead', () => {
    const error = (input: string) => {
      try {
        parseQuery(input);
      } catch (e) {
        if (e instanceof QuerySyntaxError) return { message: e.message, position: e.position };
        throw e;
      }
      return null;
    };
    expect(error('payments from:1393/13/01')).toEqual({
      message: 'from: at position 10: "1393/13/01" has no month 13: Solar Hijri months run from 1 (Farvardin) to 12 (Esfand).',
      position: 9,
    });
    expect(error('to:yesterday')?.message).toMatch(/^to: at position 1: "yesterday" is not a date: write it as 2014-11-03/);
    expect(error('-from:2014 payments')?.message).toMatch(/Filters cannot be negated/);
  });
});
