// Legacy Office files (.doc, .xls) and password-protected OOXML files are OLE compound files.
// The container is read with SheetJS's CFB reader; the summary property set (title, author,
// dates) is small and fixed enough to read here. Properties are best effort: a damaged property
// set loses its metadata, never the document.
import * as XLSX from '@e965/xlsx';
import { malformedOffice } from './office-error.helper.ts';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && OLE_MAGIC.every((byte, index) => bytes[index] === byte);
}

export interface OleFile {
  stream(name: string): Uint8Array | undefined;
}

interface CfbEntry {
  name: string;
  content?: ArrayLike<number>;
}

export function readOle(bytes: Uint8Array, what: string): OleFile {
  let entries: CfbEntry[];
  try {
    const container = XLSX.CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' }) as {
      FileIndex: CfbEntry[];
    };
    entries = container.FileIndex;
  } catch (error) {
    throw malformedOffice(what, error instanceof Error ? error.message : String(error));
  }
  return {
    stream(name) {
      const entry = entries.find((candidate) => candidate.name === name);
      return entry?.content === undefined ? undefined : Uint8Array.from(entry.content);
    },
  };
}

/** An OOXML file saved with a password is an OLE file holding the encrypted zip. */
export function isEncryptedPackage(ole: OleFile): boolean {
  return ole.stream('EncryptedPackage') !== undefined || ole.stream('EncryptionInfo') !== undefined;
}

const SUMMARY_PROPERTIES: Record<number, string> = {
  2: 'title',
  3: 'subject',
  4: 'creator',
  5: 'keywords',
  6: 'description',
  7: 'template',
  8: 'last_modified_by',
  9: 'revision',
  11: 'last_printed',
  12: 'created',
  13: 'modified',
  18: 'application',
};

const VT_LPSTR = 0x1e;
const VT_LPWSTR = 0x1f;
const VT_FILETIME = 0x40;
const VT_I2 = 0x02;
const FILETIME_EPOCH_MS = 11_644_473_600_000;

/** A WHATWG encoding label for a Windows code page number; unknown pages read as Windows-1252. */
export function codepageLabel(codepage: number): string {
  if (codepage === 65001) return 'utf-8';
  if (codepage === 874 || (codepage >= 1250 && codepage <= 1258)) return `windows-${codepage}`;
  return { 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5', 10000: 'macintosh' }[codepage] ?? 'windows-1252';
}

function readValue(view: DataView, at: number, codepage: number): string | number | undefined {
  const type = view.getUint16(at, true);
  if (type === VT_I2) return view.getInt16(at + 4, true);
  if (type === VT_LPSTR || type === VT_LPWSTR) {
    const count = view.getUint32(at + 4, true);
    const length = type === VT_LPWSTR ? count * 2 : count;
    const bytes = new Uint8Array(view.buffer, view.byteOffset + at + 8, Math.min(length, view.byteLength - at - 8));
    const label = type === VT_LPWSTR ? 'utf-16le' : codepageLabel(codepage);
    return new TextDecoder(label).decode(bytes).replace(/\0+$/, '');
  }
  if (type === VT_FILETIME) {
    const ticks = view.getUint32(at + 8, true) * 2 ** 32 + view.getUint32(at + 4, true);
    const ms = ticks / 10_000 - FILETIME_EPOCH_MS;
    return ticks === 0 || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');
  }
  return undefined;
}

/** The "\u0005SummaryInformation" property set by metadata key; {} when absent or unreadable. */
export function summaryProperties(ole: OleFile): Record<string, string> {
  const stream = ole.stream('\u0005SummaryInformation');
  if (stream === undefined) return {};
  try {
    const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
    const section = view.getUint32(44, true);
    const count = Math.min(view.getUint32(section + 4, true), 256);
    const offsets = new Map<number, number>();
    for (let index = 0; index < count; index += 1) {
      offsets.set(view.getUint32(section + 8 + index * 8, true), section + view.getUint32(section + 12 + index * 8, true));
    }
    const codepageAt = offsets.get(1);
    const codepage = codepageAt === undefined ? 1252 : Number(readValue(view, codepageAt, 1252)) & 0xffff;
    const found: Record<string, string> = {};
    for (const [id, key] of Object.entries(SUMMARY_PROPERTIES)) {
      const at = offsets.get(Number(id));
      const value = at === undefined ? undefined : readValue(view, at, codepage);
      if (typeof value === 'string' && value.trim() !== '') found[key] = value.trim();
    }
    return found;
  } catch {
    return {};
  }
}
