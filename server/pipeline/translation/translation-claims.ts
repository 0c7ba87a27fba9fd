// What a document says about its counterpart in another language. Three ways: a field
// (`translation_of: REF` or `original: REF` on a translation, `translation: REF` on an original), a
// JSON record carrying both texts (the import splits it into two documents, see json.extractor), or
// refs that differ only by a language suffix (`TRV-NJF-2014-0233` and `TRV-NJF-2014-0233-FA`).

/** How the link was stated: a field, a record carrying both texts, or refs that differ by a language suffix. */
export type TranslationDeclaredBy = 'field' | 'record' | 'ref_suffix';

export type CounterpartRole = 'original' | 'translation' | 'sibling';

export interface TranslationClaim {
  /** The counterpart's ref. */
  ref: string;
  role: CounterpartRole;
  declaredBy: TranslationDeclaredBy;
}

const LANGUAGE_SUFFIX = /^(.+?)[-_](FA|PER|EN|ENG|AR|ARA|KU|KUR)$/i;
const ENGLISH_SUFFIX = /[-_](EN|ENG)$/i;
/** Set by the JSON extractor on the translation it splits off a record. */
export const FROM_RECORD = 'translation_from_record';

function refs(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

export function translationClaims(ref: string, metadata: Record<string, unknown>): TranslationClaim[] {
  const declaredBy: TranslationDeclaredBy = metadata[FROM_RECORD] === true ? 'record' : 'field';
  const claims: TranslationClaim[] = [
    ...refs(metadata.translation_of).map((r) => ({ ref: r, role: 'original' as const, declaredBy })),
    ...refs(metadata.original).map((r) => ({ ref: r, role: 'original' as const, declaredBy })),
    ...refs(metadata.translation).map((r) => ({ ref: r, role: 'translation' as const, declaredBy })),
  ].filter((claim) => claim.ref !== ref);
  const suffixed = LANGUAGE_SUFFIX.exec(ref);
  if (suffixed) claims.push({ ref: suffixed[1]!, role: 'sibling', declaredBy: 'ref_suffix' });
  const unique = new Map(claims.map((claim) => [`${claim.role} ${claim.ref}`, claim]));
  return [...unique.values()];
}

interface Side {
  ref: string;
  language: string | null;
}

/**
 * Of two documents joined only by their refs, which is the original. The archives Trove is for are
 * written in one language and read in English: an English side is the translation. Otherwise the
 * ref without a suffix is the original, and failing that the first one.
 */
export function originalOfSiblings<T extends Side>(a: T, b: T): { original: T; translation: T } {
  const english = (side: Side) => side.language === 'en' || ENGLISH_SUFFIX.test(side.ref);
  if (english(a) !== english(b)) return english(a) ? { original: b, translation: a } : { original: a, translation: b };
  const suffixed = (side: Side) => LANGUAGE_SUFFIX.test(side.ref);
  if (suffixed(a) !== suffixed(b)) return suffixed(a) ? { original: b, translation: a } : { original: a, translation: b };
  return { original: a, translation: b };
}
