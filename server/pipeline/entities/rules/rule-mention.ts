import type { FoundMention } from '../entity.types.ts';

/** A rule's mention for a regular-expression match (or a part of one starting `offset` units into it). */
export function ruleMention(type: string, input: string, start: number, end: number, value?: string): FoundMention {
  const found: FoundMention = { type, start, end, text: input.slice(start, end), source: 'rule' };
  if (value !== undefined) found.value = value;
  return found;
}

/** Letters and digits of any script: what a match must not touch on either side to be a whole word. */
export const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])';
export const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}])';
