// The key under which the gazetteer files one word of a name, so that common transliteration
// variants of the same Arabic or Persian name meet: Amiri / Ameri, Hussein / Hossein / Husain,
// Hezbollah / Hizbullah, Nouri / Nuri, Qasem / Ghasem / Kasem, Javad / Jawad, Fatimah / Fatima.
// Input is a word already folded by normalise() (lower case, no diacritics, Persian letters).
//
// Precision: short words are not varied (a variant of "Ali" or "Abu" would meet too many other
// words), and vowels fold into three classes only (a; e/i/y; o/u), never into one, so Hassan and
// Hussein, Amir and Amiri stay apart. The price: Ahmad and Ahmed, Mahdi and Mehdi do not meet
// (a and e are kept apart to keep Hassan from Hussein); a journalist adds such spellings as aliases.

/** Words shorter than this (in UTF-16 units of the folded word) are matched exactly. */
export const MIN_VARIANT_LENGTH = 4;

const LATIN = /^[a-z\u02BC\u02BE\u02BF']+$/;

const LATIN_STEPS: readonly [RegExp, string][] = [
  [/[\u02BC\u02BE\u02BF']/g, ''],
  [/ph/g, 'f'],
  [/dh/g, 'z'],
  [/dj/g, 'j'],
  [/ou|oo/g, 'u'],
  // German umlauts written out: Mueller, Juergen, Goedeke (Müller is already muller once folded).
  [/ue/g, 'u'],
  [/oe/g, 'o'],
  [/ee/g, 'i'],
  [/ck/g, 'k'],
  [/gh|q/g, 'k'],
  [/w/g, 'v'],
  [/(?<=.)y/g, 'i'],
  [/e/g, 'i'],
  [/o/g, 'u'],
  [/(.)\1+/g, '$1'],
  // Zainab / Zeinab / Zaynab, Husain / Hussein, Said / Saeed: a diphthong written ai or ei.
  [/ai/g, 'i'],
  [/(?<=[aiu])h$/, ''],
];

function latinVariant(word: string): string {
  let key = word;
  for (const [pattern, replacement] of LATIN_STEPS) key = key.replace(pattern, replacement);
  return key;
}

const ARABIC_LETTERS: Record<string, string> = {
  '\u064A': '\u06CC', // Arabic yeh → Persian yeh
  '\u0649': '\u06CC', // alef maksura
  '\u0626': '\u06CC', // yeh with hamza
  '\u0643': '\u06A9', // Arabic kaf → keheh
  '\u0629': '\u0647', // teh marbuta → heh
  '\u06C0': '\u0647', // heh with yeh above (Persian ezafe)
  '\u06D5': '\u0647', // ae
  '\u0624': '\u0648', // waw with hamza
  '\u0623': '\u0627', // alef with hamza above, below, madda
  '\u0625': '\u0627',
  '\u0622': '\u0627',
  '\u0671': '\u0627', // alef wasla
  '\u0621': '', // lone hamza
};

function arabicVariant(word: string): string {
  let key = '';
  for (const ch of word) key += ARABIC_LETTERS[ch] ?? ch;
  // The attached article: العامری → عامری (when a real word of three letters or more remains).
  if (key.startsWith('\u0627\u0644') && key.length >= 5) key = key.slice(2);
  return key;
}

const ARABIC_SCRIPT = /^[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+$/;

/**
 * The gazetteer key of one folded word. A varied key that is still long carries a leading "~", so it
 * never equals a short word as written; one that the variant rules shortened below the minimum meets
 * the short spelling ("Abou" is "Abu"), while two short spellings ("Ali", "Aly") stay apart.
 */
export function variantKey(word: string): string {
  if (word.length < MIN_VARIANT_LENGTH) return word;
  const key = LATIN.test(word) ? latinVariant(word) : ARABIC_SCRIPT.test(word) ? arabicVariant(word) : null;
  if (key === null) return word;
  return key.length >= MIN_VARIANT_LENGTH ? `~${key}` : key;
}

// Articles written as separate words: "al-Amiri", "Al Amiri", "el-Sisi", "ul-Haq"; the sun-letter
// forms ("as-Sadr", "ash-Shammari", "ad-Douri") only with their hyphen, since "as", "at" and "an" are English.
const ARTICLES = new Set(['al', 'el', 'ul']);
const HYPHENED_ARTICLES = new Set([
  'ad',
  'ar',
  'as',
  'ash',
  'at',
  'az',
  'an',
  'ath',
  'adh',
  'ud',
  'ur',
  'us',
  'ush',
  'ut',
  'uz',
  'un',
  'ed',
  'es',
  'et',
  'ez',
  'en',
]);

/** Whether a folded word is an article that names drop or keep at will, given what follows it. */
export function isArticle(word: string, followedByHyphen: boolean): boolean {
  return ARTICLES.has(word) || (followedByHyphen && HYPHENED_ARTICLES.has(word));
}
