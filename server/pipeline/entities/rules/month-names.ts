// Month names as archive documents write them: English (full, abbreviated, Title or UPPER case), the
// Persian solar months in Latin transliteration and in Persian script, and the Gregorian months in
// Persian and Arabic script (Iraqi documents use the Syriac-derived names: كانون الثاني, شباط …).

export type Calendar = 'gregorian' | 'jalali';

export interface MonthName {
  calendar: Calendar;
  month: number;
  /** Names such as "آب" (also "water") or "مه" (also "fog") are read as months only when a year follows. */
  needsYear: boolean;
}

const ENGLISH: readonly (readonly string[])[] = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sept', 'sep'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];

const JALALI_LATIN: readonly (readonly string[])[] = [
  ['farvardin'],
  ['ordibehesht'],
  ['khordad'],
  ['tir'],
  ['mordad', 'amordad'],
  ['shahrivar'],
  ['mehr'],
  ['aban'],
  ['azar'],
  ['dey', 'dei'],
  ['bahman'],
  ['esfand', 'isfand'],
];

const JALALI_SCRIPT: readonly (readonly string[])[] = [
  ['فروردین'],
  ['اردیبهشت'],
  ['خرداد'],
  ['تیر'],
  ['مرداد', 'امرداد'],
  ['شهریور'],
  ['مهر'],
  ['آبان'],
  ['آذر'],
  ['دی'],
  ['بهمن'],
  ['اسفند'],
];

const GREGORIAN_SCRIPT: readonly (readonly string[])[] = [
  ['ژانویه', 'يناير', 'كانون الثاني'],
  ['فوریه', 'فبراير', 'شباط'],
  ['مارس', 'آذار'],
  ['آوریل', 'أبريل', 'نيسان'],
  ['مه', 'مى', 'مايو', 'أيار'],
  ['ژوئن', 'يونيو', 'حزيران'],
  ['ژوئیه', 'جولای', 'يوليو', 'تموز'],
  ['اوت', 'آگوست', 'أغسطس', 'آب'],
  ['سپتامبر', 'سبتمبر', 'أيلول'],
  ['اکتبر', 'أكتوبر', 'تشرين الأول'],
  ['نوامبر', 'نوفمبر', 'تشرين الثاني'],
  ['دسامبر', 'ديسمبر', 'كانون الأول'],
];

const NEEDS_YEAR = new Set(['مه', 'مى', 'آب', 'اب']);

/** The lookup key of a written month name: lower case, no final point, Arabic letter variants folded. */
export function monthKey(written: string): string {
  return written.toLowerCase().replace(/\.$/, '').replace(/\s+/g, ' ').replace(/[يى]/g, 'ی').replace(/ك/g, 'ک').replace(/[أإآ]/g, 'ا');
}

const BY_KEY = new Map<string, MonthName>();
function register(table: readonly (readonly string[])[], calendar: Calendar): void {
  table.forEach((names, index) => {
    for (const name of names) {
      const key = monthKey(name);
      BY_KEY.set(key, { calendar, month: index + 1, needsYear: NEEDS_YEAR.has(key) });
    }
  });
}
register(ENGLISH, 'gregorian');
register(JALALI_LATIN, 'jalali');
register(JALALI_SCRIPT, 'jalali');
register(GREGORIAN_SCRIPT, 'gregorian');

export function lookupMonth(written: string): MonthName | undefined {
  return BY_KEY.get(monthKey(written));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ABBREVIATIONS = new Set(ENGLISH.flatMap((names) => names.slice(1)));

// Latin names in Title or UPPER case only: a lower-case "may" or "march" is a verb far more often than a month.
function latinForms(name: string): string[] {
  const title = name[0]!.toUpperCase() + name.slice(1);
  // Abbreviations take an optional point ("Nov."); full names do not ("in May." ends a sentence).
  const suffix = ABBREVIATIONS.has(name) ? '\\.?' : '';
  return [title, name.toUpperCase()].map((form) => escape(form) + suffix);
}

// Script names match their common keyboard variants: Arabic yeh and kaf, alef with or without hamza or madda.
function scriptForm(name: string): string {
  return escape(name)
    .replace(/[یيى]/g, '[یيى]')
    .replace(/[کك]/g, '[کك]')
    .replace(/[أإآا]/g, '[أإآا]')
    .replace(/ /g, '\\s');
}

// Longest name first, so that "June" is tried before "Jun." (by the names' lengths, not their patterns').
function alternation(forms: string[]): string {
  const length = (form: string): number => form.replace(/\\\.\?$/, '').replace(/\[[^\]]*\]/g, '.').length;
  return [...new Set(forms)].sort((a, b) => length(b) - length(a)).join('|');
}

/** A regular-expression source matching any month name (not anchored, no capture group). */
export const MONTH_SOURCE = alternation([
  ...[...ENGLISH, ...JALALI_LATIN].flat().flatMap(latinForms),
  ...[...JALALI_SCRIPT, ...GREGORIAN_SCRIPT].flat().map(scriptForm),
]);
