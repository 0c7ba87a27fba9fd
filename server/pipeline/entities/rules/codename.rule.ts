// Code names, as type `codename`. Cables introduce them in a few fixed ways, and only those are read:
// - a numbered source or agent: `Source 126674`, `agent 4512`, `منبع ۱۲۶۶۷۴` — the mention is the whole
//   phrase, its value the canonical `source 126674` in any script (so the Persian and English cables meet);
// - a name after an introducing phrase: `codenamed Blue Lantern`, `code-named "Falcon"`, `the codename
//   "Paper Kite"`, `cover name Orchard`, `known as "Walnut"` (quotes required there), `با نام رمز «باغ»`;
// - a quoted name in parentheses, `("Date Palm")`, and the name in parentheses after a numbered source,
//   `Source 126674 (Falconer)`, `منبع ۲۷۵۱۱۸ (باغ)`; the name before one, `Walnut (Source 509318)`;
// - an officer's quoted pseudonym: `Case officer "Sohrab"`, `Head of station "Arvand"`.
// The mention of a name is the name itself, without quotes or the introducing words.
import type { FoundMention } from '../entity.types.ts';
import { readInteger, DIGIT } from './numbers.ts';
import { matchesAfter, NOT_BEFORE_WORD, ruleMention } from './rule-mention.ts';

const SOURCE_WORDS: Record<string, string> = {
  source: 'source',
  agent: 'agent',
  asset: 'asset',
  informant: 'informant',
  منبع: 'source',
  مصدر: 'source',
  المصدر: 'source',
  مأمور: 'agent',
};
// Title, lower or upper case, spelled out, so the names around it can stay case-sensitive.
const SOURCE_WORD = ['source', 'agent', 'asset', 'informant']
  .flatMap((word) => [`[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`, word.toUpperCase()])
  .concat(['منبع', 'المصدر', 'مصدر', 'مأمور'])
  .join('|');
const NUMBERED_SOURCE = `(?<word>${SOURCE_WORD})(?:\\s?(?:[Nn]o\\.?|NO\\.?|[Nn]umber|#|شماره))?\\s{1,3}(?<number>${DIGIT}{3,9})${NOT_BEFORE_WORD}(?![.,/-]${DIGIT})`;
const NUMBERED = new RegExp(NUMBERED_SOURCE, 'gu');

// A name of one to four words: capitalised Latin words (with "of", "the", "al-" allowed inside), or
// Persian/Arabic words (which have no case). Quotes around it are not part of the mention.
const LATIN_WORD = "[A-Z][\\p{Ll}'’]{1,20}|[A-Z]{2,20}";
const LATIN_NAME = `(?:${LATIN_WORD})(?:[ -](?:(?:of|the|al|el|de)[ -])?(?:${LATIN_WORD})){0,3}`;
const SCRIPT_NAME = '[\\p{Script=Arabic}]{2,20}(?:[ \\u200C][\\p{Script=Arabic}]{2,20}){0,3}';
const NAME = `(?:${LATIN_NAME}|${SCRIPT_NAME})`;
const OPEN = '["“«\u2018\']';
const CLOSE = '["”»\u2019\']';
const QUOTED = `${OPEN}(?<quoted>${NAME})${CLOSE}`;
// Unquoted, a name ends where the capitals do, so it must be in Title Case: in ALL-CAPS text
// ("CODENAMED BLUE LANTERN REPORTED") nothing tells where it ends, and only a quoted name is read.
const TITLE_WORD = "[A-Z][\\p{Ll}'’]{1,20}";
const BARE = `(?<bare>${TITLE_WORD}(?:[ -](?:(?:of|the|al|el|de)[ -])?${TITLE_WORD}){0,3})${NOT_BEFORE_WORD}`;

const INTRODUCED = new RegExp(
  `(?:(?:[Cc]ode|[Cc]over)[- ]?named|(?:[Cc]ode|[Cc]over)[- ]?name|[Cc]ryptonym|[Pp]seudonym|[Aa]lias|(?:CODE|COVER)[- ]?NAMED?|CRYPTONYM|PSEUDONYM|ALIAS)[:,]?\\s{1,3}(?:${QUOTED}|${BARE})`,
  'gu',
);
const KNOWN_AS = new RegExp(`(?:[Kk]nown as|KNOWN AS)\\s{1,3}${QUOTED}`, 'gu');
const PERSIAN_INTRODUCED = new RegExp(`(?:نام رمز|اسم رمز|نام مستعار|الاسم الرمزي)\\s{0,3}${QUOTED}`, 'gu');
const PARENTHESISED = new RegExp(`\\(\\s?${QUOTED}\\s?\\)`, 'gu');
const OFFICER = new RegExp(
  `(?:[Cc]ase officer|[Hh]ead of station|[Ss]tation chief|[Hh]andler|[Oo]fficer|افسر پرونده|رئیس ایستگاه)\\s{1,3}${QUOTED}`,
  'gu',
);
const AFTER_SOURCE = new RegExp(`${NUMBERED_SOURCE}\\s{0,3}\\(\\s?(?<name>${NAME})\\s?\\)`, 'gu');
const NOT_A_NAME = new Set('The A An In On At And But To For Of By With From Paid Mr Mrs'.split(' '));
const BEFORE_SOURCE = new RegExp(`(?<name>${LATIN_NAME})\\s{0,3}\\(\\s?(?:${NUMBERED_SOURCE})\\s?\\)`, 'gu');

export function findCodenames(text: string): FoundMention[] {
  const found: FoundMention[] = [];
  for (const match of matchesAfter(NUMBERED, text)) {
    const { word, number } = match.groups!;
    // "the open source 2014 release": a year is not a source number.
    if (isYear(number!)) continue;
    const value = `${SOURCE_WORDS[word!.toLowerCase()] ?? 'source'} ${readInteger(number!)}`;
    found.push(ruleMention('codename', text, match.index!, match.index! + match[0].length, value));
  }
  for (const pattern of [INTRODUCED, KNOWN_AS, PERSIAN_INTRODUCED, PARENTHESISED, OFFICER]) {
    for (const match of matchesAfter(pattern, text)) {
      const name = match.groups!.quoted ?? match.groups!.bare!;
      addName(found, text, match.index! + match[0].lastIndexOf(name), name);
    }
  }
  for (const match of matchesAfter(AFTER_SOURCE, text)) {
    if (isYear(match.groups!.number!)) continue;
    const name = match.groups!.name!;
    addName(found, text, match.index! + match[0].lastIndexOf(name), name);
  }
  for (const match of matchesAfter(BEFORE_SOURCE, text)) {
    if (isYear(match.groups!.number!)) continue;
    addName(found, text, match.index!, match.groups!.name!);
  }
  return found;
}

function isYear(number: string): boolean {
  const value = readInteger(number);
  return number.length === 4 && ((value >= 1900 && value <= 2099) || (value >= 1300 && value <= 1499));
}

function addName(found: FoundMention[], text: string, start: number, name: string): void {
  // Sentence words that happen to be capitalised are dropped from the front: "In Basra Orchard" keeps no "In".
  const words = name.split(/(?<=[ -])/);
  while (words.length > 1 && NOT_A_NAME.has(words[0]!.trim().replace(/-$/, ''))) start += words.shift()!.length;
  const kept = words.join('');
  if (NOT_A_NAME.has(kept)) return;
  found.push(ruleMention('codename', text, start, start + kept.length));
}
