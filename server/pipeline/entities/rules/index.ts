// The rules layer: dates, sums, e-mail addresses, phone numbers, references and code names, each found
// by its own module, then reduced to mentions that do not overlap. Offsets are UTF-16 code units of `text`.
import type { FoundMention } from '../entity.types.ts';
import { findCodenames } from './codename.rule.ts';
import { findDates } from './date.rule.ts';
import { findEmails } from './email.rule.ts';
import { findSums } from './money.rule.ts';
import { findPhones } from './phone.rule.ts';
import { findReferences } from './reference.rule.ts';
import type { RuleContext } from './rule-mention.ts';

export type { RuleContext } from './rule-mention.ts';

// When two rules claim the same span, the more specific reading wins: `REF 2014/11/14` is a reference
// before it is a date, an address that contains a cable number is an address.
const PRIORITY: Record<string, number> = { email: 0, reference: 1, phone: 2, money: 3, codename: 4, date: 5 };

/** The rules' mentions of `text`; `context.documentDate` gives year-less dates their year (see date.rule.ts). */
export function findRuleMentions(text: string, context: RuleContext = {}): FoundMention[] {
  if (text === '') return [];
  const candidates = [
    ...findEmails(text),
    ...findReferences(text),
    ...findPhones(text),
    ...findSums(text),
    ...findCodenames(text),
    ...findDates(text, context),
  ];
  return withoutOverlaps(candidates);
}

function better(a: FoundMention, b: FoundMention): boolean {
  const lengthA = a.end - a.start;
  const lengthB = b.end - b.start;
  if (lengthA !== lengthB) return lengthA > lengthB;
  return (PRIORITY[a.type] ?? 9) < (PRIORITY[b.type] ?? 9);
}

/** Leftmost first; of two overlapping mentions the longer (then the higher-priority) one stays. */
export function withoutOverlaps(candidates: FoundMention[]): FoundMention[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end || (PRIORITY[a.type] ?? 9) - (PRIORITY[b.type] ?? 9));
  const kept: FoundMention[] = [];
  for (const candidate of sorted) {
    const last = kept[kept.length - 1];
    if (last === undefined || candidate.start >= last.end) kept.push(candidate);
    else if (better(candidate, last)) kept[kept.length - 1] = candidate;
  }
  return kept;
}
