// Digits and numbers as archive text writes them: ASCII, Persian (U+06F0…) and Arabic-Indic (U+0660…)
// digits, with comma or Arabic thousands separators (٬) and a point or Arabic decimal separator (٫).

/** A regular-expression class matching one digit of any of the three scripts. */
export const DIGIT = '[0-9\\u06F0-\\u06F9\\u0660-\\u0669]';

/** Turns Persian and Arabic-Indic digits into ASCII ones; everything else is kept. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** The integer value of a run of digits in any script. */
export function readInteger(text: string): number {
  return Number(asciiDigits(text));
}

/**
 * A written amount as a plain decimal string, exactly (no floating point): separators dropped, the
 * multiplier applied by moving the decimal point, leading and trailing zeros trimmed.
 * `1,100` → `1100`, `62.50` → `62.5`, `1.5` × 10^6 → `1500000`, `۱٬۲۰۰` → `1200`.
 */
export function canonicalAmount(written: string, powerOfTen = 0): string {
  const ascii = asciiDigits(written)
    .replace(/[,\u066C]/g, '')
    .replace('\u066B', '.');
  const [whole = '', fraction = ''] = ascii.split('.');
  const shifted = fraction.padEnd(powerOfTen, '0');
  const integer = (whole + shifted.slice(0, powerOfTen)).replace(/^0+(?=\d)/, '');
  const decimals = shifted.slice(powerOfTen).replace(/0+$/, '');
  return decimals === '' ? integer : `${integer}.${decimals}`;
}
