// Turns the many ways a date is written in archive documents into a sortable ISO prefix.
// Precision is never invented: a day is only returned when the source states one.
// Dates are read as written, without time-zone conversion: "2014-11-03T23:30-05:00" is
// 3 November where the author was, and that is the date a reader of the document expects.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

// Persian solar months, in the common Latin transliterations and in Persian script.
const JALALI_MONTHS: readonly (readonly string[])[] = [
  ['farvardin', 'فروردین'],
  ['ordibehesht', 'اردیبهشت'],
  ['khordad', 'خرداد'],
  ['tir', 'تیر'],
  ['mordad', 'amordad', 'مرداد', 'امرداد'],
  ['shahrivar', 'شهریور'],
  ['mehr', 'مهر'],
  ['aban', 'آبان'],
  ['azar', 'آذر'],
  ['dey', 'dei', 'دی'],
  ['bahman', 'بهمن'],
  ['esfand', 'isfand', 'اسفند'],
];

// Year-first numeric dates below this are Jalali: leak archives hold no Gregorian documents
// that old, while Iranian documents routinely carry Jalali years in the 1300s and 1400s.
const JALALI_YEAR_LIMIT = 1600;

interface DateParts {
  year: number;
  month?: number;
  day?: number;
  jalali: boolean;
}

/** Returns `YYYY-MM-DD`, `YYYY-MM` or `YYYY` for a written date, or null when it cannot be read. */
export function parseDate(text: string | undefined): string | null {
  if (text === undefined) return null;
  const normalised = normaliseScript(text).trim().replace(/\s+/g, ' ');
  if (normalised === '') return null;
  const parts = readNumeric(normalised) ?? readNamedMonth(normalised);
  if (parts === null) return null;
  return parts.jalali ? formatJalali(parts) : formatGregorian(parts);
}

function normaliseScript(text: string): string {
  // Persian (U+06F0…) and Arabic-Indic (U+0660…) digits both appear in Iranian documents,
  // month names are often typed with the Arabic yeh/kaf instead of the Persian letters, and
  // right-to-left text carries invisible direction marks around numbers.
  return text
    .normalize('NFC')
    .replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (digit) => {
      const code = digit.charCodeAt(0);
      return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
    })
    .replace(/\u064A/g, '\u06CC')
    .replace(/\u0643/g, '\u06A9');
}

const NUMERIC = /^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?(?=$|[T\s,])/;
// PDF info dictionaries write dates as D:YYYYMMDDHHmmSS…
const PDF_DATE = /^D:(\d{4})(\d{2})?(\d{2})?/;

function readNumeric(text: string): DateParts | null {
  const pdf = PDF_DATE.exec(text);
  const match = pdf ? [pdf[0], pdf[1], '', pdf[2], pdf[3]] : NUMERIC.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const parts: DateParts = { year, jalali: year < JALALI_YEAR_LIMIT };
  if (match[3] !== undefined) parts.month = Number(match[3]);
  if (match[4] !== undefined) parts.day = Number(match[4]);
  return parts;
}

// Optional weekday, then "3 November 2014" / "3rd Nov. 2014" / "12 Aban 1393" (also RFC 2822),
// "November 3, 2014" / "Nov 3rd 2014", or "November 2014".
const DAY_FIRST = /^(?:[^\d,]+,?\s)?(\d{1,2})(?:st|nd|rd|th)?[\s-]([^\d\s.,-]+)\.?[\s-](\d{4}|\d{2})(?=$|[\s,])/iu;
const MONTH_FIRST = /^(?:[^\d,]+,\s)?([^\d\s.,]+)\.?\s(\d{1,2})(?:st|nd|rd|th)?,?\s(\d{4})(?=$|[\s,])/iu;
const MONTH_YEAR = /^([^\d\s.,]+)\.?,?\s(\d{4})$/iu;

function readNamedMonth(text: string): DateParts | null {
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return fromNames(dayFirst[2], dayFirst[3], dayFirst[1]);
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) return fromNames(monthFirst[1], monthFirst[3], monthFirst[2]);
  const monthYear = MONTH_YEAR.exec(text);
  if (monthYear) return fromNames(monthYear[1], monthYear[2], undefined);
  return null;
}

function fromNames(monthName = '', yearText = '', dayText: string | undefined): DateParts | null {
  const name = monthName.toLowerCase();
  const day = dayText === undefined ? undefined : Number(dayText);
  const jalaliMonth = JALALI_MONTHS.findIndex((names) => names.includes(name));
  if (jalaliMonth >= 0 && yearText.length === 4) {
    return { year: Number(yearText), month: jalaliMonth + 1, day, jalali: true };
  }
  // Three letters or the full name: "Nov", "November" (and "Sept").
  const month = name.length >= 3 ? MONTHS.findIndex((full) => full.startsWith(name.replace(/^sept$/, 'sep'))) : -1;
  if (month < 0) return null;
  return { year: expandYear(yearText), month: month + 1, day, jalali: false };
}

// RFC 2822 obsolete syntax: two-digit years 00–49 are 20xx, 50–99 are 19xx.
function expandYear(yearText: string): number {
  const year = Number(yearText);
  if (yearText.length !== 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function formatGregorian({ year, month, day }: DateParts): string | null {
  if (month === undefined) return pad(year, 4);
  if (month < 1 || month > 12) return null;
  if (day === undefined) return `${pad(year, 4)}-${pad(month)}`;
  if (day < 1 || day > gregorianMonthLength(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function gregorianMonthLength(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// A Jalali month or year straddles two Gregorian ones, so without a day only the part both
// ends agree on is known (a Jalali month usually pins down the Gregorian year, never the month).
function formatJalali({ year, month, day }: DateParts): string | null {
  if (month === undefined || month < 1 || month > 12) return null;
  if (day !== undefined) {
    if (day < 1 || day > jalaliMonthLength(year, month)) return null;
    return isoFromEpochDay(jalaliToEpochDay(year, month, day));
  }
  const first = isoFromEpochDay(jalaliToEpochDay(year, month, 1));
  const last = isoFromEpochDay(jalaliToEpochDay(year, month, jalaliMonthLength(year, month)));
  return first.slice(0, 4) === last.slice(0, 4) ? first.slice(0, 4) : null;
}

/**
 * Arithmetic (33-year cycle) leap rule for the Persian solar calendar. The official calendar is
 * astronomical and can drift from this rule by a day in rare years far from the present; for
 * the modern period archives cover, the two agree (the tests pin known pairs).
 */
export function isJalaliLeapYear(year: number): boolean {
  return (((25 * year + 11) % 33) + 33) % 33 < 8;
}

function jalaliMonthLength(year: number, month: number): number {
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return isJalaliLeapYear(year) ? 30 : 29;
}

// Leap years among 1 … year-1, using whole 33-year cycles (8 leap years each) plus the remainder.
function jalaliLeapYearsBefore(year: number): number {
  const completed = year - 1;
  let count = Math.floor(completed / 33) * 8;
  for (let y = Math.floor(completed / 33) * 33 + 1; y <= completed; y += 1) {
    if (isJalaliLeapYear(y)) count += 1;
  }
  return count;
}

function jalaliDaysBeforeYear(year: number): number {
  return 365 * (year - 1) + jalaliLeapYearsBefore(year);
}

function epochDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

// Anchored on a known pair (1 Farvardin 1394 = 21 March 2015) rather than a bare magic number.
const JALALI_EPOCH_OFFSET = epochDay(2015, 3, 21) - jalaliDaysBeforeYear(1394);

/** Days since 1970-01-01 for a Jalali date. */
function jalaliToEpochDay(year: number, month: number, day: number): number {
  const dayOfYear = month <= 7 ? (month - 1) * 31 : 186 + (month - 7) * 30;
  return JALALI_EPOCH_OFFSET + jalaliDaysBeforeYear(year) + dayOfYear + day - 1;
}

function isoFromEpochDay(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** Converts a Jalali (Persian solar) date to an ISO Gregorian date string. */
export function jalaliToGregorian(year: number, month: number, day: number): string {
  return isoFromEpochDay(jalaliToEpochDay(year, month, day));
}

export type DateBound = 'from' | 'to';

export type DateBoundResult = { iso: string; calendar: 'gregorian' | 'solar_hijri' } | { error: string };

const BOUND = /^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?$/;

/**
 * A date typed as a filter bound, in either calendar: `2014`, `2014-11` or `2014-11-03` (Gregorian,
 * kept at the precision typed), or `1393`, `1393/08` or `1393/08/12` (Solar Hijri, year below 1600,
 * Persian or Arabic-Indic digits too). A Solar Hijri year or month straddles Gregorian ones, so it
 * becomes the Gregorian day it starts on (`from`) or ends on (`to`). Errors are sentences to show.
 */
export function parseDateBound(text: string, bound: DateBound): DateBoundResult {
  const match = BOUND.exec(normaliseScript(text).trim());
  if (!match) {
    return {
      error: `"${text}" is not a date: write it as 2014-11-03 (Gregorian) or 1393/08/12 (Solar Hijri), or just the year or the month.`,
    };
  }
  const year = Number(match[1]);
  const month = match[3] === undefined ? undefined : Number(match[3]);
  const day = match[4] === undefined ? undefined : Number(match[4]);
  return year < JALALI_YEAR_LIMIT ? solarHijriBound(text, year, month, day, bound) : gregorianBound(text, year, month, day);
}

function gregorianBound(text: string, year: number, month?: number, day?: number): DateBoundResult {
  if (month !== undefined && (month < 1 || month > 12)) return { error: `"${text}" has no month ${month}: months run from 1 to 12.` };
  if (month !== undefined && day !== undefined && (day < 1 || day > gregorianMonthLength(year, month))) {
    return { error: `"${text}" has no day ${day}: that month has ${gregorianMonthLength(year, month)} days.` };
  }
  const iso = formatGregorian({ year, month, day, jalali: false });
  return iso === null ? { error: `"${text}" is not a date.` } : { iso, calendar: 'gregorian' };
}

function solarHijriBound(
  text: string,
  year: number,
  month: number | undefined,
  day: number | undefined,
  bound: DateBound,
): DateBoundResult {
  if (year < 1) return { error: `"${text}" has no year: write a year such as 1393.` };
  if (month !== undefined && (month < 1 || month > 12)) {
    return { error: `"${text}" has no month ${month}: Solar Hijri months run from 1 (Farvardin) to 12 (Esfand).` };
  }
  if (month !== undefined && day !== undefined && (day < 1 || day > jalaliMonthLength(year, month))) {
    return { error: `"${text}" has no day ${day}: that Solar Hijri month has ${jalaliMonthLength(year, month)} days.` };
  }
  const m = month ?? (bound === 'from' ? 1 : 12);
  const d = day ?? (bound === 'from' ? 1 : jalaliMonthLength(year, m));
  return { iso: jalaliToGregorian(year, m, d), calendar: 'solar_hijri' };
}

/**
 * The bounds that all apply at once: the latest start and the earliest end, comparing ISO prefixes
 * of any precision by the first and last day they cover ("2014" starts before "2014-03-21").
 */
export function narrowestRange(froms: ReadonlyArray<string | undefined>, tos: ReadonlyArray<string | undefined>) {
  const pick = (values: ReadonlyArray<string | undefined>, pad: string, later: boolean) =>
    values
      .filter((v): v is string => v !== undefined && v !== '')
      .reduce<string | undefined>((best, v) => {
        if (best === undefined) return v;
        const [a, b] = [v.padEnd(10, pad), best.padEnd(10, pad)];
        return (later ? a > b : a < b) ? v : best;
      }, undefined);
  return { from: pick(froms, '-00-00', true), to: pick(tos, '-99-99', false) };
}
