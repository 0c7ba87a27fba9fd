import { describe, expect, it } from 'vitest';
import { searchAllQuery, spellingCandidates } from './also-search.ts';
import { MAX_QUERY_LENGTH, parseQuery } from './query-parser.ts';

const candidates = (input: string) => spellingCandidates(input, parseQuery(input));
const keys = (input: string) => candidates(input).map((c) => c.key);

describe('the spellings a query may be searching for', () => {
  it('takes a plain name typed without quotes as one spelling, longest first', () => {
    expect(keys('Hadi al-Amiri')).toEqual(['hadi al amiri', 'al amiri', 'hadi']);
    expect(keys('HĀDĪ AL AMIRI')).toEqual(['hadi al amiri', 'hadi al', 'al amiri', 'hadi', 'al', 'amiri']);
  });

  it('takes each phrase whole, and never joins it with the words around it', () => {
    expect(keys('meeting "Hadi al-Amiri" Basra')).toEqual(['hadi al amiri', 'meeting', 'basra']);
  });

  it('finds a name among other words, in any script', () => {
    expect(keys('هادی العامری بغداد')[0]).toBe('هادی العامری بغداد');
    expect(keys('هادی العامری بغداد')).toContain('هادی العامری');
  });

  it('leaves out prefixes, title-only words, exclusions and filters, and does not join across them', () => {
    expect(keys('Hadi kind:cable Amiri')).toEqual(['hadi', 'amiri']);
    expect(keys('recruit* title:ledger -Basra courier')).toEqual(['courier']);
    expect(keys('Hadi OR Amiri')).toEqual(['hadi', 'amiri']);
    expect(keys('Hadi AND Amiri')).toEqual(['hadi', 'amiri']);
  });

  it('has nothing for a filter-only query', () => {
    expect(candidates('entity:"Hadi al-Amiri" kind:cable')).toEqual([]);
  });
});

describe('the query that searches every spelling', () => {
  const rewrite = (input: string, key: string, others: string[]) =>
    searchAllQuery(
      input,
      candidates(input).find((c) => c.key === key)!,
      others,
    );

  it('puts the alternatives where the spelling was, and keeps the rest of the query', () => {
    expect(rewrite('Hadi al-Amiri', 'hadi al amiri', ['Hadi al-Ameri', 'هادی العامری'])).toBe(
      '"Hadi al-Amiri" OR "Hadi al-Ameri" OR "هادی العامری"',
    );
    expect(rewrite('“Hadi al-Amiri” kind:cable payments', 'hadi al amiri', ['Ameri'])).toBe(
      '“Hadi al-Amiri” OR "Ameri" kind:cable payments',
    );
    expect(rewrite('payments Hadi al-Amiri -Basra', 'hadi al amiri', ['Ameri'])).toBe('payments "Hadi al-Amiri" OR "Ameri" -Basra');
  });

  it('searches the same passages as each spelling alone, OR-ed', () => {
    const query = rewrite('payments Hadi al-Amiri', 'hadi al amiri', ['Hadi al-Ameri'])!;
    expect(parseQuery(query).include.map((g) => g.map((t) => t.tokens.join(' ')))).toEqual([
      ['payments'],
      ['hadi al amiri', 'hadi al ameri'],
    ]);
  });

  it('writes spellings with quote marks or no letters so that the query still parses', () => {
    const query = rewrite('Falcon', 'falcon', ['agent "Falcon"', '“Al-Saqr”', '...', '']);
    expect(query).toBe('"Falcon" OR "agent Falcon" OR "Al-Saqr"');
    expect(() => parseQuery(query!)).not.toThrow();
  });

  it('leaves out spellings that would make the query too long, and gives up when none fits', () => {
    const long = 'x'.repeat(MAX_QUERY_LENGTH / 2);
    const query = rewrite('Amiri', 'amiri', ['Ameri', long, long]);
    expect(query!.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(parseQuery(query!).include[0]).toHaveLength(3);
    expect(rewrite(`${'y'.repeat(MAX_QUERY_LENGTH - 10)} Amiri`, 'amiri', ['Ameri al-Amiri'])).toBeNull();
  });
});
