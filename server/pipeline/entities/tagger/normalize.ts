/**
 * Word normalisation for features only (offsets come from the tokenizer, so these may change length):
 * Arabic letter variants to their Persian forms as ParsTwiNER's Parsivar normalisation writes them,
 * Arabic-Indic digits to ASCII, harakat and tatweel dropped, curly apostrophes straightened, lower case.
 */

const CHAR_MAP: Record<string, string> = {
  ي: 'ی',
  ى: 'ی',
  ك: 'ک',
  ە: 'ه',
  ۀ: 'ه',
  ة: 'ه',
  أ: 'ا',
  إ: 'ا',
  ٱ: 'ا',
  ؤ: 'و',
  '’': "'",
  '‘': "'",
};

const NEEDS_WORK = /[\u0600-\u06ff’‘]/u;
const STRIP = /[\u064b-\u065f\u0670\u0640]/gu;
const MAPPED = /[يىكەۀةأإٱؤ’‘\u0660-\u0669\u06f0-\u06f9]/gu;

export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  if (!NEEDS_WORK.test(lower)) return lower;
  return lower.replace(STRIP, '').replace(MAPPED, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
    if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
    return CHAR_MAP[c] ?? c;
  });
}

const PERSIAN_RE = /[\u0600-\u06ff]/u;

export function isPersianText(text: string): boolean {
  let persian = 0;
  let latin = 0;
  const n = Math.min(text.length, 4000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0600 && c <= 0x06ff) persian++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
  }
  return persian > 0 && persian >= latin;
}

export function hasPersian(word: string): boolean {
  return PERSIAN_RE.test(word);
}

/** Word shape: `Xxxx` collapsed to `Xx`, digits to `d`; other characters kept (at most 6 shape runs). */
export function wordShape(word: string): string {
  let shape = '';
  let last = '';
  let runs = 0;
  const n = Math.min(word.length, 40);
  for (let i = 0; i < n; i++) {
    const ch = word[i]!;
    let s: string;
    if (ch >= 'a' && ch <= 'z') s = 'x';
    else if (ch >= 'A' && ch <= 'Z') s = 'X';
    else if (ch >= '0' && ch <= '9') s = 'd';
    else if (ch === '\u200c') s = 'z';
    else if (ch.toLowerCase() !== ch) s = 'X';
    else if (ch.toUpperCase() !== ch) s = 'x';
    else if (/\p{L}/u.test(ch)) s = 'a';
    else s = ch;
    if (s !== last) {
      shape += s;
      last = s;
      if (++runs >= 6) break;
    }
  }
  return shape;
}
