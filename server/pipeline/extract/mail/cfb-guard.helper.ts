// A structural check of an Outlook file's Compound File container before msgreader reads it.
// msgreader follows sector chains and directory links without looking for loops, and sizes
// its buffers from the file's own numbers: a crafted file of a few kilobytes could make it loop
// forever or ask for gigabytes. This walks the same chains, the same way msgreader does
// ([MS-CFB] 2.2–2.6), and refuses the file if one loops, runs too long, or claims too much.
// It checks structure only; reading the properties stays msgreader's job.
import { extractError } from '../extract-error.ts';

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = -2;
const NO_STREAM = -1;
const MINI_SECTOR = 64;
const MINI_STREAM_CUTOFF = 4096;
const ENTRY_SIZE = 128;
const HEADER_FAT_ENTRIES = 109;
const STORAGE = 1;
/** Storages inside storages: an embedded message adds two levels; real mail stays far below. */
export const MAX_STORAGE_DEPTH = 64;

function malformed(detail: string): Error {
  return extractError('extract.malformed_email', `The Outlook message is damaged (${detail}); open it in Outlook and save it again.`);
}

class Container {
  readonly view: DataView;
  readonly sectorSize: number;
  readonly sectorCount: number;
  private readonly fat: number[];
  private miniFat: number[] = [];

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.sectorSize = bytes[30] === 12 ? 4096 : 512;
    this.sectorCount = Math.max(0, Math.ceil(bytes.length / this.sectorSize) - 1);
    this.fat = this.fatSectors();
  }

  int(offset: number): number {
    return offset >= 0 && offset + 4 <= this.view.byteLength ? this.view.getInt32(offset, true) : END_OF_CHAIN;
  }

  private count(offset: number, what: string): number {
    const value = this.int(offset);
    if (value < 0 || value > this.sectorCount) throw malformed(`its ${what} count is out of range`);
    return value;
  }

  private fatSectors(): number[] {
    const total = this.count(0x2c, 'FAT sector');
    const fat: number[] = [];
    for (let i = 0; i < Math.min(total, HEADER_FAT_ENTRIES); i += 1) fat.push(this.int(0x4c + 4 * i));
    const perSector = this.sectorSize / 4 - 1;
    const seen = new Set<number>();
    let next = this.int(0x44);
    for (let i = 0; i < this.count(0x48, 'DIFAT sector') && fat.length < total; i += 1) {
      if (next < 0 || next >= this.sectorCount || seen.has(next)) break;
      seen.add(next);
      const at = (next + 1) * this.sectorSize;
      for (let j = 0; j < perSector && fat.length < total; j += 1) fat.push(this.int(at + 4 * j));
      next = this.int(at + 4 * perSector);
    }
    return fat;
  }

  // Next sector as msgreader computes it: an entry outside the FAT tables ends the chain.
  private nextIn(table: readonly number[], sector: number): number {
    const perSector = this.sectorSize / 4;
    const fatSector = table[Math.floor(sector / perSector)];
    if (fatSector === undefined) return END_OF_CHAIN;
    return this.int((fatSector + 1) * this.sectorSize + 4 * (sector % perSector));
  }

  /** The sectors of a chain, refusing one that comes back on itself or outruns `limit` (or, with `cut`, stopping there). */
  chain(start: number, mini: boolean, what: string, limit: number, cut = false): number[] {
    const seen = new Set<number>();
    const sectors: number[] = [];
    for (let sector = start; sector !== END_OF_CHAIN; sector = this.nextIn(mini ? this.miniFat : this.fat, sector)) {
      if (sector < 0) break;
      if (seen.has(sector)) throw malformed(`the chain of its ${what} loops`);
      if (sectors.length >= limit && cut) break;
      if (sectors.length >= limit) throw malformed(`the chain of its ${what} is longer than the file`);
      seen.add(sector);
      sectors.push(sector);
    }
    return sectors;
  }

  readMiniFat(): void {
    const count = this.count(0x40, 'mini FAT sector');
    this.miniFat = count === 0 ? [] : this.chain(this.int(0x3c), false, 'mini FAT', count, true);
  }
}

interface Entry {
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

function readEntries(container: Container): Entry[] {
  const sectors = container.chain(container.int(0x30), false, 'directory', container.sectorCount);
  const perSector = container.sectorSize / ENTRY_SIZE;
  return sectors.flatMap((sector) =>
    Array.from({ length: perSector }, (_, i) => {
      const at = (sector + 1) * container.sectorSize + i * ENTRY_SIZE;
      return {
        type: container.bytes[at + 0x42] ?? 0,
        left: container.int(at + 0x44),
        right: container.int(at + 0x48),
        child: container.int(at + 0x4c),
        start: container.int(at + 0x74),
        size: container.int(at + 0x78),
      };
    }),
  );
}

function checkTree(entries: readonly Entry[]): void {
  const seen = new Set<number>([0]);
  const pending: Array<{ index: number; depth: number }> = [{ index: entries[0]?.child ?? NO_STREAM, depth: 1 }];
  while (pending.length > 0) {
    const { index, depth } = pending.pop()!;
    if (index === NO_STREAM) continue;
    const entry = entries[index];
    if (entry === undefined) throw malformed('its directory points outside itself');
    if (seen.has(index)) throw malformed('its directory loops');
    if (depth > MAX_STORAGE_DEPTH) throw malformed(`its storages nest more than ${MAX_STORAGE_DEPTH} deep`);
    seen.add(index);
    pending.push({ index: entry.left, depth }, { index: entry.right, depth });
    if (entry.type === STORAGE) pending.push({ index: entry.child, depth: depth + 1 });
  }
}

function checkStreams(container: Container, entries: readonly Entry[]): void {
  const miniLimit = Math.ceil(container.bytes.length / MINI_SECTOR);
  entries.forEach((entry, index) => {
    if (entry.type !== 2) return;
    if (entry.size >= MINI_STREAM_CUTOFF || entry.size < 0) {
      if (entry.size < 0 || entry.size > container.bytes.length) throw malformed(`stream ${index} claims more bytes than the file holds`);
    } else if (entry.size > 0) {
      container.chain(entry.start, true, `stream ${index}`, miniLimit);
    }
  });
}

/** Throws ExtractError unless the bytes are a Compound File that msgreader can walk safely. */
export function assertSafeCompoundFile(bytes: Uint8Array): void {
  if (bytes.length < 512 || SIGNATURE.some((byte, i) => bytes[i] !== byte)) {
    throw extractError(
      'extract.malformed_email',
      'The file is not an Outlook message (.msg): it does not start with the Compound File signature.',
    );
  }
  const container = new Container(bytes);
  container.readMiniFat();
  const entries = readEntries(container);
  const root = entries[0];
  if (root === undefined || root.type !== 5) throw malformed('its directory has no root entry');
  container.chain(root.start, false, 'mini stream', container.sectorCount);
  checkTree(entries);
  checkStreams(container, entries);
}
