// Document references, as type `reference`:
// - hyphenated cable and file numbers such as the sample archive's `TRV-BGD-2014-0388`, `TRV-BSR-2015-0122-FA`
//   (capital letters, then at least two more hyphenated parts, one of them a number of three or more digits);
// - telegram-style cable numbers such as `14BAGHDAD1234` (two-digit year, office, serial);
// - any number a reference label introduces: `REF 2014/0412`, `Ref. No. 88/123`, `Our ref: A/12/345`,
//   `شماره: ۱۲۳/۴۵/۶` (the mention is the number, without the label).
// Value: the reference with ASCII digits and upper-case letters, so `trv-bgd-2014-0388` and `TRV-BGD-2014-0388` meet.
import type { FoundMention } from '../entity.types.ts';
import { asciiDigits, DIGIT } from './numbers.ts';
import { matchesAfter, ruleMention } from './rule-mention.ts';

const NOT_AFTER = /[\p{L}\p{N}\-/]/u;
const LETTER = /\p{L}/u;

const EDGE_AFTER = '(?![\\p{L}\\p{N}]|[-/][\\p{L}\\p{N}])';

const HYPHENATED = new RegExp(`[A-Z]{2,8}(?:-[A-Z0-9]{1,10}){2,6}${EDGE_AFTER}`, 'gu');
const TELEGRAM = new RegExp(`\\d{2}[A-Z]{4,14}\\d{1,6}${EDGE_AFTER}`, 'gu');
const LABEL =
  '(?:(?:our|your)\\s)?(?:ref(?:erence)?|ref\\.|file|serial|cable|dispatch)(?:\\.?\\s?(?:no|nr|number|#)\\.?)?|شماره|عطف|به شماره|رقم|المرجع';
const LABELLED = new RegExp(
  `(?:${LABEL})\\s{0,3}[:：#]?\\s{0,3}(?<number>[\\p{L}\\p{N}]{1,12}(?:[-/.][\\p{L}\\p{N}]{1,12}){1,6})${EDGE_AFTER}`,
  'giu',
);

function valueOf(reference: string): string {
  return asciiDigits(reference).toUpperCase();
}

export function findReferences(text: string): FoundMention[] {
  const found: FoundMention[] = [];
  for (const match of matchesAfter(HYPHENATED, text, NOT_AFTER)) {
    if (!/\d{3}/.test(match[0])) continue;
    const start = match.index!;
    found.push(ruleMention('reference', text, start, start + match[0].length, valueOf(match[0])));
  }
  for (const match of matchesAfter(TELEGRAM, text, NOT_AFTER)) {
    const start = match.index!;
    found.push(ruleMention('reference', text, start, start + match[0].length, valueOf(match[0])));
  }
  for (const match of matchesAfter(LABELLED, text, LETTER)) {
    const number = match.groups!.number!;
    // A reference carries a number: "Ref: see-below" does not count.
    if (!new RegExp(`${DIGIT}`, 'u').test(number)) continue;
    const start = match.index! + match[0].length - number.length;
    found.push(ruleMention('reference', text, start, start + number.length, valueOf(number)));
  }
  return found;
}
