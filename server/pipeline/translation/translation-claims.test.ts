import { describe, expect, it } from 'vitest';
import { FROM_RECORD, originalOfSiblings, translationClaims } from './translation-claims.ts';

describe('translationClaims', () => {
  it('reads translation_of and original on a translation, translation on an original', () => {
    expect(translationClaims('CABLE-1', { translation_of: 'CABLE-1-FA' })).toEqual([
      { ref: 'CABLE-1-FA', role: 'original', declaredBy: 'field' },
    ]);
    expect(translationClaims('CABLE-2', { original: ' CABLE-2-FA ' })).toEqual([
      { ref: 'CABLE-2-FA', role: 'original', declaredBy: 'field' },
    ]);
    expect(translationClaims('CABLE-3-FA', { translation: ['CABLE-3', 'CABLE-3-AR'] })).toEqual([
      { ref: 'CABLE-3', role: 'translation', declaredBy: 'field' },
      { ref: 'CABLE-3-AR', role: 'translation', declaredBy: 'field' },
      { ref: 'CABLE-3', role: 'sibling', declaredBy: 'ref_suffix' },
    ]);
  });

  it('says when the claim comes from a JSON record that carried both texts', () => {
    expect(translationClaims('REC-9-EN', { translation_of: 'REC-9', [FROM_RECORD]: true })).toContainEqual({
      ref: 'REC-9',
      role: 'original',
      declaredBy: 'record',
    });
  });

  it('joins refs that differ only by a language suffix, and ignores other fields and self-references', () => {
    expect(translationClaims('TRV-NJF-2014-0233-fa', {})).toEqual([
      { ref: 'TRV-NJF-2014-0233', role: 'sibling', declaredBy: 'ref_suffix' },
    ]);
    expect(translationClaims('TRV-NJF-2014-0233', { translation: 'TRV-NJF-2014-0233', original: 42, translation_note: 'x' })).toEqual([]);
    expect(translationClaims('REPORT-FAQ', {})).toEqual([]);
  });
});

describe('originalOfSiblings', () => {
  const fa = { ref: 'C-1-FA', language: 'fa' };
  const en = { ref: 'C-1', language: 'en' };
  it('takes the English side as the translation', () => {
    expect(originalOfSiblings(en, fa)).toEqual({ original: fa, translation: en });
    expect(originalOfSiblings({ ref: 'C-2', language: 'ar' }, { ref: 'C-2-EN', language: null }).original.ref).toBe('C-2');
  });

  it('otherwise takes the ref without a suffix as the original', () => {
    expect(originalOfSiblings({ ref: 'C-3-AR', language: 'ar' }, { ref: 'C-3', language: 'fa' }).original.ref).toBe('C-3');
  });
});
