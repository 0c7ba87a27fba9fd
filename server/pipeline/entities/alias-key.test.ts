import { describe, expect, it } from 'vitest';
import { aliasKey } from './alias-key.ts';

describe('aliasKey', () => {
  it('folds case, diacritics, hyphens and spaces', () => {
    expect(aliasKey('Hadi al-Amiri')).toBe('hadi al amiri');
    expect(aliasKey('  HADI  AL AMIRI ')).toBe('hadi al amiri');
    expect(aliasKey('Hādī al\u2011Amīrī')).toBe('hadi al amiri');
  });

  it('folds Arabic letter variants into Persian ones', () => {
    expect(aliasKey('هادي العامري')).toBe(aliasKey('هادی العامری'));
  });

  it('keeps different spellings apart', () => {
    expect(aliasKey('Hadi al-Ameri')).not.toBe(aliasKey('Hadi al-Amiri'));
  });
});
