// The Solar Hijri (Persian) calendar beside the Gregorian one, for showing dates and reading typed ones.
// The same arithmetic rule as the server's importer (server/pipeline/dates.ts; a test holds them together).

const DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;
const MARKS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Persian and Arabic-Indic digits as ASCII, direction marks dropped. */
export function asciiDigits(text: string): string {
  return text.replace(MARKS, '').replace(DIGITS, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

export function isSolarHijriLeapYear(year: number): boolean {
  return (((25 * year + 11) % 33) + 33) % 33 < 8;
}

export function solarHijriMonthLength(year: number, month: number): number {
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return isSolarHijriLeapYear(year) ? 30 : 29;
}

function leapYearsBefore(year: number): number {
  const completed = year - 1;
  let count = Math.floor(completed / 33) * 8;
  for (let y = Math.floor(completed / 33) * 33 + 1; y <= completed; y += 1) if (isSolarHijriLeapYear(y)) count += 1;
  return count;
}

const DAY = 86_400_000;
const daysBefore = (year: number) => 365 * (year - 1) + leapYearsBefore(year);
// Anchored on a known pair: 1 Farvardin 1394 was 21 March 2015.
const EPOCH = Date.UTC(2015, 2, 21) / DAY - daysBefore(1394);

function epochDay(year: number, month: number, day: number): number {
  const dayOfYear = month <= 7 ? (month - 1) * 31 : 186 + (month - 7) * 30;
  return EPOCH + daysBefore(year) + dayOfYear + day - 1;
}

/** 1393, 8, 12 → "2014-11-03". */
export function solarHijriToIso(year: number, month: number, day: number): string {
  return new Date(epochDay(year, month, day) * DAY).toISOString().slice(0, 10);
}

/** "2014-11-03" → [1393, 8, 12]. */
export function isoToSolarHijri(iso: string): [number, number, number] | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const target = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY;
  let year = Number(match[1]) - 621;
  if (epochDay(year, 1, 1) > target) year -= 1;
  let month = 12;
  while (month > 1 && epochDay(year, month, 1) > target) month -= 1;
  return [year, month, target - epochDay(year, month, 1) + 1];
}

// Latin transliterations and Persian names of the Solar Hijri months, as the importer reads them.
const MONTH_NAMES =
  /\b(?:farvardin|ordibehesht|khordad|tir|a?mordad|shahrivar|mehr|aban|azar|dey|dei|bahman|esfand|isfand)\b|فروردین|اردیبهشت|خرداد|تیر|ا?مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند/iu;

/** Whether a date as a document writes it is in the Solar Hijri calendar: a year 1200–1599 or a Persian month. */
export function isSolarHijriText(text: string | null | undefined): boolean {
  if (!text) return false;
  const plain = asciiDigits(text).replace(/\u064A/g, '\u06CC');
  const year = /(?:^|\D)(1[2-5]\d\d)(?:\D|$)/.test(plain);
  return year && (MONTH_NAMES.test(plain) || /^\s*1[2-5]\d\d\s*[-/.]/.test(plain) || /[-/.]\s*1[2-5]\d\d\s*$/.test(plain));
}

export type DateInput = { iso: string; calendar: 'gregorian' | 'solar_hijri' } | { error: string };

const TYPED = /^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?$/;

/**
 * A date typed in a date field, in either calendar (2014-11-03 or 1393/08/12, Persian digits too;
 * a year or a month alone), as the full Gregorian day the range starts (`from`) or ends (`to`) on.
 */
export function readDateInput(text: string, bound: 'from' | 'to'): DateInput {
  const match = TYPED.exec(asciiDigits(text).trim());
  if (!match) return { error: 'Write a date as 2014-11-03 or, in the Solar Hijri calendar, 1393/08/12.' };
  const year = Number(match[1]);
  const month = match[3] === undefined ? undefined : Number(match[3]);
  const day = match[4] === undefined ? undefined : Number(match[4]);
  if (month !== undefined && (month < 1 || month > 12)) return { error: `There is no month ${month}: months run from 1 to 12.` };
  const hijri = year < 1600;
  if (hijri && year < 1) return { error: 'Write a year such as 2014 or 1393.' };
  const m = month ?? (bound === 'from' ? 1 : 12);
  const length = hijri ? solarHijriMonthLength(year, m) : new Date(Date.UTC(year, m, 0)).getUTCDate();
  if (day !== undefined && (day < 1 || day > length)) return { error: `There is no day ${day} in that month: it has ${length} days.` };
  const d = day ?? (bound === 'from' ? 1 : length);
  if (hijri) return { iso: solarHijriToIso(year, m, d), calendar: 'solar_hijri' };
  return { iso: `${match[1]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, calendar: 'gregorian' };
}

/** "2014-11-03" → "1393/08/12", for showing a Gregorian day in the other calendar. */
export function solarHijriLabel(iso: string): string {
  const parts = isoToSolarHijri(iso);
  if (!parts) return '';
  const [year, month, day] = parts;
  return `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
}
