// E-mail addresses; value lower-cased. Found from each "@" outwards rather than by one regular
// expression over the whole text, so a megabyte without an "@" costs one indexOf.
import type { FoundMention } from '../entity.types.ts';
import { ruleMention } from './rule-mention.ts';

const LOCAL = /[A-Za-z0-9._%+-]/;
const LOCAL_MAX = 64;
// A domain of labels with a final alphabetic label: hq-mail.example, mail.gov.iq.
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/;

export function findEmails(text: string): FoundMention[] {
  const found: FoundMention[] = [];
  let searchedTo = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', Math.max(at + 1, searchedTo))) {
    const start = localPartStart(text, at, searchedTo);
    if (start === null) continue;
    const domain = DOMAIN.exec(text.slice(at + 1, at + 1 + 260));
    if (!domain) continue;
    const end = at + 1 + domain[0].length;
    found.push(ruleMention('email', text, start, end, text.slice(start, end).toLowerCase()));
    searchedTo = end;
  }
  return found;
}

/** Where the local part before the "@" at `at` starts, or null when there is none or it is too long. */
function localPartStart(text: string, at: number, floor: number): number | null {
  let start = at;
  while (start > floor && LOCAL.test(text[start - 1]!)) {
    start -= 1;
    if (at - start > LOCAL_MAX) return null;
  }
  // A dot or dash at either end belongs to the sentence, not the address.
  while (start < at && /[._%+-]/.test(text[start]!)) start += 1;
  if (start === at || /[._%+-]/.test(text[at - 1]!)) return null;
  return start;
}
