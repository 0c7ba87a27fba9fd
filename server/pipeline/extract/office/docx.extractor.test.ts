import { describe, expect, it } from 'vitest';
import { buildDocx, CABLE_EN, CABLE_FA, wParagraph } from '../../../../fixtures/formats/office/make-office.ts';
import { extractFailure, extractOne, passages } from '../../../../fixtures/formats/office/office-test.helper.ts';

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const run = (inner: string) => `<w:p><w:r>${inner}</w:r></w:p>`;

describe('.docx', () => {
  it('gives a paragraph per paragraph, each its own passage, Persian intact', async () => {
    const document = await extractOne('cable.docx', buildDocx());
    expect(document.body).toBe([...CABLE_EN, CABLE_FA].join('\n\n'));
    expect(passages(document.body)).toEqual([...CABLE_EN, CABLE_FA]);
  });

  it('reads title, author and dates from docProps/core.xml', async () => {
    const core = {
      title: 'Bazaar strike in Tabriz',
      creator: 'Consulate Tabriz',
      lastModifiedBy: 'Political Officer',
      created: '2014-11-04T09:30:00Z',
      modified: '2014-11-05T16:02:00Z',
      subject: 'گزارش بازار',
    };
    const document = await extractOne('cable.docx', buildDocx({ core }));
    expect(document).toMatchObject({ title: 'Bazaar strike in Tabriz', author: 'Consulate Tabriz', dateText: '2014-11-04T09:30:00Z' });
    expect(document.metadata).toEqual({
      created: '2014-11-04T09:30:00Z',
      modified: '2014-11-05T16:02:00Z',
      last_modified_by: 'Political Officer',
      subject: 'گزارش بازار',
    });
  });

  it('keeps tabs and line breaks inside a paragraph, and drops the paragraph properties', async () => {
    const body =
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' +
      '<w:r><w:t>TO:</w:t><w:tab/><w:t>SECSTATE WASHDC</w:t><w:br/><w:t>INFO:</w:t><w:tab/><w:t>AMEMBASSY ANKARA</w:t></w:r></w:p>';
    const document = await extractOne('header.docx', buildDocx({ body }));
    expect(document.body).toBe('TO:\tSECSTATE WASHDC\nINFO:\tAMEMBASSY ANKARA');
    expect(passages(document.body)).toHaveLength(1);
  });

  it('writes a table as rows of cells joined by " | "', async () => {
    const cell = (text: string) => `<w:tc><w:tcPr/><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
    const row = (...cells: string[]) => `<w:tr>${cells.map(cell).join('')}</w:tr>`;
    const body = `${wParagraph('Contacts:')}<w:tbl><w:tblPr/>${row('Name', 'Role')}${row('Ali Rezaei', 'guild elder')}</w:tbl>${wParagraph('End.')}`;
    const document = await extractOne('table.docx', buildDocx({ body }));
    expect(passages(document.body)).toEqual(['Contacts:', 'Name | Role\nAli Rezaei | guild elder', 'End.']);
  });

  it('leaves tracked deletions, field codes and drawing fallbacks out of the body, and keeps deletions in metadata', async () => {
    const body =
      '<w:p><w:r><w:t xml:space="preserve">The source is </w:t></w:r>' +
      '<w:del w:id="1" w:author="Editor"><w:r><w:delText>Colonel Ahmadi</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="Editor"><w:r><w:t>a senior officer</w:t></w:r></w:ins>' +
      '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>.</w:t></w:r></w:p>' +
      '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
      '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed note</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>' +
      '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed note</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>' +
      '</mc:AlternateContent></w:r></w:p>';
    const document = await extractOne('revised.docx', buildDocx({ body }));
    expect(document.body).toBe('The source is a senior officer.\n\nBoxed note');
    expect(document.metadata.deleted_text).toEqual(['Colonel Ahmadi']);
  });

  it('adds footnotes and comments after the body, and keeps headers and footers in metadata', async () => {
    const parts = {
      'word/footnotes.xml':
        `<w:footnotes ${W_NS}><w:footnote w:type="separator" w:id="-1">${run('<w:separator/>')}</w:footnote>` +
        `<w:footnote w:id="1">${run('<w:t>Reported by a trusted contact.</w:t>')}</w:footnote></w:footnotes>`,
      'word/comments.xml': `<w:comments ${W_NS}><w:comment w:id="0" w:author="Desk officer">${run('<w:t>Confirm the date.</w:t>')}</w:comment></w:comments>`,
      'word/header1.xml': `<w:hdr ${W_NS}>${run('<w:t>CONFIDENTIAL</w:t>')}</w:hdr>`,
      'word/header2.xml': `<w:hdr ${W_NS}>${run('<w:t>CONFIDENTIAL</w:t>')}</w:hdr>`,
      'word/footer1.xml': `<w:ftr ${W_NS}>${run('<w:t>Page</w:t>')}</w:ftr>`,
    };
    const document = await extractOne('notes.docx', buildDocx({ body: wParagraph('Main text.'), parts }));
    expect(passages(document.body)).toEqual([
      'Main text.',
      'Footnote 1: Reported by a trusted contact.',
      'Comment by Desk officer: Confirm the date.',
    ]);
    expect(document.metadata).toMatchObject({ headers: ['CONFIDENTIAL'], footers: ['Page'] });
  });

  it('reports a document without text as extract.no_text', async () => {
    const error = await extractFailure('empty.docx', buildDocx({ body: '<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>' }));
    expect(error.code).toBe('extract.no_text');
    expect(error.message).toBe('The Word document contains no text; if it holds only scanned images, run OCR on it first.');
  });
});
