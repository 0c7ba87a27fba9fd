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
    ['a major code-named BLUE LANTERN, who', 'BLUE LANTERN'],
    ['the clerk codenamed ORCHARD reported', 'ORCHARD'],
    ['a party official (codename: Falconer) met', 'Falconer'],
    ['his cover name: Falconer.', 'Falconer'],
    ['the source known as Falconer said', 'Falconer'],
    ['an asset, now known as "Marsh Reed", wrote', 'Marsh Reed'],
    ['a contact called "Quince" wrote', 'Quince'],
    ['the source referred to as WALNUT said', 'WALNUT'],
    ['we paid source Falconer twice', 'Falconer'],
    ['the asset Orchard was paid', 'Orchard'],
    ['our agent Walnut drove', 'Walnut'],
    ['(informant Date Palm)', 'Date Palm'],
    ["the station's source Falconer said", 'Falconer'],
    ['a new source QUINCE reported', 'QUINCE'],
    ['Source "Falconer" met', 'Falconer'],
    ['receipt signed "Copper Kettle".', 'Copper Kettle'],
    ['he signed the receipt as “Walnut”', 'Walnut'],
    ['signed with his codename "Quince"', 'Quince'],
    ['رسید را با نام رمز «بازدار» امضا کرد', 'بازدار'],
    ['منبعی با نام رمز باغ گزارش داد', 'باغ'],
    ['با اسم رمز «نخل خرما»', 'نخل خرما'],
    ['دیدار با منبع «باغ» در بصره', 'باغ'],
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

  it('makes an introduced name a code name wherever the document writes it', () => {
    const text =
      'SUBJECT: WALNUT ON THE BUDGET\n1. The case officer met Walnut (Source 509318) on 27 April. Walnut said that ' +
      "Walnut's brother, not the walnut trees, mattered; Walnuts and a Walnut-shaped box are other words.";
    expect(codenames(text)).toEqual([
      ['WALNUT', undefined],
      ['Walnut', undefined],
      ['Source 509318', 'source 509318'],
      ['Walnut', undefined],
      ['Walnut', undefined],
      ['Walnut', undefined],
    ]);
  });

  it('spreads a name introduced in capitals to its Title Case, and a Persian name as a whole word', () => {
    expect(codenames('the major code-named SILVER HERON, later Silver Heron said; SILVER HERON signed.')).toEqual([
      ['SILVER HERON', undefined],
      ['Silver Heron', undefined],
      ['SILVER HERON', undefined],
    ]);
    expect(codenames('با منبع ۲۷۵۱۱۸ (باغ) دیدار شد. باغ گفت که باغ‌ها و باغبان‌ها')).toEqual([
      ['منبع ۲۷۵۱۱۸', 'source 275118'],
      ['باغ', undefined],
      ['باغ', undefined],
    ]);
  });

  it('spreads thousands of introduced names in one pass over the words', () => {
    const name = (i: number) => 'Q' + [...i.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('') + 'x';
    const names = Array.from({ length: 20_000 }, (_, i) => name(i));
    const text = names.map((n) => `codenamed ${n}; ${n} said.`).join(' ');
    const started = performance.now();
    const found = findCodenames(text);
    expect(found).toHaveLength(40_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('spreads nothing from text without an introduced name', () => {
    expect(codenames('Blue Lantern said that Blue Lantern would come.')).toEqual([]);
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
    ['THE SOURCE KNOWN AS FALCONER'],
    ['Source Reporting and Source Payments'],
    ['a source. Falconer said'],
    ['sources Falconer and Orchard met'],
    ['the shipping agent José Ferreira'],
    ['with the help of his agent Audrey Wood'],
    ["Williams's agent Audrey Wood"],
    ['an FBI agent Robert Hanssen'],
    ['the open source Linux'],
    ['code-named BLUE LANTERN REPORTED TODAY'],
    ['a contact called Karim'],
    ['what he called "Friends Across the Border"'],
    ['the letter signed "Hadi al-Amiri"'],
    ['under the pseudonym Dr. Robert'],
    ['رسید را با نام رمز خود امضا کرد'],
    ['جریان نام مستعار چیست ؟'],
    ['منبع گزارش داد که'],
  ])('finds nothing in %j', (text) => {
    expect(codenames(text)).toEqual([]);
  });
});
