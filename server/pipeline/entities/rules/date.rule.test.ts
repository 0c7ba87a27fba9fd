import { describe, expect, it } from 'vitest';
import { findDates } from './date.rule.ts';
import { withoutOverlaps } from './index.ts';
import { pairs } from './test-helpers.ts';

const dates = (text: string) => pairs(text, withoutOverlaps(findDates(text)));

describe('findDates (Gregorian)', () => {
  it.each([
    ['14 November 2014', '2014-11-14'],
    ['November 14, 2014', '2014-11-14'],
    ['Nov. 14th 2014', '2014-11-14'],
    ['14 Nov. 2014', '2014-11-14'],
    ['14-Nov-2014', '2014-11-14'],
    ['14 NOVEMBER 2014', '2014-11-14'],
    ['2014/11/14', '2014-11-14'],
    ['2014-11-14', '2014-11-14'],
    ['2014.11.14', '2014-11-14'],
    ['14.11.2014', '2014-11-14'],
    ['14/11/2014', '2014-11-14'],
    ['11/14/2014', '2014-11-14'],
    ['November 2014', '2014-11'],
    ['Sept 2014', '2014-09'],
  ])('reads %j as %s', (written, iso) => {
    expect(dates(`Met on ${written}, as planned.`)).toEqual([[written, iso]]);
  });

  it('reads every month by its full name and its abbreviation', () => {
    const names = [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ];
    names.forEach((name, index) => {
      const month = String(index + 1).padStart(2, '0');
      expect(dates(`on 3 ${name} 2015.`)).toEqual([[`3 ${name} 2015`, `2015-${month}-03`]]);
      expect(dates(`on 3 ${name}.`)).toEqual([[`3 ${name}`, `--${month}-03`]]);
      if (name !== 'May') expect(dates(`on 3 ${name.slice(0, 3)}. 2015.`)).toEqual([[`3 ${name.slice(0, 3)}. 2015`, `2015-${month}-03`]]);
    });
  });

  it('reads a day and month without a year as --MM-DD', () => {
    expect(dates('On 9 and 10 October, and on Nov. 14 too.')).toEqual([
      ['10 October', '--10-10'],
      ['Nov. 14', '--11-14'],
    ]);
  });

  it('keeps the date part of a timestamp and of an e-mail date header', () => {
    expect(dates('at 2014-11-03T23:30:00-05:00')).toEqual([['2014-11-03', '2014-11-03']]);
    expect(dates('Date: Wed, 09 Sep 2015 08:14:22 +0430')).toEqual([['09 Sep 2015', '2015-09-09']]);
  });

  it('drops an impossible day and keeps the month it names', () => {
    expect(dates('31 November 2014')).toEqual([['November 2014', '2014-11']]);
    expect(dates('30 Esfand 1394')).toEqual([['Esfand 1394', '2016']]);
    expect(dates('29 February 2015, 29 February 2016')).toEqual([
      ['February 2015', '2015-02'],
      ['29 February 2016', '2016-02-29'],
    ]);
  });

  it('reads an ambiguous numeric date day first', () => {
    expect(dates('03/11/2014')).toEqual([['03/11/2014', '2014-11-03']]);
  });
});

describe('findDates (Solar Hijri)', () => {
  it.each([
    ['1393/08/23', '2014-11-14'],
    ['23 Aban 1393', '2014-11-14'],
    ['۲۳ آبان ۱۳۹۳', '2014-11-14'],
    ['۱۳۹۳/۰۸/۲۳', '2014-11-14'],
    ['٢٣ آبان ١٣٩٣', '2014-11-14'],
    ['23/08/1393', '2014-11-14'],
    ['1 Farvardin 1394', '2015-03-21'],
    ['30 Esfand 1395', '2017-03-20'],
  ])('converts %j to %s', (written, iso) => {
    expect(dates(`تاریخ ${written} بود`)).toEqual([[written, iso]]);
  });

  it('tells a Solar Hijri year from a Gregorian one by its size', () => {
    expect(dates('1393/08/23 and 2014/11/14')).toEqual([
      ['1393/08/23', '2014-11-14'],
      ['2014/11/14', '2014-11-14'],
    ]);
  });

  it('gives a month and year only the Gregorian year both ends share, and a day and month no value', () => {
    expect(dates('in Aban 1393')).toEqual([['Aban 1393', '2014']]);
    expect(dates('in Dey 1393')).toEqual([['Dey 1393', undefined]]);
    expect(dates('در تاریخ ۱۱ اسفند با منبع')).toEqual([['۱۱ اسفند', undefined]]);
    expect(dates('paid on 15 Shahrivar.')).toEqual([['15 Shahrivar', undefined]]);
  });

  it('accepts Arabic letter variants of the month names', () => {
    expect(dates('٢٣ آبان ١٣٩٣ و ۱ ارديبهشت ۱۳۹۴')).toEqual([
      ['٢٣ آبان ١٣٩٣', '2014-11-14'],
      ['۱ ارديبهشت ۱۳۹۴', '2015-04-21'],
    ]);
  });

  it('reads Arabic-script Gregorian month names', () => {
    expect(dates('في ١٤ تشرين الثاني ٢٠١٤')).toEqual([['١٤ تشرين الثاني ٢٠١٤', '2014-11-14']]);
    expect(dates('۱۴ نوامبر ۲۰۱۴')).toEqual([['۱۴ نوامبر ۲۰۱۴', '2014-11-14']]);
  });
});

describe('findDates (what is not a date)', () => {
  it.each([
    ['TRV-BGD-2014-0388'],
    ['REF 2014/0412'],
    ['+964 770 123 4567'],
    ['0770.123.4567'],
    ['version 1.2.2014.5'],
    ['2014/13/01'],
    ['1700/01/01'],
    ['you may 5 times'],
    ['the march 2014 report'],
    ['Marsh 12'],
    ['۵ آب'],
    ['November 14:30'],
    ['14 Novembers 2014'],
  ])('finds nothing in %j', (text) => {
    expect(dates(text)).toEqual([]);
  });
});

describe('findDates (a day and month without a year, in a dated document)', () => {
  const dated = (text: string, documentDate: string | null) => pairs(text, withoutOverlaps(findDates(text, { documentDate })));

  it.each([
    ['1 November', '2014-11-03', '2014-11-01'],
    ['28 December', '2015-01-03', '2014-12-28'],
    ['3 January', '2014-12-20', '2015-01-03'],
    ['Nov. 14', '2014-11-20', '2014-11-14'],
    ['14 June', '2014-12-01', '2014-06-14'],
    ['20 June', '2014-12-30', '2015-06-20'],
    ['22 Mehr', '2014-12-02', '2014-10-14'],
    ['۲۲ آذر', '2014-12-16', '2014-12-13'],
    ['15 Shahrivar', '2014-12-21', '2014-09-06'],
    ['11 Esfand', '2015-03-04', '2015-03-02'],
    ['29 Esfand', '2015-03-25', '2015-03-20'],
    ['1 Farvardin', '2015-03-10', '2015-03-21'],
    ['10 Dey', '2015-01-19', '2014-12-31'],
    ['10 Dey', '2014-12-20', '2014-12-31'],
  ])('reads %j in a document of %s as %s', (written, documentDate, iso) => {
    expect(dated(`Met on ${written}, as planned.`, documentDate)).toEqual([[written, iso]]);
  });

  it('takes the middle of the month when the document date has no day', () => {
    expect(dated('on 30 December', '2015-01')).toEqual([['30 December', '2014-12-30']]);
    expect(dated('on 2 February', '2015-01')).toEqual([['2 February', '2015-02-02']]);
  });

  it('gives 29 February and 30 Esfand a year only when a leap year is near', () => {
    expect(dated('on 29 February', '2016-01-10')).toEqual([['29 February', '2016-02-29']]);
    expect(dated('on 29 February', '2015-02-10')).toEqual([['29 February', '--02-29']]);
    expect(dated('on 30 Esfand', '2017-03-01')).toEqual([['30 Esfand', '2017-03-20']]);
    expect(dated('on 30 Esfand', '2015-03-01')).toEqual([['30 Esfand', undefined]]);
  });

  it('keeps the conventions without a usable document date', () => {
    for (const documentDate of [null, '', '2014', 'yesterday', '2014-13-01', '2014-02-30']) {
      expect(dated('on 1 November and 22 Mehr', documentDate)).toEqual([
        ['1 November', '--11-01'],
        ['22 Mehr', undefined],
      ]);
    }
  });

  it('leaves dates with a year as written', () => {
    expect(dated('14 November 2014, 23 Aban 1393, November 2012', '2019-05-01')).toEqual([
      ['14 November 2014', '2014-11-14'],
      ['23 Aban 1393', '2014-11-14'],
      ['November 2012', '2012-11'],
    ]);
  });
});
