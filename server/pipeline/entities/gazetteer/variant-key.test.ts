import { describe, expect, it } from 'vitest';
import { fold } from '../../normalise.ts';
import { variantKey } from './variant-key.ts';

const key = (word: string) => variantKey(fold(word));

describe('variantKey', () => {
  it.each([
    ['Amiri', 'Ameri', 'AMIRY'],
    ['Hussein', 'Hossein', 'Husain'],
    ['Hezbollah', 'Hizbullah', 'Hizbollah'],
    ['Nouri', 'Nuri', 'Noori'],
    ['Qasem', 'Ghasem', 'Kasem'],
    ['Soleimani', 'Suleimani', 'Sulaimani'],
    ['Javad', 'Jawad', 'Jawwad'],
    ['Fatimah', 'Fatima', 'Fatema'],
    ['Zainab', 'Zeinab', 'Zaynab'],
    ['Saeed', 'Said', "Sa'id"],
    ['Muhandis', 'Mohandes', 'Muhandes'],
    ['Jaafar', 'Jafar', 'Jaʿfar'],
    ['Sheikh', 'Shaikh', 'SHEIKH'],
    ['Mansouri', 'Mansuri', 'al-Mansouri'.slice(3)],
    ['Müller', 'Mueller', 'Muller'],
    ['Abu', 'Abou', 'ABOU'],
  ])('files %s, %s and %s under one key', (a, b, c) => {
    expect(key(b)).toBe(key(a));
    expect(key(c)).toBe(key(a));
  });

  it.each([
    ['Hassan', 'Hussein'],
    ['Amir', 'Amiri'],
    ['Ali', 'Aly'],
    ['Omar', 'Amer'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(key(a)).not.toBe(key(b));
  });

  it('folds Arabic letter variants and the attached article of Arabic-script words', () => {
    expect(key('العامري')).toBe(key('عامری'));
    expect(key('مؤسسة')).toBe(key('موسسه'));
    expect(key('الله')).toBe('~الله');
  });

  it('matches short words exactly; a long word meets one only when its variant is short', () => {
    expect(key('abu')).toBe('abu');
    expect(key('dey')).toBe('dey');
    expect(key('Aly')).not.toBe(key('Ali'));
    expect(key('Deyy')).not.toBe(key('dey'));
  });
});
