import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPdf } from '../fixtures/formats/make-pdf.ts';
import { createServices } from '../server/services.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { documentBody } from './document-body.ts';
import { PagesRepository } from './pages.repository.ts';

/** A PDF with one page per entry; an empty entry is a page that only draws a line (no text layer). */
export function pagedPdf(pageTexts: string[]): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const kids: string[] = [];
  for (const text of pageTexts) {
    const lines = text.split('\n').map((line, i) => `${i === 0 ? '' : '0 -16 Td '}(${line}) Tj`);
    const content = text === '' ? '72 600 m 300 600 l S' : `BT /F1 12 Tf 72 720 Td ${lines.join(' ')} ET`;
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`,
    );
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  return buildPdf(objects);
}

let dir: string;
let db: TroveDatabase;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-pages-'));
  db = await openDatabase(join(dir, 'trove.db'), { readers: 0 });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('document pages', () => {
  it('an imported multi-page PDF has pages whose offsets slice the body', async () => {
    const texts = [
      'Embassy Tehran reports a quiet week.\nThe ambassador met the minister.',
      'Second page: the talks resumed.',
      '',
      'Last page text.',
    ];
    writeFileSync(join(dir, 'cable.pdf'), pagedPdf(texts));
    const summary = await createServices(db).import.importPaths([dir], { collection: 'c', maxFileBytes: 1e7, baseDir: dir });
    const id = summary.documents[0]!.id;
    const { body } = await db.writer
      .selectFrom('document')
      .select(documentBody('document').as('body'))
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const pages = await new PagesRepository(db.writer).pagesOf(id);
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect(pages.map((p) => body.slice(p.start, p.end))).toEqual(texts);
    expect(pages[0]).toMatchObject({ documentId: id, source: 'text', width: 612, height: 792 });
    expect(pages[0]!.words).toBeUndefined();
  });

  it('a document without pages has none', async () => {
    writeFileSync(join(dir, 'note.txt'), 'A plain note.');
    const summary = await createServices(db).import.importPaths([dir], { collection: 'c', maxFileBytes: 1e7, baseDir: dir });
    expect(await new PagesRepository(db.writer).pagesOf(summary.documents[0]!.id)).toEqual([]);
  });
});
