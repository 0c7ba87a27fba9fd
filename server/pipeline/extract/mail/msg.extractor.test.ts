import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { briefingMsg } from '../../../../fixtures/formats/mail/make-mail.ts';
import { buildMsg } from '../../../../fixtures/formats/mail/make-msg.ts';
import { extractFile } from '../extract.ts';

const MAIL = resolve(import.meta.dirname, '../../../../fixtures/formats/mail');
const encode = (text: string) => new TextEncoder().encode(text);

describe('.msg', () => {
  it('maps subject, sender, date, language and body, and keeps recipients and internet headers', async () => {
    const { documents, problems } = await extractFile('briefing.msg', briefingMsg());
    expect(problems).toEqual([]);
    expect(documents).toEqual([
      {
        title: 'Briefing for the Basra visit — گزارش',
        author: 'Political Section <pol@embassy.example>',
        dateText: '2014-11-03T07:45:00.000Z',
        language: 'en',
        body: 'Talking points for the governor are attached.\nThe delegation leaves on Tuesday.',
        metadata: {
          to: ['Desk Officer Kamran <desk.kamran@hq-mail.example>'],
          cc: ['Records Office <records@hq-mail.example>'],
          messageId: '<briefing-basra@embassy.example>',
          messageClass: 'IPM.Note',
          sent: '2014-11-03T07:45:00.000Z',
          delivered: '2014-11-03T07:46:10.000Z',
          attachments: [
            { name: 'talking-points.txt', filename: 'talking-points.txt', size: 54 },
            { name: 'Earlier note.msg', size: expect.any(Number), embeddedMessage: true },
          ],
          headers: {
            received: ['from relay-1.embassy.example', 'from relay-2.embassy.example'],
            'x-mailer': 'Example Outlook 16',
          },
        },
      },
    ]);
  });

  it('returns the attachment bytes and the embedded message as a .msg that reads on its own', async () => {
    const { attachments } = await extractFile('briefing.msg', briefingMsg());
    expect(attachments?.map(({ name, parentIndex }) => ({ name, parentIndex }))).toEqual([
      { name: 'talking-points.txt', parentIndex: 0 },
      { name: 'Earlier note.msg', parentIndex: 0 },
    ]);
    expect(new TextDecoder().decode(attachments![0]!.bytes)).toBe('1. Thank the governor.\n2. Ask about the road project.\n');
    const inner = await extractFile(attachments![1]!.name, attachments![1]!.bytes);
    expect(inner.documents[0]).toMatchObject({
      title: 'Earlier note',
      author: 'Records Office <records@hq-mail.example>',
      body: 'The road project is postponed until March.',
      metadata: expect.objectContaining({ to: ['Political Section <pol@embassy.example>'] }),
    });
  });

  it('reads the committed fixture', async () => {
    const { documents, attachments } = await extractFile('briefing.msg', readFileSync(resolve(MAIL, 'briefing.msg')));
    expect(documents[0]?.title).toBe('Briefing for the Basra visit — گزارش');
    expect(attachments).toHaveLength(2);
  });

  it('falls back to the HTML body, and names a nameless attachment from its MIME type', async () => {
    const bytes = buildMsg({
      subject: 'HTML only',
      html: '<html><body><p>جلسه لغو شد.</p><script>alert(1)</script><p>Meeting cancelled.</p></body></html>',
      senderName: 'Desk',
      senderEmail: 'desk@example.org',
      attachments: [{ fileName: '', bytes: encode('%PDF-1.4\n') }],
    });
    const { documents, attachments } = await extractFile('html.msg', bytes);
    expect(documents[0]?.body).toBe('جلسه لغو شد.\n\nMeeting cancelled.');
    expect(attachments?.map((attachment) => attachment.name)).toEqual(['attachment-1.bin']);
  });

  it('reads pre-Unicode messages in their code page (Windows-1256 Persian)', async () => {
    // "سلام" and "گزارش" in Windows-1256, as Outlook 2000 would have stored them.
    const salaam = Uint8Array.from([0xd3, 0xe1, 0xc7, 0xe3]);
    const report = Uint8Array.from([0x90, 0xd2, 0xc7, 0xd1, 0xd4]);
    const bytes = buildMsg({ ansi: { codepage: 1256, subject: salaam, body: report }, senderName: 'Desk' });
    const { documents } = await extractFile('old.msg', bytes);
    expect(documents[0]).toMatchObject({ title: 'سلام', body: 'گزارش', author: 'Desk' });
  });

  it('reads an RTF-only body: HTML or text wrapped in RTF, and real RTF', async () => {
    const wrapped = String.raw`{\rtf1\ansi\ansicpg1252\fromhtml1 {\*\htmltag1 <p>}Convoy delayed at the border.{\*\htmltag2 </p>}}`;
    const fromHtml = await extractFile('wrapped.msg', buildMsg({ subject: 'Wrapped', rtf: wrapped }));
    expect(fromHtml.documents[0]?.body).toBe('Convoy delayed at the border.');
    const plain = String.raw`{\rtf1\ansi\ansicpg1256{\fonttbl{\f0\fcharset178 Tahoma;}}\f0 \'d3\'e1\'c7\'e3\par Second line.}`;
    const fromRtf = await extractFile('rtf.msg', buildMsg({ subject: 'RTF', rtf: plain }));
    expect(fromRtf.documents[0]?.body).toBe('سلام\n\nSecond line.');
  });

  it('keeps a message with no text but an attachment, and refuses one with neither', async () => {
    const withFile = await extractFile(
      'scan.msg',
      buildMsg({ subject: 'Scan', attachments: [{ fileName: 'scan.pdf', bytes: encode('%PDF') }] }),
    );
    expect(withFile.documents[0]?.body).toBe('Attachments: scan.pdf');
    await expect(extractFile('empty.msg', buildMsg({ subject: 'Nothing' }))).rejects.toMatchObject({
      code: 'extract.no_text',
      message: 'The Outlook message has no text body to import.',
    });
  });
});
