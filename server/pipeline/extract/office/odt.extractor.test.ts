import { describe, expect, it } from 'vitest';
import { buildOdt, CABLE_EN, CABLE_FA, odfParagraph } from '../../../../fixtures/formats/office/make-office.ts';
import { extractFailure, extractOne, passages } from '../../../../fixtures/formats/office/office-test.helper.ts';

describe('.odt', () => {
  it('gives a passage per heading and paragraph, Persian intact', async () => {
    const document = await extractOne('cable.odt', buildOdt());
    expect(passages(document.body)).toEqual([...CABLE_EN, CABLE_FA]);
  });

  it('reads meta.xml: the initial creator is the author, dc:creator the last to modify it', async () => {
    const meta =
      '<dc:title>Bazaar strike</dc:title><meta:initial-creator>Consulate Tabriz</meta:initial-creator><dc:creator>Political Officer</dc:creator>' +
      '<meta:creation-date>2014-11-04T09:30:00.120000000</meta:creation-date><dc:date>2014-11-05T16:02:00</dc:date><meta:generator>LibreOffice</meta:generator>';
    const document = await extractOne('cable.odt', buildOdt({ meta }));
    expect(document).toMatchObject({ title: 'Bazaar strike', author: 'Consulate Tabriz', dateText: '2014-11-04T09:30:00.120000000' });
    expect(document.metadata).toEqual({
      created: '2014-11-04T09:30:00.120000000',
      modified: '2014-11-05T16:02:00',
      last_modified_by: 'Political Officer',
      application: 'LibreOffice',
    });
  });

  it('expands spaces, tabs and line breaks, and writes tables as rows of cells', async () => {
    const text =
      '<text:p>TO:<text:tab/>SECSTATE<text:line-break/>FROM:<text:s text:c="2"/>AMCONSUL</text:p>' +
      '<table:table><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell><table:table-cell><text:p>Role</text:p></table:table-cell>' +
      '<table:table-cell table:number-columns-repeated="3"/></table:table-row></table:table>';
    const document = await extractOne('memo.odt', buildOdt({ text }));
    expect(passages(document.body)).toEqual(['TO:\tSECSTATE\nFROM:  AMCONSUL', 'Name | Role']);
  });

  it('puts footnotes and comments after the body and tracked deletions in metadata', async () => {
    const text =
      '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>Editor</dc:creator></office:change-info>' +
      '<text:p>Colonel Ahmadi</text:p></text:deletion></text:changed-region></text:tracked-changes>' +
      '<text:p>The source<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>A trusted contact.</text:p></text:note-body></text:note> spoke freely.' +
      '<office:annotation><dc:creator>Desk officer</dc:creator><dc:date>2014-11-05</dc:date><text:p>Confirm.</text:p></office:annotation></text:p>';
    const document = await extractOne('notes.odt', buildOdt({ text }));
    expect(passages(document.body)).toEqual([
      'The source spoke freely.',
      'Footnote 1: A trusted contact.',
      'Comment by Desk officer: Confirm.',
    ]);
    expect(document.metadata.deleted_text).toEqual(['Colonel Ahmadi']);
  });

  it('refuses a password-protected file with extract.encrypted_office', async () => {
    const error = await extractFailure('locked.odt', buildOdt({ encrypted: true }));
    expect(error.code).toBe('extract.encrypted_office');
    expect(error.message).toBe(
      'The OpenDocument text is password-protected; open it with the password, save a copy without one and import that.',
    );
  });

  it('reports a document without text as extract.no_text', async () => {
    const error = await extractFailure('blank.odt', buildOdt({ text: odfParagraph('') + '<text:p><text:s text:c="5"/></text:p>' }));
    expect(error.code).toBe('extract.no_text');
  });
});
