// The number a cable paragraph starts with, in any of the ways the archive writes it:
// "1. (S)", "(S) 1.", "¶1.", "12)", and in Persian "۱. (س)" or "(س) ۱." with Persian or
// Arabic-Indic digits. Numbers pair an original's paragraphs with a translation's before anything else.

const DIGIT = '[0-9\u06F0-\u06F9\u0660-\u0669]';
const MARKING = String.raw`\([^()\n]{1,12}\)`;
const NUMBER_FIRST = new RegExp(String.raw`^\s*¶?\s*(${DIGIT}{1,3})\s*[.)](?![0-9\u06F0-\u06F9\u0660-\u0669])`);
const MARKING_FIRST = new RegExp(String.raw`^\s*${MARKING}\s*¶?\s*(${DIGIT}{1,3})\s*[.)](?![0-9\u06F0-\u06F9\u0660-\u0669])`);

function toNumber(digits: string): number {
  let value = 0;
  for (const ch of digits) {
    const code = ch.charCodeAt(0);
    const digit = code >= 0x06f0 ? code - 0x06f0 : code >= 0x0660 ? code - 0x0660 : code - 48;
    value = value * 10 + digit;
  }
  return value;
}

/** The paragraph number at the start of `text`, or null when it does not start with one. */
export function paragraphNumber(text: string): number | null {
  const match = NUMBER_FIRST.exec(text) ?? MARKING_FIRST.exec(text);
  return match ? toNumber(match[1]!) : null;
}
