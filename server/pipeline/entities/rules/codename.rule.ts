// Code names, as type `codename`. Cables introduce them in a few fixed ways, and only those are read:
// - a numbered source or agent: `Source 126674`, `agent 4512`, `منبع ۱۲۶۶۷۴` — the mention is the whole
//   phrase, its value the canonical `source 126674` in any script (so the Persian and English cables meet);
// - a name after an introducing phrase: `codenamed Blue Lantern`, `code-named "Falcon"`, `code-named
//   BLUE LANTERN`, `(codename: Falconer)`, `the codename "Paper Kite"`, `cover name Orchard`, `known as
//   "Walnut"` (quotes required there), `با نام رمز «باغ»`, `با نام رمز باغ`;
// - a name right after a source word: `source Falconer`, `the asset Orchard`, `our agent WALNUT`, `the
//   source known as Falconer`, `a contact called "Quince"`, `Source "Walnut"`, `منبع «باغ»`;
// - a quoted name in parentheses, `("Date Palm")`, and the name in parentheses after a numbered source,
//   `Source 126674 (Falconer)`, `منبع ۲۷۵۱۱۸ (باغ)`; the name before one, `Walnut (Source 509318)`;
// - an officer's quoted pseudonym: `Case officer "Sohrab"`, `Head of station "Arvand"`; the name a
//   receipt is signed with: `receipt signed "Copper Kettle"`.
// Then every later (and earlier) whole-word occurrence of an introduced name in the same text is one too
// (codename-spread.ts). The mention of a name is the name itself, without quotes or the introducing words.
// Unquoted names end where the capitals do; in text written all in capitals nothing tells where a name
// ends, so after a cue in capitals (`CODENAMED BLUE LANTERN REPORTED`) only a quoted name is read.
import type { FoundMention } from '../entity.types.ts';
import { readInteger, DIGIT } from './numbers.ts';
import { spreadCodenames } from './codename-spread.ts';
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
const TITLE_WORD = "[A-Z][\\p{Ll}'’]{1,20}";
const BARE = `(?<bare>${TITLE_WORD}(?:[ -](?:(?:of|the|al|el|de)[ -])?${TITLE_WORD}){0,3})${NOT_BEFORE_WORD}`;
// One or two words in capitals after a cue in ordinary case (`code-named BLUE LANTERN, a`); a third word
// in capitals leaves the end unknown, and nothing is read.
const CAPS = `(?<caps>[A-Z]{2,20}(?:[ -][A-Z]{2,20})?)${NOT_BEFORE_WORD}(?![ -]?[A-Z])`;

const CUE = '(?:[Cc]ode|[Cc]over)[- ]?named|(?:[Cc]ode|[Cc]over)[- ]?name|[Cc]ryptonym|[Pp]seudonym|[Aa]lias';
const CAPS_CUE = '(?:CODE|COVER)[- ]?NAMED?|CRYPTONYM|PSEUDONYM|ALIAS';
const INTRODUCED = new RegExp(`(?:${CUE})[:,]?\\s{1,3}(?:${QUOTED}|${BARE}|${CAPS})`, 'gu');
const INTRODUCED_IN_CAPS = new RegExp(`(?:${CAPS_CUE})[:,]?\\s{1,3}(?:${QUOTED}|${BARE})`, 'gu');
const KNOWN_AS = new RegExp(`(?:[Kk]nown as|KNOWN AS)\\s{1,3}${QUOTED}`, 'gu');
// After a source word the name may stand bare: `the source Falconer`, `asset ORCHARD`, `the source known as
// Falconer`; lower case only, so that a heading's "Source Reporting" is not a name. Quoted, any case:
// `Source "Falconer"`. The source words are found by one scan, and what follows by anchored patterns.
const SOURCE_WORD_SCAN = /[Ss]ource|SOURCE|[Aa]sset|ASSET|[Aa]gent|AGENT|[Ii]nformant|INFORMANT|contact/g;
const BARE_AFTER_SOURCE = new RegExp(` (?:${BARE}|${CAPS})`, 'uy');
// `called` only before a quoted name: "a contact called Karim" is likely his real name.
const KNOWN_AS_AFTER_SOURCE = new RegExp(
  `,?\\s(?:(?:now|also|internally|locally)\\s)?(?:(?:known|referred to) as|called(?=\\s${OPEN}))\\s(?:${QUOTED}|${BARE}|${CAPS})`,
  'uy',
);
const QUOTED_AFTER_SOURCE = new RegExp(`\\s{1,3}${QUOTED}`, 'uy');
// Sources sign for their payments with their cover names; a plain `signed "…"` may be a real name.
const SIGN_AS = '(?: as| with (?:the |his |her )?(?:code|cover)[- ]?name)';
const SIGNED = new RegExp(
  `(?:(?:[Rr]eceipt (?:was )?signed|signed (?:a |the )?receipt)${SIGN_AS}?|signed${SIGN_AS})\\s{1,3}${QUOTED}`,
  'gu',
);
const PERSIAN_CUE = '(?:نام رمز|اسم رمز|نام مستعار|الاسم الرمزي)';
const PERSIAN_INTRODUCED = new RegExp(`(?:${PERSIAN_CUE}|منبع|المصدر|مصدر|مأمور)\\s{0,3}${QUOTED}`, 'gu');
// Unquoted after a Persian cue, one word: a second one cannot be told from the sentence going on.
const PERSIAN_BARE = new RegExp(
  `${PERSIAN_CUE}\\s{1,3}(?<bare>(?:(?=\\p{L})\\p{Script=Arabic}){2,20})(?![\\p{L}\\p{M}\\p{N}\\u200C])`,
  'gu',
);
// Words that follow those cues in a sentence ("با نام رمز خود امضا کرد", he signed with his own code name).
const NOT_A_PERSIAN_NAME = new Set(
  'خود خودش خویش او وی آن این ایشان آنها را و در به از که با برای است بود شد نیز هم یک جدید جدیدی دیگر دیگری تازه چیست کیست چه'.split(' '),
);
// Before a bare name after a source word, only these may stand (or a possessive): "the shipping agent José
// Ferreira" and "an FBI agent" name a trade, not a cover.
const BEFORE_SOURCE_WORD = new Set(
  'the our their his her its a an this that same new former double registered and or with by from to of for as met paid told'.split(' '),
);
const PARENTHESISED = new RegExp(`\\(\\s?${QUOTED}\\s?\\)`, 'gu');
const OFFICER = new RegExp(
  `(?:[Cc]ase officer|[Hh]ead of station|[Ss]tation chief|[Hh]andler|[Oo]fficer|افسر پرونده|رئیس ایستگاه)\\s{1,3}${QUOTED}`,
  'gu',
);
const AFTER_SOURCE = new RegExp(`${NUMBERED_SOURCE}\\s{0,3}\\(\\s?(?<name>${NAME})\\s?\\)`, 'gu');
// Someone's agent is his representative, named by his real name: "his agent Audrey Wood".
const REPRESENTED = new Set(['his', 'her', 'their', 'its']);
const NOT_A_NAME = new Set('The A An In On At And But To For Of By With From Paid Mr Mrs Ms Dr Prof Sir'.split(' '));
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
  for (const pattern of [INTRODUCED, INTRODUCED_IN_CAPS, KNOWN_AS, SIGNED, PERSIAN_INTRODUCED, PARENTHESISED, OFFICER]) {
    for (const match of matchesAfter(pattern, text)) addIntroduced(found, text, match);
  }
  for (const match of matchesAfter(SOURCE_WORD_SCAN, text)) addAfterSourceWord(found, text, match.index, match[0]);
  for (const match of matchesAfter(PERSIAN_BARE, text)) {
    if (!NOT_A_PERSIAN_NAME.has(match.groups!.bare!)) addIntroduced(found, text, match);
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
  return [...found, ...spreadCodenames(text, found)];
}

/** The name a cue pattern matched (quoted, bare or in capitals), which ends the match. */
function addIntroduced(found: FoundMention[], text: string, match: RegExpExecArray): void {
  const { quoted, bare, caps } = match.groups!;
  const name = (quoted ?? bare ?? caps)!;
  addName(found, text, match.index! + match[0].lastIndexOf(name), name);
}

/** A name introduced by the source word `word` at `index`: quoted, `known as …`, or bare. */
function addAfterSourceWord(found: FoundMention[], text: string, index: number, word: string): void {
  const lower = word === word.toLowerCase();
  const contact = word === 'contact';
  const at = (tail: RegExp): RegExpExecArray | null => {
    tail.lastIndex = index + word.length;
    return tail.exec(text);
  };
  const match =
    (lower ? at(KNOWN_AS_AFTER_SOURCE) : null) ??
    (contact ? null : at(QUOTED_AFTER_SOURCE)) ??
    (lower && !contact ? at(BARE_AFTER_SOURCE) : null);
  if (match === null || (match.groups!.quoted === undefined && namesATrade(text, index, word === 'agent'))) return;
  addIntroduced(found, text, match);
}

/** Whether the word before the source word at `index` makes it a trade ("shipping agent", "open source"). */
function namesATrade(text: string, index: number, agent: boolean): boolean {
  const before = /([\p{L}'’]+)\s+$/u.exec(text.slice(Math.max(0, index - 40), index));
  if (!before) return false;
  const word = before[1]!.toLowerCase();
  const possessive = /['’]s$/.test(word);
  if (agent && (possessive || REPRESENTED.has(word))) return true;
  return !possessive && !BEFORE_SOURCE_WORD.has(word);
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
