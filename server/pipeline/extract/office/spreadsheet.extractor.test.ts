import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildWorkbook, contactRows, type SheetSpec } from '../../../../fixtures/formats/office/make-office.ts';
import { extractFailure, extractOne, passages } from '../../../../fixtures/formats/office/office-test.helper.ts';
import { MAX_PASSAGE_LENGTH } from '../../segment.ts';

const SHEETS: SheetSpec[] = [
  { name: 'Contacts', rows: contactRows(45) },
  { name: 'یادداشت‌ها', rows: [['گزارش', 'بازار تبریز بسته بود'], [], ['Second line', '', 'after a gap']] },
];
const PROPS = {
  Title: 'Contact log',
  Author: 'Consulate Tabriz',
  LastAuthor: 'Political Officer',
  CreatedDate: new Date('2014-11-04T09:30:00Z'),
};

describe.each(['xlsx', 'xls', 'ods'] as const)('.%s', (format) => {
  const load = () => extractOne(`log.${format}`, buildWorkbook(SHEETS, format, PROPS));

  it('heads each sheet with its name and keeps the names in metadata', async () => {
    const document = await load();
    expect(
      document.body.startsWith('Sheet: Contacts\nNo. | Date | Source | Note\n1 | 2014-11-02 | Contact 1 | Meeting 1 at the bazaar\n'),
    ).toBe(true);
    expect(document.body).toContain('\n\nSheet: یادداشت‌ها\nگزارش | بازار تبریز بسته بود\nSecond line |  | after a gap');
    expect(document.metadata).toMatchObject({ sheets: ['Contacts', 'یادداشت‌ها'], row_count: 48 });
  });

  it('makes a passage of each block of rows, none longer than a passage may be', async () => {
    const found = passages((await load()).body);
    const contacts = found.filter((passage) => /\| Meeting \d+ at the bazaar/.test(passage));
    expect(contacts.length).toBeGreaterThanOrEqual(3);
    expect(contacts[0]!.split('\n')[0]).toBe('Sheet: Contacts');
    expect(contacts.every((passage) => passage.length <= MAX_PASSAGE_LENGTH)).toBe(true);
    expect(contacts.every((passage) => passage.split('\n').filter((line) => line.includes(' | ')).length <= 20)).toBe(true);
    // Every row lands whole in exactly one passage.
    const rows = contacts.flatMap((passage) => passage.split('\n').filter((line) => line.includes(' | ')));
    expect(rows).toHaveLength(46);
    expect(rows[45]).toBe('45 | 2014-11-18 | منبع محلی | Meeting 45 at the bazaar');
  });
});

describe('spreadsheet metadata', () => {
  it.each(['xlsx', 'xls'] as const)('.%s: title, author, created and last modified by', async (format) => {
    const document = await extractOne(`log.${format}`, buildWorkbook(SHEETS, format, PROPS));
    expect(document).toMatchObject({ title: 'Contact log', author: 'Consulate Tabriz', dateText: '2014-11-04T09:30:00Z' });
    expect(document.metadata).toMatchObject({ created: '2014-11-04T09:30:00Z', last_modified_by: 'Political Officer' });
  });

  it('.ods: from meta.xml', async () => {
    const parts = unzipSync(buildWorkbook(SHEETS, 'ods'));
    parts['meta.xml'] = strToU8(
      '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
        '<office:meta><dc:title>فهرست تماس‌ها</dc:title><meta:initial-creator>Consulate Tabriz</meta:initial-creator><dc:creator>Political Officer</dc:creator>' +
        '<meta:creation-date>2014-11-04T09:30:00</meta:creation-date><dc:date>2014-11-06T10:00:00</dc:date></office:meta></office:document-meta>',
    );
    const document = await extractOne('log.ods', zipSync(parts));
    expect(document).toMatchObject({ title: 'فهرست تماس‌ها', author: 'Consulate Tabriz', dateText: '2014-11-04T09:30:00' });
    expect(document.metadata).toMatchObject({
      created: '2014-11-04T09:30:00',
      modified: '2014-11-06T10:00:00',
      last_modified_by: 'Political Officer',
    });
  });

  it('marks hidden sheets, whose rows are still read', async () => {
    const document = await extractOne(
      'log.xlsx',
      buildWorkbook(
        [
          { name: 'Open', rows: [['a']] },
          { name: 'Payroll', rows: [['Agent 7', '4000']], hidden: true },
        ],
        'xlsx',
      ),
    );
    expect(document.body).toBe('Sheet: Open\na\n\nSheet: Payroll (hidden)\nAgent 7 | 4000');
    expect(document.metadata.hidden_sheets).toEqual(['Payroll']);
  });

  it('reads an Excel "spreadsheet" that is really an HTML table', async () => {
    const html = '<html><body><table><tr><td>Cable</td><td>Date</td></tr><tr><td>14TABRIZ123</td><td>4 Nov</td></tr></table></body></html>';
    const document = await extractOne('export.xls', new TextEncoder().encode(html));
    expect(document.body).toBe('Sheet: Sheet1\nCable | Date\n14TABRIZ123 | 4 Nov');
  });

  it('reports a workbook of empty sheets as extract.no_text', async () => {
    const error = await extractFailure('blank.xlsx', buildWorkbook([{ name: 'Empty', rows: [] }], 'xlsx'));
    expect(error.code).toBe('extract.no_text');
  });
});
