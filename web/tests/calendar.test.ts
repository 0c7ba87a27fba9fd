import { describe, expect, it } from 'vitest';
import { jalaliToGregorian, parseDate } from '../../server/pipeline/dates.ts';
import {
  isoToSolarHijri,
  isSolarHijriText,
  readDateInput,
  solarHijriLabel,
  solarHijriMonthLength,
  solarHijriToIso,
} from '../src/lib/calendar.ts';
import { dateDisplay } from '../src/lib/format.ts';

describe('the Solar Hijri calendar in the web app', () => {
  it('agrees with the importer on every day from 1300 to 1500', () => {
    for (let year = 1300; year <= 1500; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        for (const day of [1, solarHijriMonthLength(year, month)]) {
          const iso = solarHijriToIso(year, month, day);
          expect(iso).toBe(jalaliToGregorian(year, month, day));
          expect(isoToSolarHijri(iso)).toEqual([year, month, day]);
        }
      }
    }
  });

  it('tells Solar Hijri dates as documents write them from Gregorian ones', () => {
    for (const text of ['۳۰ مرداد ۱۳۹۳', '30 Mordad 1393', '1393/05/30', '۱۳۹۳/۰۵/۳۰', '12 Aban 1393', 'دي ۱۳۹۳']) {
      expect(isSolarHijriText(text), text).toBe(true);
      expect(parseDate(text) === null || /^20\d\d/.test(parseDate(text)!)).toBe(true);
    }
    for (const text of ['2014-08-21', '3 November 2014', 'Tue, 21 Aug 2014 10:00:00 +0300', '1400 hours, 3 Nov 2014', null]) {
      expect(isSolarHijriText(text), String(text)).toBe(false);
    }
  });

  it('shows a Solar Hijri date as written with the Gregorian beside it, a Gregorian one formatted', () => {
    expect(dateDisplay('2014-08-21', '۳۰ مرداد ۱۳۹۳')).toEqual({ written: '۳۰ مرداد ۱۳۹۳', gregorian: '21 Aug 2014', solarHijri: true });
    expect(dateDisplay('2014-11-03', '3 November 2014')).toEqual({ written: null, gregorian: '3 Nov 2014', solarHijri: false });
    expect(dateDisplay(null, 'sometime in spring')).toEqual({ written: 'sometime in spring', gregorian: null, solarHijri: false });
  });

  it('reads a typed date in either calendar as the Gregorian day a range starts or ends on', () => {
    expect(readDateInput('1393/08/01', 'from')).toEqual({ iso: '2014-10-23', calendar: 'solar_hijri' });
    expect(readDateInput('۱۳۹۳/۰۸', 'to')).toEqual({ iso: '2014-11-21', calendar: 'solar_hijri' });
    expect(readDateInput('2014', 'to')).toEqual({ iso: '2014-12-31', calendar: 'gregorian' });
    expect(readDateInput('2016-02', 'to')).toEqual({ iso: '2016-02-29', calendar: 'gregorian' });
    expect(readDateInput('2014-11-03', 'from')).toEqual({ iso: '2014-11-03', calendar: 'gregorian' });
    expect(readDateInput('1393/07/31', 'from')).toEqual({ error: 'There is no day 31 in that month: it has 30 days.' });
    expect(readDateInput('3/11/2014', 'from')).toEqual({
      error: 'Write a date as 2014-11-03 or, in the Solar Hijri calendar, 1393/08/12.',
    });
    expect(readDateInput('2014-13', 'from')).toEqual({ error: 'There is no month 13: months run from 1 to 12.' });
    expect(solarHijriLabel('2014-11-03')).toBe('1393/08/12');
  });
});
