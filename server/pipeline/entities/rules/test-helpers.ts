import { expect } from 'vitest';
import type { FoundMention } from '../entity.types.ts';

/** The mentions as `[text, value]` pairs, after checking that every one points exactly into `input`. */
export function pairs(input: string, mentions: FoundMention[]): [string, string | undefined][] {
  for (const mention of mentions) {
    expect(mention.text).toBe(input.slice(mention.start, mention.end));
    expect(mention.source).toBe('rule');
  }
  return mentions.map((mention) => [mention.text, mention.value]);
}
