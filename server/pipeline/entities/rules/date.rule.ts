// Dates as cables and reports write them, normalised to ISO Gregorian.
//
// Value conventions (precision is never invented, as in server/pipeline/dates.ts):
// - a full date → `YYYY-MM-DD` (Solar Hijri dates are converted: `23 Aban 1393` → `2014-11-14`);
// - a month and year → `YYYY-MM`; a Solar Hijri month straddles two Gregorian ones, so `Aban 1393`
//   gives only the Gregorian year both ends agree on (`2014`), or no value;
// - a Gregorian day and month without a year → `--MM-DD` (the ISO 8601 / XML Schema gMonthDay form);
// - a Solar Hijri day and month without a year → no value: its Gregorian day depends on the year.
// Year-first numeric dates are Solar Hijri when the year is 1300–1499 (`1393/08/23`) and Gregorian
// when it is 1900–2199 (`2014/11/14`); other years are not dates (`2014-0388` in a reference is not).
// Day-first numeric dates (`14.11.2014`) are read day first unless only month-first makes sense.
import type { FoundMention } from '../entity.types.ts';
import { isJalaliLeapYear, jalaliToGregorian, parseDate } from '../../dates.ts';
import { lookupMonth, MONTH_SOURCE, type Calendar } from './month-names.ts';
import { DIGIT, readInteger } from './numbers.ts';
import { NOT_AFTER_WORD, NOT_BEFORE_WORD, ruleMention } from './rule-mention.ts';

interface Parts {
  calendar: Calendar;
  year?: number;
  month: number;
  day?: number;
}

const DAY = `(?<day>${DIGIT}{1,2})(?:st|nd|rd|th)?`;
const MONTH = `(?<month>${MONTH_SOURCE})`;
const YEAR = `(?<year>${DIGIT}{4})`;
// A number glued to other digits or separators belongs to something else: a phone, a reference, a range.
const NUMERIC_START = '(?<![\\p{L}\\p{N}\\-/.+:])';
const NUMERIC_END = `(?=$|[^\\p{L}\\p{N}]|T${DIGIT})(?![-/.]${DIGIT})`;

const NAMED: readonly RegExp[] = [
  // 14 November 2014, 14 Nov. 2014, 14-Nov-2014, 23 Aban 1393, ۲۳ آبان ۱۳۹۳
  new RegExp(`${NOT_AFTER_WORD}${DAY}[\\s-]{1,3}${MONTH}[\\s,-]{1,3}${YEAR}${NOT_BEFORE_WORD}`, 'gu'),
  // November 14, 2014 and Nov. 14th 2014
  new RegExp(`${NOT_AFTER_WORD}${MONTH}\\s{1,3}${DAY},?\\s{1,3}${YEAR}${NOT_BEFORE_WORD}`, 'gu'),
  // November 2014, Aban 1393
  new RegExp(`${NOT_AFTER_WORD}${MONTH},?\\s{1,3}${YEAR}${NOT_BEFORE_WORD}`, 'gu'),
  // Nov. 14 (no year): not before a time or another number
  new RegExp(`${NOT_AFTER_WORD}${MONTH}\\s{1,3}${DAY}${NOT_BEFORE_WORD}(?![.:,]?${DIGIT})`, 'gu'),
  // 14 November, ۱۱ اسفند (no year)
  new RegExp(`${NOT_AFTER_WORD}${DAY}\\s{1,3}${MONTH}${NOT_BEFORE_WORD}`, 'gu'),
];

const YEAR_FIRST = new RegExp(
  `${NUMERIC_START}(?<year>${DIGIT}{4})(?<sep>[-/.])(?<month>${DIGIT}{1,2})\\k<sep>(?<day>${DIGIT}{1,2})${NUMERIC_END}`,
  'gu',
);
const DAY_FIRST = new RegExp(
  `${NUMERIC_START}(?<first>${DIGIT}{1,2})(?<sep>[-/.])(?<second>${DIGIT}{1,2})\\k<sep>(?<year>${DIGIT}{4})${NUMERIC_END}`,
  'gu',
);

export function findDates(text: string): FoundMention[] {
  const found: FoundMention[] = [];
  const add = (match: RegExpMatchArray, parts: Parts | null): void => {
    if (parts === null) return;
    const start = match.index!;
    found.push(ruleMention('date', text, start, start + match[0].length, isoValue(parts)));
  };
  for (const pattern of NAMED) {
    for (const match of text.matchAll(pattern)) add(match, namedParts(match.groups!));
  }
  for (const match of text.matchAll(YEAR_FIRST)) add(match, yearFirstParts(match.groups!));
  for (const match of text.matchAll(DAY_FIRST)) add(match, dayFirstParts(match.groups!));
  return found;
}

function calendarOfYear(year: number): Calendar | null {
  if (year >= 1900 && year <= 2199) return 'gregorian';
  if (year >= 1300 && year <= 1499) return 'jalali';
  return null;
}

function namedParts(groups: Record<string, string | undefined>): Parts | null {
  const name = lookupMonth(groups.month!);
  if (!name) return null;
  const year = groups.year === undefined ? undefined : readInteger(groups.year);
  if (year === undefined && name.needsYear) return null;
  if (year !== undefined && calendarOfYear(year) !== name.calendar) return null;
  const day = groups.day === undefined ? undefined : readInteger(groups.day);
  return validParts({ calendar: name.calendar, year, month: name.month, day });
}

function yearFirstParts(groups: Record<string, string | undefined>): Parts | null {
  const year = readInteger(groups.year!);
  const calendar = calendarOfYear(year);
  if (!calendar) return null;
  return validParts({ calendar, year, month: readInteger(groups.month!), day: readInteger(groups.day!) });
}

function dayFirstParts(groups: Record<string, string | undefined>): Parts | null {
  const year = readInteger(groups.year!);
  const calendar = calendarOfYear(year);
  if (!calendar) return null;
  const first = readInteger(groups.first!);
  const second = readInteger(groups.second!);
  // 11/14/2014 can only be American; 14/11/2014 and the ambiguous 03/11/2014 are read day first.
  const [day, month] = second > 12 && first <= 12 ? [second, first] : [first, second];
  return validParts({ calendar, year, month, day });
}

function monthLength(parts: Parts): number {
  const { calendar, year, month } = parts;
  if (calendar === 'jalali') {
    if (month <= 6) return 31;
    if (month <= 11) return 30;
    return year === undefined || isJalaliLeapYear(year) ? 30 : 29;
  }
  // Without a year, 29 February stays possible.
  return new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
}

function validParts(parts: Parts): Parts | null {
  if (parts.month < 1 || parts.month > 12) return null;
  if (parts.day !== undefined && (parts.day < 1 || parts.day > monthLength(parts))) return null;
  return parts;
}

const pad = (value: number): string => String(value).padStart(2, '0');

function isoValue({ calendar, year, month, day }: Parts): string | undefined {
  if (calendar === 'gregorian') {
    if (year === undefined) return day === undefined ? undefined : `--${pad(month)}-${pad(day)}`;
    return day === undefined ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
  }
  if (year === undefined) return undefined;
  if (day !== undefined) return jalaliToGregorian(year, month, day);
  // parseDate reads a year-first date below 1600 as Solar Hijri and keeps only the precision both ends share.
  return parseDate(`${year}/${month}`) ?? undefined;
}
