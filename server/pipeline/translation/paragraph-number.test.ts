import { describe, expect, it } from 'vitest';
import { paragraphNumber } from './paragraph-number.ts';

describe('paragraphNumber', () => {
  it.each([
    ['1. (S) The source met the officer.', 1],
    ['(S) 12. The source met the officer.', 12],
    ['¶3. (C) Comment.', 3],
    ['4) Summary follows.', 4],
    ['۱. (س) منبع گفت که', 1],
    ['(س) ۲۳. منبع گفت', 23],
    ['٧. (س) نص عربي', 7],
  ])('reads the number of %j', (text, expected) => {
    expect(paragraphNumber(text)).toBe(expected);
  });

  it.each([
    'The source met the officer in 2014.',
    '2014 was a hard year.',
    '15-20 fighters arrived.',
    '3.5 million dollars changed hands.',
    '3 km north.',
    'منبع در سال ۱۳۹۳ گفت',
    '',
  ])('finds no number in %j', (text) => {
    expect(paragraphNumber(text)).toBeNull();
  });
});
