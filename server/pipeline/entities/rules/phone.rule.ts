// Telephone numbers: international (+964 770 123 4567, 0098 21 8888 1234), Iraqi and Iranian mobiles
// written nationally (0770 123 4567, 09123456789, ۰۹۱۲ ۳۴۵ ۶۷۸۹), and any number a label introduces
// ("Tel: 01 717 1234", "تلفن: ۸۸۸۸۱۲۳۴"). Value: the digits, with "+" for an international number
// ("00" becomes "+"): `+9647701234567`, `07701234567`.
// A run of digits glued to letters, dashes or slashes is a reference or a date, never a phone.
import type { FoundMention } from '../entity.types.ts';
import { asciiDigits, DIGIT } from './numbers.ts';
import { matchesAfter, ruleMention } from './rule-mention.ts';

const START = /[\p{L}\p{N}+\-/.,:]/u;
const LETTER = /\p{L}/u;
const END = `(?![\\p{L}\\p{N}]|[-./,]${DIGIT})`;
// Digit groups after the first, each after exactly one space, dash or point. The separator is not
// optional: with optional separators a long run of digits could be split into groups in thousands of
// ways, and hostile text would make the matcher backtrack through all of them.
const TAIL = `(?:[ .\\-]${DIGIT}{1,12}){0,5}`;
const AREA = `(?:[ .\\-]?\\(${DIGIT}{1,4}\\))?`;

const INTERNATIONAL = new RegExp(
  `(?:\\+|00|\\u06F0\\u06F0|\\u0660\\u0660)(?![0\\u06F0\\u0660])${DIGIT}{1,3}${DIGIT}{0,12}${AREA}${TAIL}${END}`,
  'gu',
);
// Iraqi (07[3-9]…) and Iranian (09…) mobiles: eleven digits.
const MOBILE_PREFIX = `[0\\u06F0\\u0660][79\\u06F7\\u06F9\\u0667\\u0669]${DIGIT}{1,2}`;
const MOBILE = new RegExp(`(?:\\(${MOBILE_PREFIX}\\)\\s?|${MOBILE_PREFIX})${DIGIT}{0,12}${TAIL}${END}`, 'gu');
const LABEL = '(?:tel|phone|telephone|mobile|cell|fax|whatsapp|تلفن|تلفن همراه|موبایل|همراه|شماره تماس|هاتف|جوال|موبايل)';
const LABELLED_NUMBER = `\\+?(?:\\(${DIGIT}{1,5}\\)\\s?${DIGIT}{1,12}|${DIGIT}{1,15})${TAIL}`;
const LABELLED = new RegExp(`${LABEL}\\.?(?:\\s?(?:no|number)\\.?)?\\s{0,3}[:：]?\\s{0,3}(?<number>${LABELLED_NUMBER})${END}`, 'giu');

function digitsOf(written: string): string {
  return asciiDigits(written).replace(/\D/g, '');
}

// National significant lengths (digits after the country code) where the archive's countries fix them.
const NATIONAL_LENGTHS: Record<string, readonly number[]> = { '964': [8, 9, 10], '98': [10] };

function validInternational(digits: string): boolean {
  for (const [code, lengths] of Object.entries(NATIONAL_LENGTHS)) {
    if (digits.startsWith(code)) return lengths.includes(digits.length - code.length);
  }
  return digits.length >= 8 && digits.length <= 15;
}

/**
 * The longest run of whole digit groups at the start of `written` whose digits pass `valid`: a number
 * followed by an unrelated one ("+964 770 123 4567 12 times") keeps only its own groups.
 */
function longestValid(written: string, valid: (digits: string) => boolean): string | null {
  const cuts = [...written.matchAll(/(?<=\p{N}\)?)[ .-](?=\(?\p{N})/gu)].map((cut) => cut.index!);
  for (const end of [written.length, ...cuts.reverse()]) {
    const prefix = written.slice(0, end);
    if (valid(digitsOf(prefix))) return prefix;
  }
  return null;
}

export function findPhones(text: string): FoundMention[] {
  const found: FoundMention[] = [];
  const add = (start: number, written: string | null, international: boolean): void => {
    if (written === null) return;
    const digits = digitsOf(written).replace(/^00/, '');
    found.push(ruleMention('phone', text, start, start + written.length, international ? `+${digits}` : digits));
  };
  for (const match of matchesAfter(INTERNATIONAL, text, START)) {
    add(
      match.index!,
      longestValid(match[0], (digits) => validInternational(digits.replace(/^00/, ''))),
      true,
    );
  }
  for (const match of matchesAfter(MOBILE, text, START)) {
    add(
      match.index!,
      longestValid(match[0], (digits) => digits.length === 11 && !/^07[0-2]/.test(digits)),
      false,
    );
  }
  for (const match of matchesAfter(LABELLED, text, LETTER)) {
    const number = match.groups!.number!;
    const international = number.startsWith('+');
    const valid = (digits: string): boolean => (international ? validInternational(digits) : digits.length >= 6 && digits.length <= 15);
    add(match.index! + match[0].length - number.length, longestValid(number, valid), international);
  }
  return found;
}
