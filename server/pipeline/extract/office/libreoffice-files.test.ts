// Files written by a real office suite (LibreOffice, converting synthetic files that
// make-office.ts builds; see fixtures/formats/office/make-libreoffice.ts), so the readers are
// checked against more than the XML this project writes itself.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CABLE_EN, CABLE_FA } from '../../../../fixtures/formats/office/make-office.ts';
import { extractOne, passages } from '../../../../fixtures/formats/office/office-test.helper.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../../fixtures/formats/office', name));
const [SUBJECT, FIRST, SECOND] = CABLE_EN;
const PROPS = { title: 'Bazaar strike in Tabriz', author: 'Consulate Tabriz' };

describe('files written by LibreOffice', () => {
  it('sample.doc (Word 97): paragraphs, table rows, Persian, footnote and summary properties', async () => {
    const document = await extractOne('sample.doc', fixture('sample.doc'));
    expect(passages(document.body)).toEqual([
      SUBJECT,
      FIRST,
      SECOND,
      'Name\tRole',
      'Ali Rezaei\tguild elder',
      CABLE_FA,
      'Footnote: Reported by a trusted contact.',
    ]);
    expect(document).toMatchObject({ ...PROPS, dateText: '2014-11-04T09:30:00Z' });
    expect(document.metadata).toMatchObject({
      created: '2014-11-04T09:30:00Z',
      modified: '2014-11-05T16:02:00Z',
      last_modified_by: 'Political Officer',
    });
  });

  it('libreoffice.odt', async () => {
    const document = await extractOne('cable.odt', fixture('libreoffice.odt'));
    expect(passages(document.body)).toEqual([
      SUBJECT,
      FIRST,
      SECOND,
      'Name | Role\nAli Rezaei | guild elder',
      CABLE_FA,
      'Footnote 1: Reported by a trusted contact.',
    ]);
    expect(document).toMatchObject({ ...PROPS, dateText: '2014-11-04T09:30:00' });
    expect(document.metadata).toMatchObject({ modified: '2014-11-05T16:02:00', last_modified_by: 'Political Officer' });
  });

  it('libreoffice.rtf, whose last editor is a second \\author', async () => {
    const document = await extractOne('cable.rtf', fixture('libreoffice.rtf'));
    expect(passages(document.body)).toEqual([SUBJECT, FIRST, SECOND, 'Name | Role', 'Ali Rezaei | guild elder', CABLE_FA]);
    expect(document).toMatchObject({ ...PROPS, dateText: '2014-11-04T09:30:00' });
    expect(document.metadata).toMatchObject({ modified: '2014-11-05T16:02:00', last_modified_by: 'Political Officer' });
  });

  it('libreoffice.pptx', async () => {
    const document = await extractOne('briefing.pptx', fixture('libreoffice.pptx'));
    expect(passages(document.body)).toEqual([
      `Slide 1\nWeekly briefing: Tabriz\n${CABLE_FA}\nNotes: Ask the guild elders.`,
      'Slide 2\nNext steps',
    ]);
    expect(document).toMatchObject({ ...PROPS, dateText: '2014-11-04T09:30:00Z' });
  });

  it.each(['libreoffice.xls', 'libreoffice.ods'])('%s', async (name) => {
    const document = await extractOne(name, fixture(name));
    expect(document.metadata).toMatchObject({ sheets: ['Contacts'], row_count: 31 });
    expect(
      document.body.startsWith('Sheet: Contacts\nNo. | Date | Source | Note\n1 | 2014-11-02 | Contact 1 | Meeting 1 at the bazaar\n'),
    ).toBe(true);
    expect(document.body).toContain('\n30 | 2014-11-03 | منبع محلی | Meeting 30 at the bazaar');
  });
});
