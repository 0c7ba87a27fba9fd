// Crafted mail must fail with ExtractError and a sentence, never hang, crash or throw anything else.
import { describe, expect, it } from 'vitest';
import { briefingMsg } from '../../../../fixtures/formats/mail/make-mail.ts';
import { ExtractError, extractFile } from '../extract.ts';
import { MAX_STORAGE_DEPTH } from './cfb-guard.helper.ts';
import { rtfBodyText } from './msg-rtf.helper.ts';

const SECTOR = 512;

async function failure(name: string, bytes: Uint8Array): Promise<ExtractError> {
  const outcome: unknown = await extractFile(name, bytes).then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ExtractError);
  const error = outcome as ExtractError;
  expect(error.message).toMatch(/^[A-Z].*\.$/s);
  expect(error.message).not.toContain('\n');
  return error;
}

/** The fixture's Compound File, with helpers to rewrite its tables. */
function container() {
  const bytes = new Uint8Array(briefingMsg());
  const view = new DataView(bytes.buffer);
  const int = (at: number) => view.getInt32(at, true);
  const fatEntry = (sector: number) => (int(0x4c) + 1) * SECTOR + 4 * sector;
  const miniFatEntry = (sector: number) => (int(0x3c) + 1) * SECTOR + 4 * sector;
  const entry = (index: number) => (int(0x30) + 1) * SECTOR + 128 * index;
  const smallStream = () => {
    for (let index = 1; index < SECTOR / 128; index += 1) {
      const size = int(entry(index) + 0x78);
      if (bytes[entry(index) + 0x42] === 2 && size > 0 && size < 4096) return index;
    }
    throw new Error('the fixture has no small stream in its first directory sector');
  };
  return { bytes, view, int, fatEntry, miniFatEntry, entry, smallStream };
}

describe('hostile .msg', () => {
  it('refuses a directory whose sector chain loops', async () => {
    const c = container();
    c.view.setInt32(c.fatEntry(c.int(0x30)), c.int(0x30), true);
    expect((await failure('loop.msg', c.bytes)).message).toBe(
      'The Outlook message is damaged (the chain of its directory loops); open it in Outlook and save it again.',
    );
  });

  it('refuses a directory tree that points back at itself', async () => {
    const c = container();
    const child = c.int(c.entry(0) + 0x4c);
    c.view.setInt32(c.entry(child) + 0x44, child, true);
    expect((await failure('tree.msg', c.bytes)).message).toMatch(/its directory loops/);
  });

  it('refuses a small stream whose mini-sector chain loops', async () => {
    const c = container();
    const start = c.int(c.entry(c.smallStream()) + 0x74);
    c.view.setInt32(c.miniFatEntry(start), start, true);
    expect((await failure('mini.msg', c.bytes)).message).toMatch(/chain of its stream \d+ loops/);
  });

  it('refuses a stream that claims more bytes than the file holds, before allocating them', async () => {
    const c = container();
    c.view.setInt32(c.entry(c.smallStream()) + 0x78, 0x7fff_ffff, true);
    expect((await failure('huge.msg', c.bytes)).message).toMatch(/claims more bytes than the file holds/);
  });

  it('refuses counts in the header larger than the file', async () => {
    const c = container();
    c.view.setInt32(0x40, 0x7fff_ffff, true);
    expect((await failure('count.msg', c.bytes)).message).toMatch(/mini FAT sector count is out of range/);
  });

  it(`refuses storages nested more than ${MAX_STORAGE_DEPTH} deep`, async () => {
    const { buildMsg } = await import('../../../../fixtures/formats/mail/make-msg.ts');
    let spec = { subject: 'innermost', body: 'x' };
    // Each embedded message adds two storages: its attachment's and its own.
    for (let i = 0; i < MAX_STORAGE_DEPTH / 2 + 1; i += 1)
      spec = { subject: `level ${i}`, body: 'x', attachments: [{ displayName: `l${i}`, message: spec }] } as never;
    expect((await failure('deep.msg', buildMsg(spec))).message).toMatch(/nest more than 64 deep/);
  });

  it('refuses files that are not Compound Files, and truncated ones', async () => {
    expect((await failure('text.msg', new TextEncoder().encode('Subject: not outlook\n\nhello'))).message).toBe(
      'The file is not an Outlook message (.msg): it does not start with the Compound File signature.',
    );
    const truncated = briefingMsg().subarray(0, 1536);
    await failure('truncated.msg', truncated);
  });

  it('ignores a compressed RTF body whose header claims more than it holds, instead of inflating it', () => {
    const header = new DataView(new ArrayBuffer(32));
    header.setUint32(0, 0x7fff_fff0, true);
    header.setUint32(4, 0x7fff_fff0, true);
    header.setUint32(8, 0x75465a4c, true); // "LZFu", compressed
    const started = performance.now();
    expect(rtfBodyText(new Uint8Array(header.buffer))).toBe('');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('never throws anything but ExtractError on damaged copies of a real message', async () => {
    const original = briefingMsg();
    let seed = 9;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let round = 0; round < 150; round += 1) {
      const bytes = new Uint8Array(original);
      for (let flips = 0; flips < 1 + (round % 8); flips += 1) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const outcome = await extractFile('fuzz.msg', bytes).then(
        () => null,
        (error: unknown) => error,
      );
      if (outcome !== null) expect(outcome).toBeInstanceOf(ExtractError);
    }
  });
});

describe('hostile .eml and .mbox', () => {
  it('refuses multiparts nested beyond any real message', async () => {
    const depth = 200;
    const open = Array.from({ length: depth }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`).join('');
    const bytes = new TextEncoder().encode(`From: a@example.org\r\nSubject: deep\r\n${open}Content-Type: text/plain\r\n\r\ndeep text\r\n`);
    expect((await failure('deep.eml', bytes)).code).toBe('extract.malformed_email');
  });

  it('refuses headers of several megabytes', async () => {
    const bytes = new TextEncoder().encode(`From: a@example.org\r\nX-Padding: ${'a'.repeat(3 * 1024 * 1024)}\r\n\r\nbody`);
    expect((await failure('headers.eml', bytes)).code).toBe('extract.malformed_email');
  });

  it('reports an mbox message of binary bytes by its line and keeps going', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('From a@example.org Tue Nov  4 09:00:00 2014\nSubject: bin\n\n'),
      0,
      1,
      2,
      ...new TextEncoder().encode('\n\nFrom b@example.org Tue Nov  4 09:00:00 2014\nSubject: ok\n\nFine.\n'),
    ]);
    const { documents, problems } = await extractFile('mixed.mbox', bytes);
    expect(documents.map((document) => document.body)).toEqual(['Fine.']);
    expect(problems).toEqual([{ line: 1, reason: expect.stringMatching(/NUL byte/) }]);
  });
});
