// Sums of money: a number with a currency before or after it, never a bare number.
// Value: the exact amount as a plain decimal and an ISO 4217 code — `62.5 EUR`, `2000 USD`,
// `3000000 IRR`. Tomans have no ISO code; they are written `IRT`, as Iranian banks and exchanges do
// (1 toman = 10 rials; the amount is not converted, because the document's own unit is what a reader searches).
// Dinars without a country are Iraqi (the archive's documents are Iraqi and Iranian).
import type { FoundMention } from '../entity.types.ts';
import { canonicalAmount, DIGIT } from './numbers.ts';
import { ANYTHING_BEFORE, matchesAfter, NOT_BEFORE_WORD, ruleMention, WORD_CHAR } from './rule-mention.ts';

const SYMBOLS: Record<string, string> = { $: 'USD', US$: 'USD', '€': 'EUR', '£': 'GBP', '\uFDFC': 'IRR' };
const CODES = ['USD', 'EUR', 'GBP', 'IRR', 'IRT', 'IQD', 'AED', 'CHF'];

// Currency words after the number, by their lower-cased form (Arabic letter variants folded by wordKey).
const WORDS: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  'us dollar': 'USD',
  'us dollars': 'USD',
  'u.s. dollar': 'USD',
  'u.s. dollars': 'USD',
  'american dollar': 'USD',
  'american dollars': 'USD',
  euro: 'EUR',
  euros: 'EUR',
  rial: 'IRR',
  rials: 'IRR',
  toman: 'IRT',
  tomans: 'IRT',
  dinar: 'IQD',
  dinars: 'IQD',
  'iraqi dinars': 'IQD',
  dirham: 'AED',
  dirhams: 'AED',
  'pounds sterling': 'GBP',
  دلار: 'USD',
  // The country is part of the sum as written: `۵۰۰ دلار آمریکا` ("US dollars"), Arabic `دولار أمريكي`.
  'دلار آمریکا': 'USD',
  'دلار امریکا': 'USD',
  'دلار آمریکایی': 'USD',
  'دلار امریکایی': 'USD',
  دولار: 'USD',
  'دولار امریکی': 'USD',
  یورو: 'EUR',
  ریال: 'IRR',
  تومان: 'IRT',
  تومن: 'IRT',
  دینار: 'IQD',
  درهم: 'AED',
};

const MULTIPLIERS: Record<string, number> = {
  thousand: 3,
  million: 6,
  billion: 9,
  هزار: 3,
  الف: 3,
  میلیون: 6,
  ملیون: 6,
  میلیارد: 9,
  ملیار: 9,
};

function wordKey(word: string): string {
  return word.toLowerCase().replace(/\s+/g, ' ').replace(/[يى]/g, 'ی').replace(/ك/g, 'ک').replace(/[أإ]/g, 'ا');
}

function scriptForm(word: string): string {
  return word.replace(/\./g, '\\.').replace(/ی/g, '[یيى]').replace(/ک/g, '[کك]').replace(/ا/g, '[اأإ]').replace(/ /g, '\\s{1,3}');
}

function alternation(forms: string[]): string {
  return forms.sort((a, b) => b.length - a.length).join('|');
}

// 1,100 / 62.5 / ۱٬۲۰۰ / 3 — bounded, so a megabyte of digits costs linear time.
const NUMBER = `(?<amount>${DIGIT}{1,3}(?:[,\\u066C]${DIGIT}{3}){1,6}(?:[.\\u066B]${DIGIT}{1,6})?|${DIGIT}{1,15}(?:[.\\u066B]${DIGIT}{1,6})?)`;
// "k", "m", "mn" and "bn" only when glued to the number or one space away: "$2m", "USD 1.5 bn".
const SHORT_MULTIPLIERS: Record<string, number> = { k: 3, m: 6, mn: 6, bn: 9 };
const MULTIPLIER = `(?:\\s{0,3}(?<multiplier>${alternation(Object.keys(MULTIPLIERS).map(scriptForm))})${NOT_BEFORE_WORD}|(?<short>k|m|\\s?mn|\\s?bn)${NOT_BEFORE_WORD})?`;
const SYMBOL = `(?<symbol>US\\$|[$€£\\uFDFC])`;
const CODE = `(?<code>${CODES.join('|')})`;
const WORD = `(?<word>${alternation(Object.keys(WORDS).map(scriptForm))})`;
const NUMBER_START = /[\p{L}\p{N}.,\u066B\u066C]/u;
// A sum ends where its number does: "$2,0001" is not "$2".
const NUMBER_END = `(?![\\p{N}]|[.,\\u066B\\u066C]\\p{N})`;

// Each pattern with what may not stand right before it.
const PATTERNS: readonly [RegExp, RegExp][] = [
  // $2,000 · € 18,000 · US$ 1.5 million · $2m
  [new RegExp(`${SYMBOL}\\s{0,3}${NUMBER}${MULTIPLIER}${NUMBER_END}`, 'gu'), ANYTHING_BEFORE],
  // USD 450 · EUR 2 million
  [new RegExp(`${CODE}(?![\\p{L}])\\s{0,3}${NUMBER}${MULTIPLIER}${NUMBER_END}`, 'gu'), WORD_CHAR],
  // 62.5 euros · 3 million rials · ۵۰۰ هزار تومان · 450 USD · 300€
  [new RegExp(`${NUMBER}${MULTIPLIER}\\s{0,3}(?:${WORD}${NOT_BEFORE_WORD}|${CODE}${NOT_BEFORE_WORD}|${SYMBOL})`, 'giu'), NUMBER_START],
];

export function findSums(text: string): FoundMention[] {
  const found: FoundMention[] = [];
  for (const [pattern, notAfter] of PATTERNS) {
    for (const match of matchesAfter(pattern, text, notAfter)) {
      const { amount, multiplier, symbol, code, word } = match.groups!;
      const currency = symbol ? SYMBOLS[symbol] : code ? code.toUpperCase() : WORDS[wordKey(word!)];
      // The case-insensitive pattern must not take a lower-case code ("the usd rate") for a currency.
      if (!currency || (code && code !== code.toUpperCase())) continue;
      const { short } = match.groups!;
      const power = multiplier ? MULTIPLIERS[wordKey(multiplier)] : short ? SHORT_MULTIPLIERS[short.trim().toLowerCase()] : 0;
      if (power === undefined) continue;
      const start = match.index!;
      found.push(ruleMention('money', text, start, start + match[0].length, `${canonicalAmount(amount!, power)} ${currency}`));
    }
  }
  return found;
}
