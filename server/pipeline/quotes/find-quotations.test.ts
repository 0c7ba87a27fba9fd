import { describe, expect, it } from 'vitest';
import { findQuotations } from './find-quotations.ts';

const texts = (body: string, htmlQuotes?: string[]) => findQuotations(body, { htmlQuotes }).map((q) => q.text);
const fragmentTexts = (body: string) => findQuotations(body).map((q) => q.fragments.map((f) => body.slice(f.start, f.end)));

describe('findQuotations: quotation marks', () => {
  it.each([
    ['English double', 'He said “the port is closed to us now” and left.', 'the port is closed to us now'],
    ['straight double', 'He said "the port is closed to us now" and left.', 'the port is closed to us now'],
    ['English single', 'He said ‘the port is closed to us now’ and left.', 'the port is closed to us now'],
    ['straight single', "He said 'the port is closed to us now' and left.", 'the port is closed to us now'],
    ['French guillemets with spaces', 'Il a dit « le port est fermé pour nous » hier.', 'le port est fermé pour nous'],
    ['guillemets without spaces', 'Er sagte «der Hafen ist jetzt zu» gestern.', 'der Hafen ist jetzt zu'],
    ['reversed guillemets', 'Er sagte »der Hafen ist jetzt zu« gestern.', 'der Hafen ist jetzt zu'],
    ['German low-high', 'Er sagte „der Hafen ist jetzt zu“ gestern.', 'der Hafen ist jetzt zu'],
    ['single guillemets', 'Il a dit ‹ le port est fermé › hier.', 'le port est fermé'],
    ['Swedish', 'Han sa ”hamnen är stängd nu” igår.', 'hamnen är stängd nu'],
  ])('%s', (_name, body, expected) => {
    expect(texts(body)).toEqual([expected]);
  });

  it('gives offsets into the body: body.slice(start, end) is the quotation', () => {
    const body = 'First “one two three”.\n\nThen "four five six" and ‘seven eight nine’.';
    const found = findQuotations(body);
    expect(found).toHaveLength(3);
    for (const q of found) expect(body.slice(q.start, q.end)).toBe(q.text);
  });

  it('keeps a quotation inside a quotation as part of the outer one', () => {
    const body = 'The cable says “the militias had become ‘a state within the state’ in parts of Diyala” today.';
    expect(texts(body)).toEqual(['the militias had become ‘a state within the state’ in parts of Diyala']);
    const straight = 'He wrote "two officers who, in his words, \'have always been closer to them\'" in March.';
    expect(texts(straight)).toEqual(["two officers who, in his words, 'have always been closer to them'"]);
  });

  it('ends a nested quotation at the outer closing mark (no mark between)', () => {
    expect(texts('“two officers who, in his words, ‘have always been closer to the other side than to us’”.')).toEqual([
      'two officers who, in his words, ‘have always been closer to the other side than to us’',
    ]);
  });

  it('does not take apostrophes for quotation marks', () => {
    expect(texts('The company’s card and the officers’ sources; don’t ask. It’s the ’90s.')).toEqual([]);
    expect(texts("The company's card and the officers' sources; don't ask.")).toEqual([]);
    expect(texts('He had “nothing against helping the pilgrims’ country” at all.')).toEqual([
      'nothing against helping the pilgrims’ country',
    ]);
    expect(texts("They said 'the officers' sources were blunt' then.")).toEqual(["the officers' sources were blunt"]);
    expect(texts("“The owner has been given the company's card.”")).toEqual(["The owner has been given the company's card."]);
  });

  it('never lets a quotation run past its paragraph unless the next one opens with the mark again', () => {
    expect(texts('An “open quote ends here.\n\nA new paragraph with “a real quote in it” here.')).toEqual([
      'open quote ends here.',
      'a real quote in it',
    ]);
    expect(texts('Two “open marks and “another one here.\n\nA new paragraph.')).toEqual([]);
  });

  it('marks a word or two as too short to link, and keeps them', () => {
    const found = findQuotations('Their “friends” and their "cooperation" were "a state within the state".');
    expect(found.map((q) => [q.text, q.tooShort])).toEqual([
      ['friends', true],
      ['cooperation', true],
      ['a state within the state', false],
    ]);
    expect(findQuotations('“The men with guns”')[0]!.tooShort).toBe(false);
  });
});

describe('findQuotations: fragments', () => {
  it.each([
    ['…', 'as “few shepherds … two of them said” here'],
    ['...', 'as “few shepherds ... two of them said” here'],
    ['[…]', 'as “few shepherds […] two of them said” here'],
    ['[...]', 'as “few shepherds [...] two of them said” here'],
    ['(…)', 'as “few shepherds (…) two of them said” here'],
    ['(...)', 'as “few shepherds (...) two of them said” here'],
  ])('splits at %s', (_mark, body) => {
    const [q] = findQuotations(body);
    expect(q!.fragments.map((f) => body.slice(f.start, f.end))).toEqual(['few shepherds', 'two of them said']);
    expect(q!.ellipses).toHaveLength(1);
    expect(body.slice(q!.ellipses[0]!.start, q!.ellipses[0]!.end).replace(/\s/g, '')).toMatch(/^[[(]?(…|\.\.\.)[\])]?$/);
  });

  it('splits at bracketed insertions and records their words', () => {
    const body = '“[The Iraqi official] called it necessary” and “The sheikh excepted [sic] the money without counting it”.';
    const [a, b] = findQuotations(body);
    expect(a!.fragments.map((f) => body.slice(f.start, f.end))).toEqual(['called it necessary']);
    expect(a!.insertions.map((i) => i.text)).toEqual(['The Iraqi official']);
    expect(b!.fragments.map((f) => body.slice(f.start, f.end))).toEqual(['The sheikh excepted', 'the money without counting it']);
    expect(b!.insertions.map((i) => [i.text, body.slice(i.start, i.end)])).toEqual([['sic', '[sic]']]);
  });

  it('counts words without the insertions when deciding what is too short', () => {
    expect(findQuotations('“[The minister] agreed”')[0]!.tooShort).toBe(true);
  });

  it('keeps parentheses, which belong to the source', () => {
    expect(fragmentTexts('“Orchard (Source 275118): € 1,500 on 15 Shahrivar”')).toEqual([
      ['Orchard (Source 275118): € 1,500 on 15 Shahrivar'],
    ]);
  });
});

describe('findQuotations: block quotes', () => {
  it('finds Markdown block quotes, leaving out the > markers', () => {
    const body = 'The statement:\n\n> Orchard was paid € 1,500 towards\n> his daughter’s fees, it says.\n\nAfter.';
    const [q] = findQuotations(body);
    expect(q!.style).toBe('block');
    expect(q!.fragments.map((f) => body.slice(f.start, f.end))).toEqual([
      'Orchard was paid € 1,500 towards',
      'his daughter’s fees, it says.',
    ]);
  });

  it('treats quotation marks inside a block quote as part of it', () => {
    const body = 'Intro.\n\n> He said “we found it empty” and left the room.\n\nOutro “with its own quote here”.';
    expect(texts(body)).toEqual(['He said “we found it empty” and left the room.', 'with its own quote here']);
  });

  it('finds indented paragraphs in plain text, unless everything is indented', () => {
    const body = 'The cable reads:\n\n    The station judges that money and grievance\n    are the main motives.\n\nEnd of story.';
    expect(findQuotations(body).map((q) => q.style)).toEqual(['block']);
    expect(findQuotations('    all of it\n    is indented here').length).toBe(0);
  });

  it('finds <blockquote> and <q> texts from the HTML extractor in the body', () => {
    const body =
      'The article.\n\nThe station judges that money and grievance are the main motives.\n\nHe called it temporary but necessary, they said.';
    const found = findQuotations(body, {
      htmlQuotes: ['The station judges that money and grievance are the main motives.', 'temporary but necessary'],
    });
    expect(found.map((q) => [q.style, q.text])).toEqual([
      ['html', 'The station judges that money and grievance are the main motives.'],
      ['html', 'temporary but necessary'],
    ]);
  });
});

// Real-world mark patterns, in sentences written for these tests: each quotation of five words or more is found.
describe('findQuotations: messy newsroom copy', () => {
  const Q = 'the governor had already signed the order';
  it.each([
    ['straight open, curly close', `The aide said "${Q}” before noon.`, [Q]],
    ['curly open, straight close', `The aide said “${Q}" before noon.`, [Q]],
    ['low open, straight close', `The aide said „${Q}" before noon.`, [Q]],
    ['two opening curly marks', `The aide said “${Q}“ before noon.`, [Q]],
    ['closing mark used to open', `The aide said ”${Q}" before noon.`, [Q]],
    ['single curly open, straight close', `The aide said ‘${Q}' before noon.`, [Q]],
    ['single straight open, curly close', `The aide said '${Q}’ before noon.`, [Q]],
    ['single open, double close', `The aide said ‘${Q}" before noon.`, [Q]],
    ['mixed marks before a comma', `"${Q}”, the aide said.`, [Q]],
    ['mixed marks after the full stop', `The aide said: “${Q}."`, [`${Q}.`]],
    ['no-break spaces inside the marks', `The aide said “\u00a0${Q}\u00a0” before noon.`, [Q]],
    ['two mixed quotations in one sentence', `He said "${Q}” and “the ink was barely dry" then.`, [Q, 'the ink was barely dry']],
    [
      'nested straight inside curly, curly close',
      `He said “the man they call "the clerk" had signed the order" then.`,
      ['the man they call "the clerk" had signed the order'],
    ],
    [
      'a stray mark of the other style inside',
      `He said “agent "Falcon had signed the order that night” then.`,
      ['agent "Falcon had signed the order that night'],
    ],
    [
      'straight marks of code inside curly ones open, not close',
      `The log reads: “the clerk typed alert("source") and then onerror=alert("x") into the form.” Then he left.`,
      ['the clerk typed alert("source") and then onerror=alert("x") into the form.'],
    ],
    ['apostrophes and a decade', `It's the '90s again, and "the officers' sources were blunt” here.`, ["the officers' sources were blunt"]],
  ])('%s', (_name, body, expected) => {
    expect(texts(body)).toEqual(expected);
  });

  it('treats no-break spaces, double spaces and soft line breaks inside a quotation as spaces', () => {
    const body = 'The aide said “the governor\u00a0had  already\nsigned the order” before noon.';
    const [q] = findQuotations(body);
    expect(body.slice(q!.start, q!.end)).toBe(q!.text);
    expect(q!.fragments).toHaveLength(1);
    expect(q!.tooShort).toBe(false);
  });

  it('runs a quotation over paragraphs that each open with the mark again, one fragment per paragraph', () => {
    const body =
      'The cable went on: “the port is closed to our ships.\n\n“The customs men wait for their money.\n\n\u00a0“Nobody sails before the feast,” it ended.';
    const [q, ...rest] = findQuotations(body);
    expect(rest).toEqual([]);
    expect(q!.fragments.map((f) => body.slice(f.start, f.end))).toEqual([
      'the port is closed to our ships.',
      'The customs men wait for their money.',
      'Nobody sails before the feast,',
    ]);
    expect(q!.ellipses).toEqual([]);
    expect(q!.insertions).toEqual([]);
  });

  it('closes a quotation left open at the end of its paragraph only when that is the one balanced reading', () => {
    expect(texts('The aide said “the governor had already signed the order.\n\nThen he left.')).toEqual([
      'the governor had already signed the order.',
    ]);
    expect(texts('Over two: “the port is closed to our ships.\n\n“The customs men wait for their money.\n\nThen he left.')).toEqual([
      'the port is closed to our ships.\n\n“The customs men wait for their money.',
    ]);
    expect(texts('The aide said “the man they call "the clerk" had signed the order.\n\nThen he left.')).toEqual([
      'the man they call "the clerk" had signed the order.',
    ]);
    // Another double mark could end it instead: no quotation rather than a guess.
    expect(texts('The aide said “the governor had "already signed the order.\n\nThen he left.')).toEqual([]);
    expect(texts('A paragraph break with spaces: “the governor had signed it.\n \u00a0\nThen he left.')).toEqual([
      'the governor had signed it.',
    ]);
  });
});
