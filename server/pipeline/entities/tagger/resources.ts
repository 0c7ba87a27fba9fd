/**
 * What a model knows beyond its weights: word clusters and capitalisation habits learnt from
 * unlabelled text, gazetteer phrases from openly licensed lists, and title words.
 */

export const GAZ_COUNTRY = 1;
export const GAZ_CITY = 2;
export const GAZ_REGION = 4;
export const GAZ_FIRST_NAME = 8;
export const GAZ_ORG_WORD = 16;
export const GAZ_DEMONYM = 32;

/** How often a word is written capitalised in running text (not sentence-initially). */
export const CAP_UNKNOWN = 0;
export const CAP_LOWER = 1;
export const CAP_MIXED = 2;
export const CAP_MOSTLY = 3;
export const CAP_ALWAYS = 4;
export const CAP_ACRONYM = 5;

export interface TaggerResources {
  /** normalised word → fine cluster (bits 0–11) | coarse cluster (bits 12–19) | capitalisation (bits 20–23); 0 = unknown. */
  lexicon: Map<string, number>;
  /** normalised phrase (words joined by one space) → GAZ_* bits. */
  gazetteer: Map<string, number>;
  /** first word of a gazetteer phrase → the most words such a phrase has. */
  gazetteerStarts: Map<string, number>;
  titles: Set<string>;
  /** Longer affixes and the pair of words around a token. */
  extendedFeatures: boolean;
  /** Persian morphology: clitic-stripped stems, ZWNJ-joined forms, the Arabic article, wider word context. */
  morphology?: boolean;
  /** Names annotated in the training data: normalised phrase → MEMORY_* bits (see training/memory.ts). */
  memory?: Map<string, number>;
  /** First word of a `memory` phrase → the most words such a phrase has. */
  memoryStarts?: Map<string, number>;
}

export function packLexicon(fine: number, coarse: number, cap: number): number {
  return (fine + 1) | ((coarse + 1) << 12) | (cap << 20);
}

export function lexFine(packed: number): number {
  return packed & 0xfff;
}

export function lexCoarse(packed: number): number {
  return (packed >>> 12) & 0xff;
}

export function lexCap(packed: number): number {
  return (packed >>> 20) & 0xf;
}

export function buildGazetteerStarts(gazetteer: Map<string, number>): Map<string, number> {
  const starts = new Map<string, number>();
  for (const phrase of gazetteer.keys()) {
    const words = phrase.split(' ');
    const first = words[0]!;
    starts.set(first, Math.max(starts.get(first) ?? 0, words.length));
  }
  return starts;
}

export function emptyResources(): TaggerResources {
  return { lexicon: new Map(), gazetteer: new Map(), gazetteerStarts: new Map(), titles: new Set(), extendedFeatures: false };
}
