// Downloads of originals: the bytes as imported, always as an attachment with a safe name and a type
// a browser will not render as a page, only for readers of the document.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, grant, signIn } from '../../../fixtures/accounts.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { PAGE, writeOriginalsFixture, type OriginalsFixture } from '../../../fixtures/originals/make-originals.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import { createServices } from '../../services.ts';

let t: TestApp;
let fixture: OriginalsFixture;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp(async (db) => {
    const folder = join(dirname(db.path), 'in');
    mkdirSync(folder);
    fixture = writeOriginalsFixture(folder);
    const { import: importer } = createServices(db);
    const options = { maxFileBytes: 1e6, baseDir: folder };
    await importer.importPaths([join(folder, 'cables'), join(folder, 'notice.html'), join(folder, 'leak.zip')], {
      ...options,
      collection: 'press',
      visibility: 'public',
    });
    await importer.importPaths([join(folder, 'mail.eml')], { ...options, collection: 'vault', visibility: 'restricted' });
    await addDocuments(db, [{ ref: 'OLD-001', body: 'An older import, from before originals were kept.' }], 'press');
    await addAccount(db, 'mo', 'viewer');
    await grant(db, 'vault', 'mo', 'viewer');
  });
  for (const row of t.db.writerConnection.prepare('select id, source_file, ref from document').all() as Array<Record<string, string>>)
    ids[row.ref === 'OLD-001' ? 'OLD-001' : row.source_file!] = Number(row.id);
});
afterAll(async () => t.close());

const download = (file: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url: `/api/documents/${ids[file]}/original`, headers });

describe('GET /api/documents/:id/original', () => {
  it('sends the bytes as imported, as an attachment, with its size and nosniff', async () => {
    const response = await download('cables/cable-1.txt');
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload).toEqual(Buffer.from(fixture.files['cables/cable-1.txt']!));
    expect(response.headers).toMatchObject({
      'content-type': 'text/plain',
      'content-disposition': `attachment; filename="cable-1.txt"; filename*=UTF-8''cable-1.txt`,
      'content-length': String(fixture.files['cables/cable-1.txt']!.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
  });

  it('never serves HTML as a page', async () => {
    const response = await download('notice.html');
    expect(response.body).toBe(PAGE);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-disposition']).toMatch(/^attachment; /);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('names a Persian file in UTF-8, and hands back a file from inside a zip', async () => {
    const persian = await download('cables/گزارش.md');
    expect(persian.headers['content-disposition']).toBe(
      `attachment; filename="_____.md"; filename*=UTF-8''${encodeURIComponent('گزارش.md')}`,
    );
    const inner = await download('leak.zip!/mail.eml!/brief.txt');
    expect(inner.rawPayload).toEqual(Buffer.from(fixture.inner['leak.zip!/mail.eml!/brief.txt']!));
  });

  it('says in the document API whether an original is available', async () => {
    const detail = (await t.app.inject({ url: `/api/documents/${ids['leak.zip!/z.txt']}` })).json();
    expect(detail.document.originalFile).toEqual({
      fileName: 'z.txt',
      mediaType: 'text/plain',
      size: fixture.inner['leak.zip!/z.txt']!.length,
    });
    expect((await t.app.inject({ url: `/api/documents/${ids['OLD-001']}` })).json().document.originalFile).toBeNull();
  });

  it('answers 404 with a reason for an older import, and for a file gone from the store', async () => {
    const old = await download('OLD-001');
    expect(old.statusCode).toBe(404);
    expect(old.json().error).toEqual({
      code: 'original.not_stored',
      message:
        'The original file of this document was not kept: it was imported before Trove kept originals. Import its file again to keep it; its text is still here.',
    });
    const sha = createHash('sha256').update(fixture.files['cables/cable-1.txt']!).digest('hex');
    rmSync(join(dirname(t.db.path), 'originals', sha));
    const gone = await download('cables/cable-1.txt');
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('original.missing');
    expect(gone.body).not.toContain(dirname(t.db.path));
  });

  it('gives a restricted mail and its attachment only to members; to others exactly the answer for a missing id', async () => {
    const member = await signIn(t.app, 'mo');
    const attachment = await download('mail.eml!/memo.txt', member);
    expect(attachment.rawPayload).toEqual(Buffer.from(fixture.inner['mail.eml!/memo.txt']!));
    expect(attachment.headers['content-disposition']).toBe(`attachment; filename="memo.txt"; filename*=UTF-8''memo.txt`);
    expect((await download('mail.eml', member)).headers['content-type']).toBe('message/rfc822');
    const hidden = await download('mail.eml');
    const missing = await t.app.inject({ url: '/api/documents/999999/original' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body.replace(String(ids['mail.eml']), 'N')).toBe(missing.body.replace('999999', 'N'));
  });

  it('refuses an id that is not a number', async () => {
    expect((await t.app.inject({ url: '/api/documents/abc/original' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/documents/..%2F..%2Fetc%2Fpasswd/original' })).statusCode).toBe(400);
  });
});
