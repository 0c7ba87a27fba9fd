// RFC 822 messages (.eml). Headers are evidence in a leak (routing, client, thread ids), so
// every header is kept in metadata, not only the ones that map to document fields.
import PostalMime, { decodeWords } from 'postal-mime';
import type { Address, Email } from 'postal-mime';
import { cleanText } from '../clean-text.ts';
import { assertNotBinary } from './decode-text.helper.ts';
import { extractError } from './extract-error.ts';
import type { ExtractResult } from './extract.types.ts';
import { htmlToPlainText } from './html.extractor.ts';
import { normaliseLanguage } from './record-fields.helper.ts';

// Headers that become fields or named metadata keys rather than entries of `metadata.headers`.
const MAPPED_HEADERS = new Set('subject from date to cc bcc reply-to message-id in-reply-to references content-language'.split(' '));

function formatAddress(address: Address): string {
  if (address.group !== undefined) return `${address.name}: ${address.group.map(formatAddress).join(', ')}`;
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

function headerValue(email: Email, key: string): string | undefined {
  const value = email.headers.find((header) => header.key === key)?.value.trim();
  return value === undefined || value === '' ? undefined : decodeWords(value);
}

// Repeated headers (Received, for instance) are kept in order as a list.
function otherHeaders(email: Email): Record<string, string | string[]> {
  const headers = new Map<string, string[]>();
  for (const { key, value } of email.headers) {
    if (MAPPED_HEADERS.has(key)) continue;
    headers.set(key, [...(headers.get(key) ?? []), decodeWords(value)]);
  }
  return Object.fromEntries(Array.from(headers, ([key, values]) => [key, values.length === 1 ? (values[0] ?? '') : values]));
}

function attachmentSummary(email: Email) {
  return email.attachments.map((attachment) => ({
    filename: attachment.filename,
    mimeType: attachment.mimeType,
    size: typeof attachment.content === 'string' ? attachment.content.length : attachment.content.byteLength,
  }));
}

function emailMetadata(email: Email): Record<string, unknown> {
  const addresses = (list: Address[] | undefined) => (list && list.length > 0 ? list.map(formatAddress) : undefined);
  const metadata: Record<string, unknown> = {
    to: addresses(email.to),
    cc: addresses(email.cc),
    bcc: addresses(email.bcc),
    replyTo: addresses(email.replyTo),
    messageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references,
    attachments: email.attachments.length > 0 ? attachmentSummary(email) : undefined,
    headers: otherHeaders(email),
  };
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined));
}

async function parseEmail(bytes: Uint8Array): Promise<Email> {
  try {
    return await PostalMime.parse(bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw extractError('extract.malformed_email', `The e-mail could not be parsed (${detail}); check that it is a complete .eml file.`);
  }
}

export async function extractEmail(bytes: Uint8Array): Promise<ExtractResult> {
  assertNotBinary(bytes);
  const email = await parseEmail(bytes);
  const text = cleanText(email.text ?? '');
  const body = text !== '' ? text : htmlToPlainText(email.html ?? '');
  if (body === '') throw extractError('extract.no_text', 'The e-mail has no text body to import.');
  const fields = {
    title: email.subject?.trim() || undefined,
    author: email.from ? formatAddress(email.from) : undefined,
    // postal-mime rewrites Date into ISO (UTC); the raw header keeps the sender's own wording.
    dateText: headerValue(email, 'date') ?? email.date,
    language: normaliseLanguage(headerValue(email, 'content-language')),
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return { documents: [{ ...defined, body, metadata: emailMetadata(email) }], problems: [] };
}
