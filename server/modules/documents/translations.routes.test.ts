import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, signIn } from '../../../fixtures/accounts.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import { createServices } from '../../services.ts';

// Synthetic cables written for these tests: Persian originals and English translations.
let t: TestApp;
let dir: string;

const PERSIAN = (ref: string, extra = '') =>
  `---\nref: ${ref}\nlanguage: fa\n${extra}---\n۱. (س) منبع در بازار نجف با افسر دیدار کرد.\n\n۲. (س) او گفت که پرداخت‌ها دیر رسیده است.\n\n۳. (س) پایان گزارش.\n`;
const ENGLISH = (ref: string, extra = '') =>
  `---\nref: ${ref}\nlanguage: en\n${extra}---\n1. (S) The source met the officer in the Najaf bazaar.\n\n2. (S) He said that the payments had arrived late.\n\n3. (S) End of report.\n`;

async function importFiles(files: Record<string, string>) {
  const folder = mkdtempSync(join(dir, 'batch-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return createServices(t.db).import.importPaths([folder], {
    collection: 'cables',
    visibility: 'public',
    maxFileBytes: 1 << 20,
    baseDir: folder,
  });
}

const detail = async (ref: string) => (await t.app.inject({ url: `/api/documents/by-ref/${ref}` })).json().document;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-translations-'));
  t = await createTestApp(async (db) => addAccount(db, 'ed', 'editor'), { sampleArchive: true });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('originals and translations', () => {
  it('joins every Persian cable of the sample archive to its English translation', async () => {
    for (const ref of ['TRV-NJF-2014-0233', 'TRV-KRB-2014-0262', 'TRV-SUL-2015-0044', 'TRV-BSR-2015-0122']) {
      const english = await detail(ref);
      expect(english.original).toMatchObject({ ref: `${ref}-FA`, language: 'fa' });
      expect(english.translations).toEqual([]);
      const persian = await detail(`${ref}-FA`);
      expect(persian.original).toBeNull();
      expect(persian.translations.map((d: { ref: string }) => d.ref)).toEqual([ref]);
    }
  });

  it('joins a translation imported before its original, stated either way', async () => {
    await importFiles({ 'a.md': ENGLISH('LATE-1', 'translation_of: LATE-1-ORIG\n') });
    expect((await detail('LATE-1')).original).toBeNull();
    await importFiles({ 'b.md': PERSIAN('LATE-1-ORIG') });
    expect((await detail('LATE-1')).original.ref).toBe('LATE-1-ORIG');

    await importFiles({ 'c.md': ENGLISH('LATE-2') });
    await importFiles({ 'd.md': PERSIAN('LATE-2-ORIG', 'translation: LATE-2\n') });
    expect((await detail('LATE-2-ORIG')).translations.map((d: { ref: string }) => d.ref)).toEqual(['LATE-2']);
  });

  it('joins refs that differ only by a language suffix, taking the English side as the translation', async () => {
    await importFiles({ 'x.md': ENGLISH('PAIR-7-EN'), 'y.md': PERSIAN('PAIR-7') });
    expect((await detail('PAIR-7-EN')).original.ref).toBe('PAIR-7');
  });

  it('lets a stated original win over a guess from the refs', async () => {
    await importFiles({ 'p.md': PERSIAN('GUESS-3-FA'), 'q.md': PERSIAN('STATED-3'), 'r.md': ENGLISH('GUESS-3', 'original: STATED-3\n') });
    expect((await detail('GUESS-3')).original.ref).toBe('STATED-3');
  });

  it('pairs numbered paragraphs as passage ids, in both directions of the request', async () => {
    const english = await detail('LATE-1');
    const persian = await detail('LATE-1-ORIG');
    const response = await t.app.inject({ url: `/api/documents/${english.id}/alignment?with=${persian.id}` });
    expect(response.statusCode).toBe(200);
    const alignment = response.json();
    expect(alignment).toMatchObject({
      original: { ref: 'LATE-1-ORIG' },
      translation: { ref: 'LATE-1' },
      alignedBy: 'auto',
      declaredBy: 'field',
      editable: false,
    });
    expect(alignment.pairs).toHaveLength(3);
    const persianIds = (await t.app.inject({ url: `/api/documents/${persian.id}` })).json().passages.map((p: { id: number }) => p.id);
    expect(alignment.pairs.map((p: { original: number[] }) => p.original)).toEqual(persianIds.map((id: number) => [id]));
    const reverse = await t.app.inject({ url: `/api/documents/${persian.id}/alignment?with=${english.id}` });
    expect(reverse.json().pairs).toEqual(alignment.pairs);
  });

  it('answers 404 for two documents that are not a pair', async () => {
    const a = await detail('LATE-1');
    const b = await detail('PAIR-7');
    const response = await t.app.inject({ url: `/api/documents/${a.id}/alignment?with=${b.id}` });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('translation.not_found');
  });
});

describe('an editor corrects the pairing', () => {
  it('stores it, audits it, and keeps it when the original is imported again', async () => {
    const editor = await signIn(t.app, 'ed');
    const english = await detail('LATE-2');
    const persian = await detail('LATE-2-ORIG');
    const url = `/api/documents/${persian.id}/alignment?with=${english.id}`;
    const before = (await t.app.inject({ url, headers: editor })).json();
    expect(before.editable).toBe(true);
    const [p1, p2, p3] = before.pairs as Array<{ original: number[]; translation: number[] }>;
    const pairs = [{ original: [...p1!.original, ...p2!.original], translation: [...p1!.translation, ...p2!.translation] }, p3!];
    const saved = await t.app.inject({ method: 'PUT', url, headers: editor, payload: { pairs } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ alignedBy: 'editor', decidedBy: 'ed', pairs });
    const audit = t.db.writerConnection.prepare(`select actor, action, after from audit_event order by id desc limit 1`).get() as Record<
      string,
      string
    >;
    expect(audit).toMatchObject({ actor: 'ed', action: 'translation.align' });
    expect(JSON.parse(audit.after!).pairs).toEqual(pairs);

    await importFiles({ 'again.md': PERSIAN('LATE-2-ORIG', 'translation: LATE-2\nnote: edited\n') });
    expect((await t.app.inject({ url })).json()).toMatchObject({ alignedBy: 'editor', pairs });
  });

  it('refuses passages of other documents, passages used twice, and empty pairs, with a reason', async () => {
    const editor = await signIn(t.app, 'ed');
    const english = await detail('LATE-1');
    const persian = await detail('LATE-1-ORIG');
    const url = `/api/documents/${english.id}/alignment?with=${persian.id}`;
    const { pairs } = (await t.app.inject({ url })).json();
    const cases: Array<[unknown, RegExp]> = [
      [[{ original: pairs[0].translation, translation: [] }], /is not a passage of the original/],
      [[pairs[0], pairs[0]], /appears in more than one pair/],
      [[{ original: [], translation: [] }], /has no passages/],
    ];
    for (const [body, message] of cases) {
      const response = await t.app.inject({ method: 'PUT', url, headers: editor, payload: { pairs: body } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toMatch(message);
    }
    expect((await t.app.inject({ method: 'PUT', url, payload: { pairs } })).statusCode).toBe(401);
  });
});

describe('a JSON record that carries its translation', () => {
  it('imports the text and the translation as two documents joined as original and translation, with or without a ref', async () => {
    const records = [
      {
        ref: 'REC-1',
        language: 'fa',
        text: '۱. (س) منبع گفت که پرداخت‌ها دیر رسیده است.',
        translation: '1. (S) The source said the payments had arrived late.',
        translation_language: 'en',
      },
      { language: 'fa', text: 'متنی بدون شماره.', translation: 'A text without a number, in English words.' },
      { ref: 'REC-3', text: 'A record whose translation field names a ref.', translation: 'REC-3-FA' },
    ];
    const summary = await importFiles({ 'records.jsonl': records.map((r) => JSON.stringify(r)).join('\n') });
    expect(summary.failed).toEqual([]);
    expect(summary.documents.map((d) => d.ref)).toEqual(['REC-1', 'REC-1-EN', 'records-2', 'records-2-TR', 'REC-3']);
    const english = await detail('REC-1-EN');
    expect(english).toMatchObject({ language: 'en', body: '1. (S) The source said the payments had arrived late.' });
    expect(english.original.ref).toBe('REC-1');
    expect((await detail('records-2-TR')).original.ref).toBe('records-2');
    const plain = await detail('REC-3');
    expect(plain.metadata.translation).toBe('REC-3-FA');
    const alignment = await t.app.inject({ url: `/api/documents/${english.id}/alignment?with=${english.original.id}` });
    expect(alignment.json()).toMatchObject({ declaredBy: 'record', pairs: [expect.any(Object)] });
  });

  it('joins an English record to its Persian translation one way only, though the suffixed ref alone would put Persian first', async () => {
    const record = {
      ref: 'REC-9',
      language: 'en',
      text: 'The courier was paid.',
      translation: 'به پیک پول داده شد.',
      translation_language: 'fa',
    };
    const summary = await importFiles({ 'english-first.jsonl': JSON.stringify(record) });
    expect(summary.documents.map((d) => d.ref)).toEqual(['REC-9', 'REC-9-FA']);
    const [english, persian] = [await detail('REC-9'), await detail('REC-9-FA')];
    expect(persian.original.ref).toBe('REC-9');
    expect(english.original).toBeNull();
    expect(english.translations.map((d: { ref: string }) => d.ref)).toEqual(['REC-9-FA']);
  });
});
