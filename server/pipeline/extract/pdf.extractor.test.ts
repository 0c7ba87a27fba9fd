import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPdf, noTextPdf, textPdf } from '../../../fixtures/formats/make-pdf.ts';
import { extractPdf, pdfDateToIso } from './pdf.extractor.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../fixtures/formats', name));

describe('extractPdf', () => {
  it('extracts the text layer line by line, with the info dictionary', async () => {
    const { documents, problems } = await extractPdf(fixture('sample.pdf'));
    expect(problems).toEqual([]);
    expect(documents).toEqual([
      {
        title: 'Trove sample cable',
        author: 'Trove fixtures',
        dateText: '2014-11-03T12:00:00Z',
        body: 'Embassy Tehran reports a quiet week.\nThe second line mentions 12 Aban 1393.',
        metadata: { producer: 'make-pdf.ts', creationDate: 'D:20141103120000Z', pageCount: 1 },
        pages: [{ number: 1, start: 0, end: 75, width: 612, height: 792, source: 'text' }],
      },
    ]);
  });

  it('leaves the caller’s buffer usable (pdf.js detaches the buffer it is given)', async () => {
    const bytes = new Uint8Array(fixture('sample.pdf'));
    await extractPdf(bytes);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
  });

  it('separates pages with a blank line', async () => {
    const page = (contents: number) =>
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents ${contents} 0 R >>`;
    const content = (text: string) => {
      const body = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
      return `<< /Length ${body.length} >>\nstream\n${body}\nendstream`;
    };
    const pdf = buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>',
      page(4),
      content('First page text.'),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      content('Second page text.'),
      page(6),
    ]);
    const [document] = (await extractPdf(pdf)).documents;
    expect(document?.body).toBe('First page text.\n\nSecond page text.');
    expect(document?.metadata.pageCount).toBe(2);
  });

  it('reads a PDF without text as an empty body whose pages are left for OCR', async () => {
    const [document] = (await extractPdf(fixture('no-text.pdf'))).documents;
    expect(document).toMatchObject({ body: '', pages: [{ number: 1, start: 0, end: 0, source: 'text' }] });
  });

  it('leaves a page whose text layer is not words (a scanner’s junk layer) empty', async () => {
    const pdf = buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      (() => {
        const body = 'BT /F1 12 Tf 72 720 Td (#$%& *+,- ;<=> @[ ]^ {|}~) Tj ET';
        return `<< /Length ${body.length} >>\nstream\n${body}\nendstream`;
      })(),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]);
    const [document] = (await extractPdf(pdf)).documents;
    expect(document).toMatchObject({ body: '', pages: [{ number: 1, start: 0, end: 0 }] });
  });

  it('reports bytes that are not a PDF as extract.malformed_pdf', async () => {
    await expect(extractPdf(new TextEncoder().encode('<html>not a pdf</html>'))).rejects.toMatchObject({
      code: 'extract.malformed_pdf',
    });
  });
});

describe('PDF fixtures', () => {
  it('match what make-pdf.ts generates', () => {
    expect(Buffer.compare(fixture('sample.pdf'), textPdf())).toBe(0);
    expect(Buffer.compare(fixture('no-text.pdf'), noTextPdf())).toBe(0);
  });

  it('have an xref table whose offsets point at their objects', () => {
    const pdf = fixture('sample.pdf').toString('latin1');
    const xrefAt = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const entries = pdf.slice(xrefAt).split('\n').slice(3, 9);
    entries.forEach((entry, index) => {
      expect(entry).toHaveLength(19); // 20 bytes with the newline, as the PDF spec requires
      const offset = Number(entry.slice(0, 10));
      expect(pdf.slice(offset).startsWith(`${index + 1} 0 obj`)).toBe(true);
    });
  });
});

describe('pdfDateToIso', () => {
  it.each([
    ['D:20141103120000Z', '2014-11-03T12:00:00Z'],
    ["D:20141103120000+03'30'", '2014-11-03T12:00:00+03:30'],
    ['D:20141103', '2014-11-03'],
    ['D:2014', '2014'],
    ['not a date', 'not a date'],
  ])('turns %j into %j', (raw, iso) => {
    expect(pdfDateToIso(raw)).toBe(iso);
  });
});
