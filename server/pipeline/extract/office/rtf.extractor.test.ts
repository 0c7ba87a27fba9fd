import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFailure, extractOne, passages } from '../../../../fixtures/formats/office/office-test.helper.ts';

const sample = readFileSync(resolve(import.meta.dirname, '../../../../fixtures/formats/office/sample.rtf'));
const rtf = (text: string) => new TextEncoder().encode(text);

describe('.rtf', () => {
  it('gives a passage per paragraph and a row per table row, decoding \\u escapes and Windows-1256 bytes', async () => {
    const document = await extractOne('cable.rtf', sample);
    expect(passages(document.body)).toEqual([
      'SUBJECT: FUEL PRICES AND THE BAZAAR STRIKE IN TABRIZ',
      '1. (C) Merchants in the covered bazaar closed their shops for a second day on Tuesday, café owners too.',
      'بازاریان تبریز گزارش محرمانه',
      'Name | Role',
      'Ali Rezaei | guild elder',
      'TO:\tSECSTATE\nFROM:\tAMCONSUL Tabriz',
    ]);
  });

  it('reads the \\info group into fields and metadata, not into the body', async () => {
    const document = await extractOne('cable.rtf', sample);
    expect(document).toMatchObject({ title: 'Bazaar strike in Tabriz', author: 'Consulate Tabriz', dateText: '2014-11-04T09:30:00' });
    expect(document.metadata).toEqual({
      subject: 'گزارش',
      created: '2014-11-04T09:30:00',
      modified: '2014-11-05T16:02:00',
      last_modified_by: 'Political Officer',
    });
    expect(document.body).not.toMatch(/Consulate|Trove fixtures|Times New Roman|Normal|89504e/);
  });

  it('reads RTF saved under a .doc name, as Word often did', async () => {
    const document = await extractOne('cable.doc', sample);
    expect(document.title).toBe('Bazaar strike in Tabriz');
  });

  it('reports RTF without text as extract.no_text', async () => {
    const error = await extractFailure('blank.rtf', rtf('{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\par\\par}'));
    expect(error.code).toBe('extract.no_text');
  });
});
