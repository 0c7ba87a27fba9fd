import { describe, expect, it } from 'vitest';
import { isJalaliLeapYear, jalaliToGregorian, parseDate } from './dates.ts';

describe('parseDate (Gregorian)', () => {
  it.each([
    ['2014-11-03', '2014-11-03'],
    ['2014-11-03T10:15:00Z', '2014-11-03'],
    ['2014-11-03 10:15', '2014-11-03'],
    // Read as written: converting to UTC would move this to 4 November.
    ['2014-11-03T23:30:00-05:00', '2014-11-03'],
    ['3 November 2014', '2014-11-03'],
    ['November 3, 2014', '2014-11-03'],
    ['3 Nov 2014', '2014-11-03'],
    ['3 Nov. 2014', '2014-11-03'],
    ['3rd November 2014', '2014-11-03'],
    ['Monday, November 3rd, 2014', '2014-11-03'],
    ['Sept 3, 2014', '2014-09-03'],
    ['03-Nov-2014', '2014-11-03'],
    ['Mon, 3 Nov 2014 10:15:00 +0330', '2014-11-03'],
    ['Mon, 03 Nov 2014 10:15:00 GMT', '2014-11-03'],
    ['3 Nov 14 10:15 +0000', '2014-11-03'],
    ['2014/11/03', '2014-11-03'],
    ['2014.11.03', '2014-11-03'],
    ['  2014-11-03  ', '2014-11-03'],
    ['D:20141103120000Z', '2014-11-03'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it('returns only the precision the text gives', () => {
    expect(parseDate('2014-11')).toBe('2014-11');
    expect(parseDate('November 2014')).toBe('2014-11');
    expect(parseDate('Nov. 2014')).toBe('2014-11');
    expect(parseDate('2014')).toBe('2014');
  });

  it('rejects impossible calendar dates', () => {
    expect(parseDate('2014-02-29')).toBeNull();
    expect(parseDate('2016-02-29')).toBe('2016-02-29');
    expect(parseDate('2014-13-01')).toBeNull();
    expect(parseDate('31 April 2014')).toBeNull();
  });

  it.each([undefined, '', '   ', 'yesterday', 'next week', '11/03/2014', '20141103', '3 Foo 2014', '2014-11-03x'])(
    'returns null for %j',
    (text) => {
      expect(parseDate(text)).toBeNull();
    },
  );
});

describe('parseDate (Persian solar calendar)', () => {
  it.each([
    ['1393/08/12', '2014-11-03'],
    ['1394/01/01', '2015-03-21'],
    ['1393/01/01', '2014-03-21'],
    ['1357/11/22', '1979-02-11'],
    ['1399/12/30', '2021-03-20'],
    ['1403/12/30', '2025-03-20'],
    ['1404/01/01', '2025-03-21'],
    ['1393-8-12', '2014-11-03'],
  ])('converts %s to %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it('reads Persian and Arabic-Indic digits', () => {
    expect(parseDate('۱۳۹۳/۰۸/۱۲')).toBe('2014-11-03');
    expect(parseDate('١٣٩٣/٠٨/١٢')).toBe('2014-11-03');
  });

  it('reads month names in transliteration and in Persian script', () => {
    expect(parseDate('12 Aban 1393')).toBe('2014-11-03');
    expect(parseDate('1 Farvardin 1394')).toBe('2015-03-21');
    expect(parseDate('۱۲ آبان ۱۳۹۳')).toBe('2014-11-03');
    // Arabic yeh in "دي" and a right-to-left mark around the number.
    expect(parseDate('\u200F۱۰ دي ۱۳۹۳\u200F')).toBe('2014-12-31');
  });

  it('does not invent precision a Jalali month or year cannot give', () => {
    expect(parseDate('Aban 1393')).toBe('2014');
    // Dey 1393 runs from December 2014 into January 2015.
    expect(parseDate('Dey 1393')).toBeNull();
    expect(parseDate('1393')).toBeNull();
  });

  it('rejects days the Jalali month does not have', () => {
    expect(parseDate('1400/12/30')).toBeNull();
    expect(parseDate('1393/07/31')).toBeNull();
    expect(parseDate('1393/13/01')).toBeNull();
  });

  it('follows the 33-year leap cycle', () => {
    const leap = [1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403, 1408];
    for (let year = 1370; year <= 1410; year += 1) expect(isJalaliLeapYear(year)).toBe(leap.includes(year));
  });

  it('lines up consecutive years without gaps', () => {
    expect(jalaliToGregorian(1399, 12, 30)).toBe('2021-03-20');
    expect(jalaliToGregorian(1400, 1, 1)).toBe('2021-03-21');
    expect(jalaliToGregorian(1400, 12, 29)).toBe('2022-03-20');
    expect(jalaliToGregorian(1401, 1, 1)).toBe('2022-03-21');
  });
});
