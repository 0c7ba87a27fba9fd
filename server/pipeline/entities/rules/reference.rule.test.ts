import { describe, expect, it } from 'vitest';
import { withoutOverlaps } from './index.ts';
import { findReferences } from './reference.rule.ts';
import { pairs } from './test-helpers.ts';

const references = (text: string) => pairs(text, withoutOverlaps(findReferences(text)));

describe('findReferences', () => {
  it('finds the sample archive cable numbers, with a language suffix', () => {
    expect(references('ref: TRV-BGD-2014-0388\ntranslation: TRV-BSR-2015-0122-FA.')).toEqual([
      ['TRV-BGD-2014-0388', 'TRV-BGD-2014-0388'],
      ['TRV-BSR-2015-0122-FA', 'TRV-BSR-2015-0122-FA'],
    ]);
  });

  it('finds telegram-style cable numbers', () => {
    expect(references('see 14BAGHDAD1234 and 09TEHRAN88')).toEqual([
      ['14BAGHDAD1234', '14BAGHDAD1234'],
      ['09TEHRAN88', '09TEHRAN88'],
    ]);
  });

  it('reads the number a reference label introduces, without the label', () => {
    expect(references('REF 2014/0412. Our ref: A/12/345; Ref. No. 88-123; شماره: ۱۲۳/۴۵/۶')).toEqual([
      ['2014/0412', '2014/0412'],
      ['A/12/345', 'A/12/345'],
      ['88-123', '88-123'],
      ['۱۲۳/۴۵/۶', '123/45/6'],
    ]);
  });

  it.each([['COVID-19'], ['ISO-8601'], ['AL-QAEDA-IRAQ'], ['ref: see-below'], ['the 2014 reference'], ['xTRV-BGD-2014-0388']])(
    'finds nothing in %j',
    (text) => {
      expect(references(text)).toEqual([]);
    },
  );
});
