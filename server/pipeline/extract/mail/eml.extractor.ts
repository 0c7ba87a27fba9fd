// RFC 822 messages (.eml), also the parser of each message in an .mbox. The message is one
// document; each attachment comes back as bytes for the import layer to read as a document of
// its own, linked to the message. A forwarded message (message/rfc822) is such an attachment,
// as `.eml`, rather than text merged into the body of the message that carries it.
import PostalMime from 'postal-mime';
import type { Attachment, Email } from 'postal-mime';
import { cleanText } from '../../clean-text.ts';
import { assertNotBinary } from '../decode-text.helper.ts';
import { extractError } from '../extract-error.ts';
import type { ExtractedDocument, ExtractProblem, ExtractResult } from '../extract.types.ts';
import { htmlToPlainText } from '../html.extractor.ts';
import { normaliseLanguage } from '../record-fields.helper.ts';
import { attachmentName, uniqueNames } from './attachment-name.helper.ts';
import { formatAddress, formatAddresses, headerValue, otherHeaders, withoutUndefined } from './mail-headers.helper.ts';
import { undeclaredCharsetBody } from './undeclared-charset.helper.ts';
import type { UndeclaredBody } from './undeclared-charset.helper.ts';

/** More than this many files in one message is a hostile message, not correspondence. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 1000;

const PARSE_OPTIONS = {
  forceRfc822Attachments: true,
  // Real mail nests multiparts a handful of levels deep; postal-mime's own limit is 256.
  maxNestingDepth: 50,
  attachmentEncoding: 'arraybuffer',
} as const;

export interface MailAttachment {
  name: string;
  bytes: Uint8Array;
}

/** One parsed message: its document, the files it carries, and what could not be kept. */
export interface MailMessage {
  document: ExtractedDocument;
  attachments: MailAttachment[];
  problems: ExtractProblem[];
}

function contentBytes(content: Attachment['content']): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

// postal-mime reads any text as a message; a first line without a colon is not a header.
function hasHeaders(email: Email): boolean {
  return email.headerLines.some(({ key, line }) => /^[!-9;-~]+$/.test(key) && line.includes(':'));
}

async function parseEmail(bytes: Uint8Array): Promise<Email> {
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, PARSE_OPTIONS);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw extractError('extract.malformed_email', `The e-mail could not be parsed (${detail}); check that it is a complete .eml file.`);
  }
  if (!hasHeaders(email)) {
    throw extractError(
      'extract.malformed_email',
      'The message does not start with mail headers such as "From:" or "Subject:"; check that it is an e-mail and not a text file.',
    );
  }
  return email;
}

function collectAttachments(email: Email): { attachments: MailAttachment[]; summary: unknown[]; problems: ExtractProblem[] } {
  const kept = email.attachments.slice(0, MAX_ATTACHMENTS_PER_MESSAGE);
  const names = uniqueNames(kept.map((attachment, index) => attachmentName(attachment.filename, attachment.mimeType, index + 1)));
  const attachments = kept.map((attachment, index) => ({ name: names[index] ?? '', bytes: contentBytes(attachment.content) }));
  const summary = kept.map((attachment, index) =>
    withoutUndefined({
      name: names[index],
      filename: attachment.filename ?? undefined,
      mimeType: attachment.mimeType,
      size: attachments[index]?.bytes.byteLength,
      contentId: attachment.contentId,
      inline: attachment.disposition === 'inline' || attachment.related ? true : undefined,
    }),
  );
  const dropped = email.attachments.length - kept.length;
  const problems =
    dropped > 0
      ? [
          {
            reason: `The message carries ${email.attachments.length} attachments; only the first ${MAX_ATTACHMENTS_PER_MESSAGE} were imported.`,
          },
        ]
      : [];
  return { attachments, summary, problems };
}

function messageBody(email: Email, attachments: readonly MailAttachment[], undeclared: UndeclaredBody | null): string {
  const text = undeclared === null ? cleanText(email.text ?? '') : undeclared.html ? '' : cleanText(undeclared.text);
  const html = undeclared?.html ? undeclared.text : (email.html ?? '');
  const body = text !== '' ? text : htmlToPlainText(html);
  if (body !== '') return body;
  // A scanner's "see attached" often has no text at all; the message must still exist to be the attachments' parent.
  if (attachments.length > 0) return `Attachments: ${attachments.map((attachment) => attachment.name).join(', ')}`;
  throw extractError('extract.no_text', 'The e-mail has no text body to import.');
}

/** Parses one RFC 822 message. Throws ExtractError when it is not one or has nothing to import. */
export async function readMessage(bytes: Uint8Array): Promise<MailMessage> {
  assertNotBinary(bytes);
  const email = await parseEmail(bytes);
  const { attachments, summary, problems } = collectAttachments(email);
  const undeclared = undeclaredCharsetBody(bytes, email);
  const body = messageBody(email, attachments, undeclared);
  const fields = withoutUndefined({
    title: email.subject?.trim() || undefined,
    author: email.from ? formatAddress(email.from) : undefined,
    // postal-mime rewrites Date into ISO (UTC); the raw header keeps the sender's own wording.
    dateText: headerValue(email.headers, 'date') ?? email.date,
    language: normaliseLanguage(headerValue(email.headers, 'content-language')),
  });
  const metadata = withoutUndefined({
    to: formatAddresses(email.to),
    cc: formatAddresses(email.cc),
    bcc: formatAddresses(email.bcc),
    replyTo: formatAddresses(email.replyTo),
    messageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references,
    attachments: summary.length > 0 ? summary : undefined,
    headers: otherHeaders(email.headers),
    ...undeclared?.metadata,
  });
  return { document: { ...fields, body, metadata }, attachments, problems };
}

export async function extractEml(bytes: Uint8Array): Promise<ExtractResult> {
  const { document, attachments, problems } = await readMessage(bytes);
  return { documents: [document], problems, attachments: attachments.map((attachment) => ({ ...attachment, parentIndex: 0 })) };
}
