import { describe, expect, it } from 'vitest';
import { withoutOverlaps } from './index.ts';
import { findSums } from './money.rule.ts';
import { canonicalAmount } from './numbers.ts';
import { pairs } from './test-helpers.ts';

const sums = (text: string) => pairs(text, withoutOverlaps(findSums(text)));

describe('findSums', () => {
  it.each([
    ['62.5 euros', '62.5 EUR'],
    ['62.50 euros', '62.5 EUR'],
    ['$2,000', '2000 USD'],
    ['USD 450', '450 USD'],
    ['450 USD', '450 USD'],
    ['1,100 euros', '1100 EUR'],
    ['€300', '300 EUR'],
    ['€ 18,000', '18000 EUR'],
    ['300€', '300 EUR'],
    ['450 dollars', '450 USD'],
    ['100 US dollars', '100 USD'],
    ['100 U.S. dollars', '100 USD'],
    ['1 US dollar', '1 USD'],
    ['250 American dollars', '250 USD'],
    ['3 million rials', '3000000 IRR'],
    ['20,000 tomans', '20000 IRT'],
    ['2,500,000 Iraqi dinars', '2500000 IQD'],
    ['US$ 1.5 million', '1500000 USD'],
    ['$2m', '2000000 USD'],
    ['USD 1.25 bn', '1250000000 USD'],
    ['£40', '40 GBP'],
  ])('reads %j as %s', (written, value) => {
    expect(sums(`They paid ${written} in cash.`)).toEqual([[written, value]]);
  });

  it.each([
    ['۵۰۰ هزار تومان', '500000 IRT'],
    ['۱٬۲۰۰ یورو', '1200 EUR'],
    ['۶٬۰۰۰ دلار', '6000 USD'],
    ['۳ میلیون ریال', '3000000 IRR'],
    ['۲٫۵ میلیون ریال', '2500000 IRR'],
    ['٥٠٠ دولار', '500 USD'],
    ['١٠٠٠ دينار', '1000 IQD'],
    ['۵۰۰ ريال', '500 IRR'],
    ['۵۰۰ دلار آمریکا', '500 USD'],
    ['۶٬۰۰۰ دلار امریکا', '6000 USD'],
    ['۵۰۰ دلار آمريكا', '500 USD'],
    ['۳۰۰ دلار آمریکایی', '300 USD'],
    ['٥٠٠ دولار أمريكي', '500 USD'],
  ])('reads Persian and Arabic %j as %s', (written, value) => {
    expect(sums(`مبلغ ${written} پرداخت شد`)).toEqual([[written, value]]);
  });

  it.each([
    ['a bare number 1,200 is not money'],
    ['Source 126674 met us'],
    ['the 450 usd rate'],
    ['$2,0001'],
    ['12 dollarsign'],
    ['5 million people'],
    ['the euro zone'],
    ['۵۰۰ هزار نفر'],
    ['100 U.S.'],
    ['the US dollar rate'],
  ])('finds nothing in %j', (text) => {
    expect(sums(text)).toEqual([]);
  });

  it('keeps the country out of a sum when it is not part of the currency', () => {
    expect(sums('۵۰۰ دلار آمریکاییان را')).toEqual([['۵۰۰ دلار', '500 USD']]);
    expect(sums('paid 100 US dollarsign')).toEqual([]);
    expect(sums('100 Usx dollars')).toEqual([]);
  });

  it('finds every sum of a payment list', () => {
    expect(sums('Orchard: € 1,500 on 15 Shahrivar; Marsh Reed: USD 4,500; a watch for $350.')).toEqual([
      ['€ 1,500', '1500 EUR'],
      ['USD 4,500', '4500 USD'],
      ['$350', '350 USD'],
    ]);
  });
});

describe('canonicalAmount', () => {
  it('moves the decimal point exactly, without floating point', () => {
    expect(canonicalAmount('0.1', 0)).toBe('0.1');
    expect(canonicalAmount('1.005', 3)).toBe('1005');
    expect(canonicalAmount('1.0051', 3)).toBe('1005.1');
    expect(canonicalAmount('۱٬۲۰۰٫۵۰')).toBe('1200.5');
    expect(canonicalAmount('007')).toBe('7');
  });
});
