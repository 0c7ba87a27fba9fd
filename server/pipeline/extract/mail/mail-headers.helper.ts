// Header handling shared by .eml, .mbox and .msg. Headers are evidence in a leak (routing,
// client, thread ids), so every header is kept in metadata, not only those that become fields.
import { decodeWords } from 'postal-mime';
import type { Address, Header } from 'postal-mime';

// Headers that become fields or named metadata keys rather than entries of `metadata.headers`.
const MAPPED_HEADERS = new Set('subject from date to cc bcc reply-to message-id in-reply-to references content-language'.split(' '));

export function formatAddress(address: Address): string {
  if (address.group !== undefined) return `${address.name}: ${address.group.map(formatAddress).join(', ')}`;
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

export function formatAddresses(list: Address[] | undefined): string[] | undefined {
  return list && list.length > 0 ? list.map(formatAddress) : undefined;
}

export function headerValue(headers: readonly Header[], key: string): string | undefined {
  const value = headers.find((header) => header.key === key)?.value.trim();
  return value === undefined || value === '' ? undefined : decodeWords(value);
}

/** Every header not mapped to a field, by lower-case name; repeated ones (Received) as a list in order. */
export function otherHeaders(headers: readonly Header[]): Record<string, string | string[]> {
  const byKey = new Map<string, string[]>();
  for (const { key, value } of headers) {
    if (MAPPED_HEADERS.has(key)) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), decodeWords(value)]);
  }
  return Object.fromEntries(Array.from(byKey, ([key, values]) => [key, values.length === 1 ? (values[0] ?? '') : values]));
}

export function withoutUndefined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}
