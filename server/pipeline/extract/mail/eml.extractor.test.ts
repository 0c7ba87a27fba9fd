import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../extract.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../../fixtures/formats', name));
const extractEmail = (bytes: Uint8Array) => extractFile('message.eml', bytes);
const eml = (lines: string[]) => extractEmail(new TextEncoder().encode(lines.join('\r\n')));

describe('.eml', () => {
  it('maps subject, sender and date, and prefers the text part', async () => {
    const { documents, problems } = await extractEmail(fixture('sample.eml'));
    expect(problems).toEqual([]);
    expect(documents[0]).toMatchObject({
      title: 'Minutes of the budget meeting — draft',
      author: 'Dana Farrokh <dana@example.org>',
      dateText: 'Mon, 3 Nov 2014 10:15:00 +0330',
      body: 'Attached are the draft minutes of Monday’s budget meeting.\n\nThe committee agreed to postpone the road project until March.',
    });
    expect(documents[0]?.body).not.toContain('HTML version');
  });

  it('keeps recipients, the message id and every other header in metadata', async () => {
    const [document] = (await extractEmail(fixture('sample.eml'))).documents;
    expect(document?.metadata).toEqual({
      to: ['Records Office <records@example.org>', 'archive@example.org'],
      cc: ['legal@example.org'],
      messageId: '<minutes-2014-11-03@example.org>',
      headers: {
        'x-mailer': 'Example Mail 4.2',
        received: ['from relay-1.example.org', 'from relay-2.example.org'],
        'mime-version': '1.0',
        'content-type': 'multipart/alternative; boundary="trove-boundary"',
      },
    });
  });

  it('turns an HTML-only message into text without its scripts or styles', async () => {
    const [document] = (
      await eml([
        'From: ops@example.org',
        'Subject: Shift rota',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<html><head><style>p { color: red }</style></head><body><p>Night shift: Reza.</p><script>alert(1)</script><p>Day shift: Leila.</p></body></html>',
      ])
    ).documents;
    expect(document?.body).toBe('Night shift: Reza.\n\nDay shift: Leila.');
    expect(document?.author).toBe('ops@example.org');
  });

  it('summarises attachments in metadata and returns their bytes for the import', async () => {
    const { documents, attachments } = await eml([
      'From: a@example.org',
      'Subject: Report attached',
      'Content-Language: fa-IR',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'See the attachment.',
      '--b',
      'Content-Type: application/pdf; name="report.pdf"',
      'Content-Disposition: attachment; filename="report.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQK',
      '--b--',
    ]);
    expect(documents[0]?.language).toBe('fa');
    expect(documents[0]?.body).toBe('See the attachment.');
    expect(documents[0]?.metadata.attachments).toEqual([
      { name: 'report.pdf', filename: 'report.pdf', mimeType: 'application/pdf', size: 9 },
    ]);
    expect(attachments).toEqual([{ name: 'report.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n'), parentIndex: 0 }]);
  });

  it('detects the encoding of a body that declares no charset (Persian in Windows-1256)', async () => {
    // Windows-1256 has the Arabic yeh (ي), not the Persian one (ی): text of that era was written with it.
    const persian = 'گزارش هفتگي سفارت: جلسه فرماندار براي سه‌شنبه تأييد شد و هيئت از راه زميني سفر مي‌کند.';
    const head = new TextEncoder().encode('From: pol@embassy.example\r\nSubject: Weekly\r\n\r\n');
    const body = iconv.encode(`${persian}\r\n${persian}\r\n`, 'windows-1256');
    const [document] = (await extractEmail(new Uint8Array([...head, ...body]))).documents;
    expect(document?.body).toBe(`${persian}\n${persian}`);
    expect(document?.metadata.encoding).toBe('windows-1256');
  });

  it('trusts a declared charset and leaves UTF-8 bodies alone', async () => {
    const declared = await eml(['From: a@example.org', 'Subject: x', 'Content-Type: text/plain; charset=utf-8', '', 'سلام']);
    expect(declared.documents[0]?.metadata.encoding).toBeUndefined();
    const utf8 = await eml(['From: a@example.org', 'Subject: x', '', 'سلام']);
    expect(utf8.documents[0]).toMatchObject({ body: 'سلام' });
    expect(utf8.documents[0]?.metadata.encoding).toBeUndefined();
  });

  it('reports a message without any body text as extract.no_text', async () => {
    await expect(eml(['From: a@example.org', 'Subject: Empty', '', '   '])).rejects.toMatchObject({
      code: 'extract.no_text',
      message: 'The e-mail has no text body to import.',
    });
  });

  it('reports NUL bytes as extract.binary', async () => {
    await expect(extractEmail(Uint8Array.from([0x46, 0x72, 0x00, 0x6f]))).rejects.toMatchObject({ code: 'extract.binary' });
  });
});
