// Whether a PDF page's text layer is text a person wrote, or something OCR should replace: scanners
// often add a layer of junk (glyph ids mapped to nothing, replacement characters, lone symbols).

const WORD = /^[\p{P}\p{S}]*[\p{L}\p{M}]{2,}[\p{L}\p{M}\p{N}'’\-‌]*[\p{P}\p{S}]*$/u;
const NUMBER = /^[\p{P}\p{S}]*\p{N}+([.,:/-]\p{N}+)*[\p{P}\p{S}]*$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;
const BROKEN = /[\uFFFD\uE000-\uF8FF]/u;

/** True when at least one real word is there and most tokens look like words or numbers, few characters broken. */
export function isUsableTextLayer(text: string): boolean {
  const tokens = text.split(/\s+/).filter((token) => token !== '');
  if (tokens.length === 0) return false;
  const chars = [...tokens.join('')];
  const broken = chars.filter((c) => BROKEN.test(c)).length;
  const alnum = chars.filter((c) => LETTER_OR_DIGIT.test(c)).length;
  if (broken / chars.length > 0.1 || alnum / chars.length < 0.5) return false;
  const words = tokens.filter((token) => WORD.test(token)).length;
  const numbers = tokens.filter((token) => NUMBER.test(token)).length;
  return words >= 1 && (words + numbers) / tokens.length >= 0.4;
}
