import { describe, expect, it } from 'vitest';
import { findCodenames } from './codename.rule.ts';
import { withoutOverlaps } from './index.ts';
import { pairs } from './test-helpers.ts';

const codenames = (text: string) => pairs(text, withoutOverlaps(findCodenames(text)));

describe('findCodenames', () => {
  it.each([
    ['The contact, codenamed Blue Lantern, said', 'Blue Lantern'],
    ['a courier code-named "Falcon" drove', 'Falcon'],
    ['the station proposes the codename "Paper Kite".', 'Paper Kite'],
    ['under the cover name Orchard, he', 'Orchard'],
    ['a man known as “Walnut” in Erbil', 'Walnut'],
    ['the clerk ("Date Palm") reported', 'Date Palm'],
    ['author: Case officer "Sohrab"', 'Sohrab'],
    ['Head of station "Arvand" wrote', 'Arvand'],
    ['منبع با نام رمز «باغ» گزارش داد', 'باغ'],
    ['A SOURCE CODENAMED "BLUE LANTERN" REPORTED', 'BLUE LANTERN'],
    ['Codenamed "Quince", the engineer', 'Quince'],
  ])('finds the name in %j', (text, name) => {
    expect(codenames(text)).toEqual([[name, undefined]]);
  });

  it('finds numbered sources in any case and script, with one canonical value', () => {
    expect(codenames('Source 126674, source 126674, SOURCE 126674, agent 4512, منبع ۱۲۶۶۷۴, المصدر ١٢٦٦٧٤')).toEqual([
      ['Source 126674', 'source 126674'],
      ['source 126674', 'source 126674'],
      ['SOURCE 126674', 'source 126674'],
      ['agent 4512', 'agent 4512'],
      ['منبع ۱۲۶۶۷۴', 'source 126674'],
      ['المصدر ١٢٦٦٧٤', 'source 126674'],
    ]);
  });

  it('finds the cover name beside a numbered source', () => {
    expect(codenames('Source 391027 ("Date Palm") and Source 126674 (Falconer); Walnut (Source 509318); منبع ۲۷۵۱۱۸ (باغ)')).toEqual([
      ['Source 391027', 'source 391027'],
      ['Date Palm', undefined],
      ['Source 126674', 'source 126674'],
      ['Falconer', undefined],
      ['Walnut', undefined],
      ['Source 509318', 'source 509318'],
      ['منبع ۲۷۵۱۱۸', 'source 275118'],
      ['باغ', undefined],
    ]);
  });

  it('keeps sentence words out of a name before a source', () => {
    expect(codenames('2. (S) Payments. In Marsh Reed (Source 350962): USD 4,500.')).toEqual([
      ['Marsh Reed', undefined],
      ['Source 350962', 'source 350962'],
    ]);
  });

  it.each([
    ['the open source 2014 release'],
    ['a source said'],
    ['source 12'],
    ['known as Walnut'],
    ['("a state within the state")'],
    ['code-named lowercase'],
    ['A SOURCE CODENAMED BLUE LANTERN REPORTED'],
    ['شرکتی با نام «فریرا ماریتیما»'],
  ])('finds nothing in %j', (text) => {
    expect(codenames(text)).toEqual([]);
  });
});
