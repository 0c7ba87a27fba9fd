// Outlook messages (.msg), read with @kenjiuno/msgreader after a structural check of the
// container (cfb-guard.helper.ts). Fields and attachments follow the .eml extractor: one
// document, each attachment's bytes for the import layer, an embedded message as a `.msg`.
import msgreaderModule from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import PostalMime from 'postal-mime';
import type { Header } from 'postal-mime';
import { cleanText } from '../../clean-text.ts';
import { ExtractError, extractError } from '../extract-error.ts';
import type { ExtractProblem, ExtractResult } from '../extract.types.ts';
import { htmlToPlainText } from '../html.extractor.ts';
import { normaliseLanguage } from '../record-fields.helper.ts';
import { attachmentName, uniqueNames } from './attachment-name.helper.ts';
import { assertSafeCompoundFile } from './cfb-guard.helper.ts';
import { MAX_ATTACHMENTS_PER_MESSAGE } from './eml.extractor.ts';
import { rtfBodyText } from './msg-rtf.helper.ts';
import type { MailAttachment } from './eml.extractor.ts';
import { headerValue, otherHeaders, withoutUndefined } from './mail-headers.helper.ts';

// The package is CommonJS with a transpiled default export, which Node's loader wraps once more.
const MsgReader = (msgreaderModule as unknown as { default?: typeof msgreaderModule }).default ?? msgreaderModule;
type Reader = InstanceType<typeof MsgReader>;

const PT_STRING8 = 0x001e;

/** A Windows code page as a label both TextDecoder and iconv-lite know (65001 is UTF-8, 1256 Windows Arabic …). */
function codepageLabel(codepage: unknown): string | undefined {
  if (typeof codepage !== 'number') return undefined;
  if (codepage === 65001) return 'utf-8';
  if (codepage >= 1250 && codepage <= 1258) return `windows-${codepage}`;
  if (codepage > 28590 && codepage < 28600) return `iso-8859-${codepage - 28590}`;
  if (codepage === 20866) return 'koi8-r';
  return undefined;
}

function parse(bytes: Uint8Array, ansiEncoding?: string): { reader: Reader; data: FieldsData; sawAnsi: boolean } {
  let sawAnsi = false;
  const reader = new MsgReader(bytes.slice().buffer);
  reader.parserConfig = {
    ansiEncoding,
    propertyObserver: (_fields, tag) => {
      if ((tag & 0xffff) === PT_STRING8) sawAnsi = true;
    },
  };
  return { reader, data: reader.getFileData(), sawAnsi };
}

function open(bytes: Uint8Array): { reader: Reader; data: FieldsData } {
  assertSafeCompoundFile(bytes);
  let opened: ReturnType<typeof parse>;
  try {
    opened = parse(bytes);
    // Pre-Unicode Outlook stored text in the message's code page, which is known only once read.
    const label = opened.sawAnsi ? codepageLabel(opened.data.messageCodepage ?? opened.data.internetCodepage) : undefined;
    if (label !== undefined) opened = parse(bytes, label);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw extractError(
      'extract.malformed_email',
      `The Outlook message could not be read (${detail}); open it in Outlook and save it again.`,
    );
  }
  if (opened.data.dataType !== 'msg') {
    throw extractError('extract.malformed_email', 'The file is a Compound File but not an Outlook message (.msg); check its extension.');
  }
  return opened;
}

// A damaged property stream can give any field any type; only real strings are used.
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

function person(nameValue: unknown, addressValue: unknown): string | undefined {
  const name = str(nameValue)?.trim();
  const address = str(addressValue)?.trim();
  const mail = address?.includes('@') ? address : undefined;
  if (name && mail && name !== mail) return `${name} <${mail}>`;
  return name || mail || undefined;
}

function recipients(data: FieldsData, type: 'to' | 'cc' | 'bcc'): string[] | undefined {
  const list = (data.recipients ?? [])
    .filter((recipient) => (recipient.recipType ?? 'to') === type)
    .map((recipient) => person(recipient.name, str(recipient.smtpAddress) ?? recipient.email))
    .filter((value): value is string => value !== undefined);
  return list.length > 0 ? list : undefined;
}

function iso(date: unknown): string | undefined {
  const time = typeof date === 'string' ? Date.parse(date) : NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

// PidTagHtml is bytes in the message's internet code page.
function decodeHtml(html: unknown, codepage: unknown): string {
  if (!(html instanceof Uint8Array)) return '';
  return new TextDecoder(codepageLabel(codepage) ?? 'utf-8').decode(html);
}

async function transportHeaders(data: FieldsData): Promise<Header[]> {
  const headers = str(data.headers);
  if (headers === undefined) return [];
  // The internet headers of a message that came by SMTP: parsed the way an .eml's are.
  const parsed = await PostalMime.parse(`${headers.trim()}\r\n\r\n`).catch(() => null);
  return parsed?.headers ?? [];
}

function attachmentOf(reader: Reader, attachment: FieldsData, position: number): MailAttachment | null {
  if (attachment.innerMsgContent === true) {
    const label = str(attachment.name) ?? str(attachment.innerMsgContentFields?.subject);
    return { name: attachmentName(label, 'application/vnd.ms-outlook', position), bytes: reader.getAttachment(attachment).content };
  }
  // An attachment by reference (a link to a file share) carries no bytes to import.
  if (typeof attachment.dataId !== 'number') return null;
  const given = str(attachment.fileName) ?? str(attachment.fileNameShort) ?? str(attachment.name);
  const extension = str(attachment.extension);
  const fallback = extension ? `attachment-${position}${extension}` : undefined;
  return {
    name: attachmentName(given ?? fallback, str(attachment.attachMimeTag) ?? '', position),
    bytes: reader.getAttachment(attachment).content,
  };
}

function collectAttachments(reader: Reader, data: FieldsData) {
  const all = data.attachments ?? [];
  const problems: ExtractProblem[] = [];
  const found: Array<{ source: FieldsData; file: MailAttachment }> = [];
  all.slice(0, MAX_ATTACHMENTS_PER_MESSAGE).forEach((source, index) => {
    const label = str(source.fileName) ?? str(source.name) ?? `number ${index + 1}`;
    try {
      const file = attachmentOf(reader, source, index + 1);
      if (file === null)
        problems.push({ reason: `The attachment "${label}" is a link to a file outside the message, so it was not imported.` });
      else found.push({ source, file });
    } catch {
      problems.push({ reason: `The attachment "${label}" is damaged and was not imported.` });
    }
  });
  if (all.length > MAX_ATTACHMENTS_PER_MESSAGE) {
    problems.push({
      reason: `The message carries ${all.length} attachments; only the first ${MAX_ATTACHMENTS_PER_MESSAGE} were imported.`,
    });
  }
  const names = uniqueNames(found.map(({ file }) => file.name));
  const attachments = found.map(({ file }, index) => ({ ...file, name: names[index] ?? file.name }));
  const summary = found.map(({ source }, index) =>
    withoutUndefined({
      name: names[index],
      filename: str(source.fileName),
      mimeType: str(source.attachMimeTag),
      size: attachments[index]?.bytes.byteLength,
      embeddedMessage: source.innerMsgContent,
    }),
  );
  return { attachments, summary, problems };
}

function messageBody(data: FieldsData, attachments: readonly MailAttachment[]): string {
  const text = cleanText(str(data.body) ?? '');
  if (text !== '') return text;
  const html = str(data.bodyHtml) ?? decodeHtml(data.html, data.internetCodepage);
  const fromHtml = htmlToPlainText(html);
  if (fromHtml !== '') return fromHtml;
  const fromRtf = rtfBodyText(data.compressedRtf);
  if (fromRtf !== '') return fromRtf;
  if (attachments.length > 0) return `Attachments: ${attachments.map((attachment) => attachment.name).join(', ')}`;
  throw extractError('extract.no_text', 'The Outlook message has no text body to import.');
}

async function readMsg(reader: Reader, data: FieldsData): Promise<ExtractResult> {
  const { attachments, summary, problems } = collectAttachments(reader, data);
  const headers = await transportHeaders(data);
  const sent = iso(data.clientSubmitTime) ?? iso(data.messageDeliveryTime) ?? iso(data.creationTime);
  const fields = withoutUndefined({
    title: str(data.subject)?.trim(),
    author: person(data.senderName, str(data.senderSmtpAddress) ?? str(data.sentRepresentingSmtpAddress) ?? data.senderEmail),
    dateText: headerValue(headers, 'date') ?? sent,
    language: normaliseLanguage(headerValue(headers, 'content-language')),
  });
  const metadata = withoutUndefined({
    to: recipients(data, 'to'),
    cc: recipients(data, 'cc'),
    bcc: recipients(data, 'bcc'),
    messageId: str(data.messageId) ?? headerValue(headers, 'message-id'),
    messageClass: str(data.messageClass),
    sent: iso(data.clientSubmitTime),
    delivered: iso(data.messageDeliveryTime),
    attachments: summary.length > 0 ? summary : undefined,
    headers: headers.length > 0 ? otherHeaders(headers) : undefined,
  });
  const body = messageBody(data, attachments);
  return {
    documents: [{ ...fields, body, metadata }],
    problems,
    attachments: attachments.map((attachment) => ({ ...attachment, parentIndex: 0 })),
  };
}

export async function extractMsg(bytes: Uint8Array): Promise<ExtractResult> {
  const { reader, data } = open(bytes);
  try {
    return await readMsg(reader, data);
  } catch (error) {
    // msgreader reads lazily, so damage can surface only now, as any kind of error.
    if (error instanceof ExtractError) throw error;
    throw extractError('extract.malformed_email', 'The Outlook message is damaged; open it in Outlook and save it again.');
  }
}
