// Dates as cables and reports write them, normalised to ISO Gregorian.
//
// Value conventions (precision is never invented, as in server/pipeline/dates.ts):
// - a full date → `YYYY-MM-DD` (Solar Hijri dates are converted: `23 Aban 1393` → `2014-11-14`);
// - a month and year → `YYYY-MM`; a Solar Hijri month straddles two Gregorian ones, so `Aban 1393`
//   gives only the Gregorian year both ends agree on (`2014`), or no value;
// - a day and month without a year (`1 November`, `22 Mehr`, `۲۲ آذر`), when the document's own date is
//   known (RuleContext.documentDate): the occurrence of that day nearest to it, within half a year — a
//   cable of 2015-01-03 that says `28 December` means 2014-12-28;
// - without a document date, a Gregorian day and month → `--MM-DD` (the ISO 8601 / XML Schema gMonthDay
//   form), and a Solar Hijri one → no value: its Gregorian day depends on the year.
// Year-first numeric dates are Solar Hijri when the year is 1300–1499 (`1393/08/23`) and Gregorian
// when it is 1900–2199 (`2014/11/14`); other years are not dates (`2014-0388` in a reference is not).
// Day-first numeric dates (`14.11.2014`) are read day first unless only month-first makes sense.
import type { FoundMention } from '../entity.types.ts';
import { isJalaliLeapYear, jalaliToGregorian, parseDate } from '../../dates.ts';
import { lookupMonth, MONTH_SOURCE, type Calendar } from './month-names.ts';
import { DIGIT, readInteger } from './numbers.ts';
import { matchesAfter, NOT_BEFORE_WORD, ruleMention, type RuleContext } from './rule-mention.ts';

interface Parts {
  calendar: Calendar;
  year?: number;
  month: number;
  day?: number;
}

const DAY = `(?<day>${DIGIT}{1,2})(?:st|nd|rd|th)?`;
const YEAR = `(?<year>${DIGIT}{4})`;
// A number glued to other digits or separators belongs to something else: a phone, a reference, a range.
const NUMERIC_START = /[\p{L}\p{N}\-/.+:]/u;
const NUMERIC_END = `(?=$|[^\\p{L}\\p{N}]|T${DIGIT})(?![-/.]${DIGIT})`;

// Month names are found by one scan (a large alternation, without the u flag, which is twice as fast),
// and the day and year around each are read with anchored patterns: running five patterns that each
// begin with the month alternation cost five scans.
const MONTH_SCAN = new RegExp(MONTH_SOURCE, 'g');
// Before the month: "14 ", "14th ", "14-" (checked against the text end of a short slice).
const DAY_BEFORE = new RegExp(`${DAY}[\\s-]{1,3}$`, 'u');
// After the month: ", 2014" / " 2014" / "-2014".
const YEAR_AFTER = new RegExp(`[\\s,-]{1,3}${YEAR}${NOT_BEFORE_WORD}`, 'uy');
// After the month: " 14", " 14th", then maybe ", 2014"; without a year, not before a time or another number.
const DAY_AFTER = new RegExp(`\\s{1,3}${DAY}${NOT_BEFORE_WORD}(?:,?\\s{1,3}${YEAR}${NOT_BEFORE_WORD}|(?![.:,]?${DIGIT}))`, 'uy');
const WORD_CHAR = /[\p{L}\p{N}]/u;

const YEAR_FIRST = new RegExp(`(?<year>${DIGIT}{4})(?<sep>[-/.])(?<month>${DIGIT}{1,2})\\k<sep>(?<day>${DIGIT}{1,2})${NUMERIC_END}`, 'gu');
const DAY_FIRST = new RegExp(
  `(?<first>${DIGIT}{1,2})(?<sep>[-/.])(?<second>${DIGIT}{1,2})\\k<sep>(?<year>${DIGIT}{4})${NUMERIC_END}`,
  'gu',
);

export function findDates(text: string, context: RuleContext = {}): FoundMention[] {
  const found: FoundMention[] = [];
  const anchor = anchorDay(context.documentDate);
  const add = (start: number, end: number, parts: Parts | null): void => {
    if (parts !== null) found.push(ruleMention('date', text, start, end, isoValue(parts, anchor)));
  };
  for (const month of text.matchAll(MONTH_SCAN)) {
    const start = month.index!;
    const end = start + month[0].length;
    if (isWordAt(text, start - 1) || isWordAt(text, end)) continue;
    const name = month[0];
    const before = DAY_BEFORE.exec(text.slice(Math.max(0, start - 12), start));
    const dayStart = before ? start - before[0].length : -1;
    const day = before && !isWordAt(text, dayStart - 1) ? before.groups!.day : undefined;
    YEAR_AFTER.lastIndex = end;
    const year = YEAR_AFTER.exec(text);
    DAY_AFTER.lastIndex = end;
    const dayAfter = DAY_AFTER.exec(text);
    // Every reading is offered; the longest valid one wins when overlaps are resolved.
    if (day !== undefined && year) add(dayStart, YEAR_AFTER.lastIndex, namedParts(name, day, year.groups!.year));
    if (dayAfter) add(start, DAY_AFTER.lastIndex, namedParts(name, dayAfter.groups!.day, dayAfter.groups!.year));
    if (year) add(start, YEAR_AFTER.lastIndex, namedParts(name, undefined, year.groups!.year));
    if (day !== undefined) add(dayStart, end, namedParts(name, day, undefined));
  }
  for (const match of matchesAfter(YEAR_FIRST, text, NUMERIC_START))
    add(match.index!, match.index! + match[0].length, yearFirstParts(match.groups!));
  for (const match of matchesAfter(DAY_FIRST, text, NUMERIC_START))
    add(match.index!, match.index! + match[0].length, dayFirstParts(match.groups!));
  return found;
}

function isWordAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return WORD_CHAR.test(text[index]!);
}

function calendarOfYear(year: number): Calendar | null {
  if (year >= 1900 && year <= 2199) return 'gregorian';
  if (year >= 1300 && year <= 1499) return 'jalali';
  return null;
}

function namedParts(written: string, dayText: string | undefined, yearText: string | undefined): Parts | null {
  const name = lookupMonth(written);
  if (!name) return null;
  const year = yearText === undefined ? undefined : readInteger(yearText);
  if (year === undefined && name.needsYear) return null;
  if (year !== undefined && calendarOfYear(year) !== name.calendar) return null;
  const day = dayText === undefined ? undefined : readInteger(dayText);
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

function isoValue(parts: Parts, anchor: number | null = null): string | undefined {
  const { calendar, year, month, day } = parts;
  if (year === undefined && day !== undefined && anchor !== null) {
    const dated = nearestOccurrence(parts, anchor);
    if (dated !== undefined) return dated;
  }
  if (calendar === 'gregorian') {
    if (year === undefined) return day === undefined ? undefined : `--${pad(month)}-${pad(day)}`;
    return day === undefined ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
  }
  if (year === undefined) return undefined;
  if (day !== undefined) return jalaliToGregorian(year, month, day);
  // parseDate reads a year-first date below 1600 as Solar Hijri and keeps only the precision both ends share.
  return parseDate(`${year}/${month}`) ?? undefined;
}

const DAY_MS = 86_400_000;
// Half a year and a day: the nearest of three occurrences a year apart is always this close, unless a
// 29 February or a 30 Esfand leaves only leap years to choose from.
const MAX_DISTANCE_DAYS = 184;
const DOCUMENT_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** Days since 1970-01-01 of a document date (the middle of its month when only the month is known), or null. */
function anchorDay(documentDate: string | null | undefined): number | null {
  const match = documentDate ? DOCUMENT_DATE.exec(documentDate) : null;
  if (!match) return null;
  const parts = validParts({ calendar: 'gregorian', year: Number(match[1]), month: Number(match[2]), day: Number(match[3] ?? 15) });
  return parts === null ? null : Date.UTC(parts.year!, parts.month - 1, parts.day) / DAY_MS;
}

/** The ISO date of a year-less day and month nearest to the anchor day: the years around it are tried. */
function nearestOccurrence(parts: Parts, anchor: number): string | undefined {
  const anchorYear = new Date(anchor * DAY_MS).getUTCFullYear();
  // The Solar Hijri year begins in March, 621 or 622 years after the Gregorian one.
  const middle = parts.calendar === 'gregorian' ? anchorYear : anchorYear - 621;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const year of [middle - 1, middle, middle + 1]) {
    const dated = validParts({ ...parts, year });
    const iso = dated === null ? undefined : isoValue(dated);
    if (iso === undefined) continue;
    const distance = Math.abs(Date.parse(iso) / DAY_MS - anchor);
    if (distance < bestDistance) [best, bestDistance] = [iso, distance];
  }
  return bestDistance <= MAX_DISTANCE_DAYS ? best : undefined;
}
