import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deskMbox } from '../../../../fixtures/formats/mail/make-mail.ts';
import { prepareDocument } from '../../prepare-document.ts';
import { extractFile } from '../extract.ts';

const MAIL = resolve(import.meta.dirname, '../../../../fixtures/formats/mail');
const desk = () => extractFile('desk.mbox', readFileSync(resolve(MAIL, 'desk.mbox')));
const mbox = (lines: string[]) => extractFile('box.mbox', new TextEncoder().encode(lines.join('\n')));

describe('.mbox', () => {
  it('the committed fixture is what make-mail.ts writes', () => {
    expect(readFileSync(resolve(MAIL, 'desk.mbox'), 'utf8')).toBe(deskMbox());
  });

  it('makes one document per message, each with the line its message starts on', async () => {
    const { documents } = await desk();
    expect(documents.map(({ title, line, author }) => ({ title, line, author }))).toEqual([
      { title: 'Morning summary', line: 1, author: 'Desk Officer Kamran <desk.kamran@hq-mail.example>' },
      { title: 'فهرست جلسه', line: 17, author: 'دفتر اسناد <records@hq-mail.example>' },
    ]);
    expect(documents[1]).toMatchObject({
      language: 'fa',
      body: 'فهرست جلسهٔ سه‌شنبه پیوست است.',
      dateText: 'Mon, 3 Nov 2014 11:30:00 +0330',
    });
    expect(documents[0]?.metadata).toMatchObject({
      mboxFrom: 'desk.kamran@hq-mail.example Mon Nov  3 08:00:00 2014',
      messageId: '<summary-2014-11-03@hq-mail.example>',
      to: ['archive@hq-mail.example'],
    });
  });

  it('unescapes mboxrd ">From " lines and leaves the separator\'s blank line out of the body', async () => {
    const [first] = (await desk()).documents;
    expect(first?.body).toBe(
      'Quiet night at the border crossing.\nFrom the consulate: no new requests.\n>From here on the log is kept by the night shift.',
    );
  });

  it('reports the broken message with its line and imports the others', async () => {
    const { problems } = await desk();
    expect(problems).toEqual([{ line: 12, reason: 'The e-mail has no text body to import.' }]);
  });

  it('gives each attachment the index of its own message among the documents', async () => {
    const { attachments } = await desk();
    expect(attachments).toEqual([
      { name: 'agenda.txt', bytes: new TextEncoder().encode('Agenda: 1. Road project. 2. Budget for Aban 1393.\n'), parentIndex: 1 },
    ]);
  });

  it('gives messages refs and hashes of their own, stable across imports', async () => {
    const { documents } = await desk();
    const prepare = () =>
      documents.map((document, index) =>
        prepareDocument(document, { file: 'mail/desk.mbox', fileSha256: 'f'.repeat(64), siblings: documents.length, index }),
      );
    const [first, second] = prepare();
    expect([first?.ref, second?.ref]).toEqual(['desk-1', 'desk-17']);
    expect(first?.sha256).not.toBe(second?.sha256);
    expect(prepare().map((document) => document.sha256)).toEqual([first?.sha256, second?.sha256]);
  });

  it('does not split on a body line that starts with "From " but is no separator', async () => {
    const { documents } = await mbox([
      'From a@example.org Tue Nov  4 09:00:00 2014',
      'From: a@example.org',
      'Subject: Unescaped',
      '',
      'First line.',
      '',
      'From the embassy, nothing new.',
      '',
      'From b@example.org Tue Nov  4 10:00:00 2014',
      'From: b@example.org',
      'Subject: Second',
      '',
      'Second message.',
    ]);
    expect(documents.map((document) => document.body)).toEqual(['First line.\n\nFrom the embassy, nothing new.', 'Second message.']);
  });

  it('reads CRLF mailboxes, and Thunderbird\'s "From - date" separators', async () => {
    const bytes = new TextEncoder().encode(
      [
        'From - Tue Nov 04 09:00:00 2014',
        'Subject: One',
        '',
        'one',
        '',
        'From - Tue Nov 04 10:00:00 2014',
        'Subject: Two',
        '',
        'two',
        '',
      ].join('\r\n'),
    );
    const { documents } = await extractFile('Inbox.mbox', bytes);
    expect(documents.map(({ title, body, line }) => ({ title, body, line }))).toEqual([
      { title: 'One', body: 'one', line: 1 },
      { title: 'Two', body: 'two', line: 6 },
    ]);
  });

  it('fails one message that is not mail (no headers, binary) and keeps the rest', async () => {
    const { documents, problems } = await mbox([
      'From x@example.org Tue Nov  4 09:00:00 2014',
      'just some words without any header',
      '',
      'From y@example.org Tue Nov  4 09:30:00 2014',
      'Subject: binary',
      '',
      'a\u0000b',
      '',
      'From z@example.org Tue Nov  4 10:00:00 2014',
      'Subject: fine',
      '',
      'Fine.',
    ]);
    expect(documents.map((document) => document.body)).toEqual(['Fine.']);
    expect(problems.map((problem) => problem.line)).toEqual([1, 4]);
    expect(problems[0]?.reason).toMatch(/does not start with mail headers/);
    expect(problems[1]?.reason).toMatch(/NUL byte/);
  });

  it('refuses a file that does not start with a "From " line, with what to do', async () => {
    await expect(mbox(['Subject: not a mailbox', '', 'text'])).rejects.toMatchObject({
      code: 'extract.malformed_email',
      message: 'The file is not an mbox mailbox: it does not start with a "From " line; if it holds a single message, save it as .eml.',
    });
  });
});
