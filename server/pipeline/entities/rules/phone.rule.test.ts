import { describe, expect, it } from 'vitest';
import { withoutOverlaps } from './index.ts';
import { findPhones } from './phone.rule.ts';
import { pairs } from './test-helpers.ts';

const phones = (text: string) => pairs(text, withoutOverlaps(findPhones(text)));

describe('findPhones', () => {
  it.each([
    ['+964 770 123 4567', '+9647701234567'],
    ['+964-770-123-4567', '+9647701234567'],
    ['+9647701234567', '+9647701234567'],
    ['00964 770 123 4567', '+9647701234567'],
    ['+98 21 8888 1234', '+982188881234'],
    ['+98 (21) 8888 1234', '+982188881234'],
    ['0770 123 4567', '07701234567'],
    ['07801234567', '07801234567'],
    ['0912 345 6789', '09123456789'],
    ['(0912) 345 6789', '09123456789'],
    ['۰۹۱۲ ۳۴۵ ۶۷۸۹', '09123456789'],
    ['٠٧٧٠ ١٢٣ ٤٥٦٧', '07701234567'],
    ['+۹۸ ۲۱ ۸۸۸۸ ۱۲۳۴', '+982188881234'],
  ])('reads %j as %s', (written, value) => {
    expect(phones(`Call ${written} tonight.`)).toEqual([[written, value]]);
  });

  it('reads any number a label introduces, without the label', () => {
    expect(phones('Tel: 01 717 1234; Fax. 021-8888-1234; تلفن: ۸۸۸۸۱۲۳۴')).toEqual([
      ['01 717 1234', '017171234'],
      ['021-8888-1234', '02188881234'],
      ['۸۸۸۸۱۲۳۴', '88881234'],
    ]);
  });

  it.each([
    ['2014-11-14'],
    ['14.11.2014'],
    ['TRV-BGD-2014-0388'],
    ['REF 2014/0412'],
    ['$2,000,000'],
    ['Source 126674'],
    ['08:14:22 +0430'],
    ['+0 123 456 789'],
    ['0712 345 6789'],
    ['0770 123 45'],
    ['1,100 euros'],
    ['cell 12'],
    ['ID 07701234567890123'],
  ])('finds nothing in %j', (text) => {
    expect(phones(text)).toEqual([]);
  });
});
