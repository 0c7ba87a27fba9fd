// Attachments of an .eml: what the import layer receives to read as documents of their own.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cableWithAnnexEml } from '../../../../fixtures/formats/mail/make-mail.ts';
import { textPdf } from '../../../../fixtures/formats/make-pdf.ts';
import { extractFile } from '../extract.ts';
import { MAX_ATTACHMENTS_PER_MESSAGE } from './eml.extractor.ts';

const MAIL = resolve(import.meta.dirname, '../../../../fixtures/formats/mail');
const encode = (text: string) => new TextEncoder().encode(text);
const eml = (lines: string[]) => extractFile('message.eml', encode(lines.join('\r\n')));

function multipart(parts: string[][]): string[] {
  const head = ['From: desk@example.org', 'Subject: Parts', 'Content-Type: multipart/mixed; boundary="p"', ''];
  return [...head, ...parts.flatMap((part) => ['--p', ...part]), '--p--', ''];
}

const textPart = (text: string) => ['Content-Type: text/plain; charset=utf-8', '', text];

describe('.eml attachments', () => {
  it('the committed fixture is what make-mail.ts writes', () => {
    expect(readFileSync(resolve(MAIL, 'cable-with-annex.eml'), 'utf8')).toBe(cableWithAnnexEml());
  });

  it('returns the PDF annex byte for byte and the forwarded message as .eml, both children of the message', async () => {
    const { documents, attachments, problems } = await extractFile(
      'cable-with-annex.eml',
      readFileSync(resolve(MAIL, 'cable-with-annex.eml')),
    );
    expect(problems).toEqual([]);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      title: 'TRV-EBL-2014-0117 — Annex and note',
      author: 'Desk Officer Kamran <desk.kamran@hq-mail.example>',
      language: 'en',
      body: 'The annex summarises the week in Tehran; the forwarded note covers Basra.\nخلاصهٔ گزارش هفتگی پیوست است.',
    });
    expect(attachments?.map(({ name, parentIndex }) => ({ name, parentIndex }))).toEqual([
      { name: 'weekly-annex.pdf', parentIndex: 0 },
      { name: 'attachment-2.eml', parentIndex: 0 },
    ]);
    expect(Buffer.from(attachments![0]!.bytes).equals(textPdf())).toBe(true);
    // The forwarded note is not merged into the body: it is a message of its own.
    expect(documents[0]?.body).not.toContain('governor');
    expect(documents[0]?.metadata.attachments).toEqual([
      { name: 'weekly-annex.pdf', filename: 'weekly-annex.pdf', mimeType: 'application/pdf', size: textPdf().length },
      { name: 'attachment-2.eml', mimeType: 'message/rfc822', size: attachments![1]!.bytes.length },
    ]);
  });

  it('the attachments read as documents themselves', async () => {
    const { attachments } = await extractFile('cable-with-annex.eml', readFileSync(resolve(MAIL, 'cable-with-annex.eml')));
    const [pdf, note] = attachments!;
    const annex = await extractFile(pdf!.name, pdf!.bytes);
    expect(annex.documents[0]?.body).toBe('Embassy Tehran reports a quiet week.\nThe second line mentions 12 Aban 1393.');
    const forwarded = await extractFile(note!.name, note!.bytes);
    expect(forwarded.documents[0]).toMatchObject({
      title: 'Original note on the Basra meeting',
      author: 'Political Section <pol@embassy.example>',
      body: 'The governor confirmed the meeting for Tuesday; the delegation will travel by road.',
      metadata: expect.objectContaining({ messageId: '<note-basra-2014-11-02@embassy.example>' }),
    });
  });

  it('names attachments without a filename from their MIME type, and keeps names unique', async () => {
    const { attachments } = await eml(
      multipart([
        textPart('Three files.'),
        ['Content-Type: text/csv', 'Content-Disposition: attachment', '', 'a,b'],
        ['Content-Type: application/x-unknown-thing', 'Content-Disposition: attachment', '', 'x'],
        ['Content-Type: text/plain; name="notes.txt"', 'Content-Disposition: attachment; filename="notes.txt"', '', 'one'],
        ['Content-Type: text/plain', 'Content-Disposition: attachment; filename="NOTES.txt"', '', 'two'],
      ]),
    );
    expect(attachments?.map((attachment) => attachment.name)).toEqual([
      'attachment-1.csv',
      'attachment-2.bin',
      'notes.txt',
      'NOTES (2).txt',
    ]);
  });

  it('makes hostile filenames safe: no path, no control or bidi characters, bounded length', async () => {
    const long = `${'a'.repeat(500)}.pdf`;
    const { attachments } = await eml(
      multipart([
        textPart('Hostile names.'),
        ['Content-Type: application/pdf', 'Content-Disposition: attachment; filename="../../etc/passwd"', '', 'x'],
        ['Content-Type: application/pdf', 'Content-Disposition: attachment; filename="C:\\\\temp\\\\report\u202Efdp.exe"', '', 'x'],
        ['Content-Type: application/pdf', 'Content-Disposition: attachment; filename=".."', '', 'x'],
        ['Content-Type: application/pdf', `Content-Disposition: attachment; filename="${long}"`, '', 'x'],
        ['Content-Type: message/rfc822', 'Content-Disposition: attachment; filename="forwarded"', '', 'Subject: inner', '', 'inner'],
      ]),
    );
    const names = attachments!.map((attachment) => attachment.name);
    expect(names.slice(0, 3)).toEqual(['passwd', 'report fdp.exe', 'attachment-3.pdf']);
    expect(names[3]).toHaveLength(200);
    expect(names[3]?.endsWith('.pdf')).toBe(true);
    expect(names[4]).toBe('forwarded.eml');
    for (const name of names) expect(name).not.toMatch(/[/\\\p{Cc}\p{Cf}]/u);
  });

  it('decodes encoded filenames (RFC 2231 and encoded words), Persian included', async () => {
    const { attachments } = await eml(
      multipart([
        textPart('Two reports.'),
        ['Content-Type: application/pdf', "Content-Disposition: attachment; filename*=UTF-8''%DA%AF%D8%B2%D8%A7%D8%B1%D8%B4.pdf", '', 'x'],
        ['Content-Type: application/pdf; name="=?UTF-8?B?2q/Ystin2LHYtC0yLnBkZg==?="', 'Content-Disposition: attachment', '', 'x'],
      ]),
    );
    expect(attachments?.map((attachment) => attachment.name)).toEqual(['گزارش.pdf', 'گزارش-2.pdf']);
  });

  it('keeps inline images of an HTML body as attachments, marked inline', async () => {
    const { documents, attachments } = await eml([
      'From: desk@example.org',
      'Subject: Map',
      'Content-Type: multipart/related; boundary="r"',
      '',
      '--r',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>The crossing:</p><img src="cid:map1">',
      '--r',
      'Content-Type: image/png',
      'Content-ID: <map1>',
      'Content-Disposition: inline',
      'Content-Transfer-Encoding: base64',
      '',
      'iVBORw0KGgo=',
      '--r--',
    ]);
    expect(documents[0]?.body).toBe('The crossing:');
    expect(attachments?.map(({ name, parentIndex }) => ({ name, parentIndex }))).toEqual([{ name: 'attachment-1.png', parentIndex: 0 }]);
    expect(documents[0]?.metadata.attachments).toEqual([
      { name: 'attachment-1.png', mimeType: 'image/png', size: 8, contentId: '<map1>', inline: true },
    ]);
  });

  it('does not count the body parts (text and HTML alternatives) as attachments', async () => {
    const { attachments, documents } = await extractFile('sample.eml', readFileSync(resolve(MAIL, '../sample.eml')));
    expect(attachments).toEqual([]);
    expect(documents[0]?.metadata.attachments).toBeUndefined();
  });

  it('keeps a message whose only content is its attachments, so they have a parent', async () => {
    const { documents, attachments } = await eml(
      multipart([
        [
          'Content-Type: application/pdf',
          'Content-Disposition: attachment; filename="scan.pdf"',
          'Content-Transfer-Encoding: base64',
          '',
          'JVBERi0xLjQK',
        ],
      ]),
    );
    expect(documents[0]?.body).toBe('Attachments: scan.pdf');
    expect(attachments?.map((attachment) => attachment.name)).toEqual(['scan.pdf']);
  });

  it(`keeps at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments and says so`, async () => {
    const parts = Array.from({ length: MAX_ATTACHMENTS_PER_MESSAGE + 5 }, () => [
      'Content-Type: text/plain',
      'Content-Disposition: attachment',
      '',
      'x',
    ]);
    const { attachments, problems } = await eml(multipart([textPart('Many.'), ...parts]));
    expect(attachments).toHaveLength(MAX_ATTACHMENTS_PER_MESSAGE);
    expect(problems).toEqual([
      {
        reason: `The message carries ${MAX_ATTACHMENTS_PER_MESSAGE + 5} attachments; only the first ${MAX_ATTACHMENTS_PER_MESSAGE} were imported.`,
      },
    ]);
  });
});
