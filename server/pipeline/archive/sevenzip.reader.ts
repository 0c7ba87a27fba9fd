// .7z through 7z-wasm: 7-Zip itself compiled to WebAssembly, run on an in-memory file system, so
// nothing touches the disk and no system package is needed. 7z packs files into solid blocks that
// cannot be unpacked one entry at a time, so the archive is listed first, every limit is checked
// against the listing, and only the entries that pass are unpacked, all at once, into memory.
// 7-Zip's decoders write exactly the sizes the header declares (and check each file's CRC), so
// the listing bounds what is unpacked; the sizes are checked again after.
import SevenZip, { type SevenZipModule } from '7z-wasm';
import { type ArchiveBudget, refusal } from './archive-limits.ts';
import { cleanEntryPath } from './archive-path.ts';
import type { ArchiveItem, ArchiveReader } from './archive.types.ts';
import { describe } from './bounded-read.ts';
import { parseListing, type SevenZipEntry } from './sevenzip-listing.ts';

const ARCHIVE = '/archive.7z';
const OUT = '/out';
const LIST = '/accepted.txt';
// A password that is never right: an encrypted archive then fails at once instead of 7-Zip
// waiting for one on standard input.
const NO_PASSWORD = '-ptrove-has-no-password';
const QUIET = ['-bso1', '-bse1', '-bsp0', '-sccUTF-8', '-y', NO_PASSWORD];

interface Session {
  module: SevenZipModule;
  output: string[];
}

export const readSevenZip: ArchiveReader = async function* (_name, bytes, budget) {
  let session: Session;
  try {
    session = await start(bytes);
  } catch (error) {
    yield { kind: 'refused', path: '', reason: refusal.unavailable(describe(error)) };
    return;
  }
  const listing = run(session, ['l', '-slt', '-ba', ...QUIET, ARCHIVE]);
  const entries = listing.ok ? parseListing(listing.text) : [];
  if (!listing.ok || entries.length === 0) {
    if (!listing.ok) yield { kind: 'refused', path: '', reason: sevenZipRefusal(listing.text, listing.thrown) };
    return;
  }
  const plan = planEntries(entries, bytes.length, budget);
  yield* extractPlanned(session, plan, budget);
};

async function start(bytes: Uint8Array): Promise<Session> {
  const output: string[] = [];
  const module = await SevenZip({
    print: (line: string) => output.push(line),
    printErr: (line: string) => output.push(line),
    stdin: () => null as unknown as number,
  });
  module.FS.writeFile(ARCHIVE, bytes);
  return { module, output };
}

interface RunResult {
  ok: boolean;
  text: string;
  /** What escaped callMain: a number is a C++ exception 7-Zip did not catch, an Error an abort (memory). */
  thrown: unknown;
}

function run(session: Session, args: string[]): RunResult {
  session.output.length = 0;
  try {
    // callMain returns 7-Zip's exit code (0 fine, 1 warnings, 2 errors, 8 out of memory).
    const code = (session.module.callMain(args) as unknown as number | undefined) ?? 0;
    return { ok: code === 0, text: session.output.join('\n'), thrown: null };
  } catch (error) {
    return { ok: false, text: session.output.join('\n'), thrown: error ?? 'unknown' };
  }
}

type Planned = { entry: SevenZipEntry; path: string; refused: string | null };

function planEntries(entries: SevenZipEntry[], archiveSize: number, budget: ArchiveBudget): Planned[] {
  const planned: Planned[] = [];
  let accepted = 0;
  for (const [index, entry] of entries.entries()) {
    // Directories count as entries, as they do in zip and tar.
    if (!budget.takeEntry()) {
      planned.push({ entry, path: '', refused: refusal.entries(budget.limits) });
      break;
    }
    if (entry.directory) continue;
    const path = cleanEntryPath(entry.path) || `unnamed entry ${index + 1}`;
    const refused = refuseEntry(entry, budget, archiveSize, accepted);
    if (refused === null) accepted += entry.size;
    planned.push({ entry, path, refused });
  }
  return planned;
}

function refuseEntry(entry: SevenZipEntry, budget: ArchiveBudget, archiveSize: number, accepted: number): string | null {
  if (entry.link) return refusal.link('');
  if (entry.encrypted) return refusal.encrypted();
  if (accepted + entry.size > budget.bytesLeft) return refusal.total(budget.limits, entry.size);
  // Solid blocks hide each file's packed size, so the ratio is the archive's as a whole.
  if (budget.ratioExceeded(accepted + entry.size, archiveSize)) {
    return refusal.ratio(budget.limits, 'with it, this archive unpacks to');
  }
  return null;
}

function* extractPlanned(session: Session, plan: Planned[], budget: ArchiveBudget): Generator<ArchiveItem> {
  const accepted = plan.filter((item) => item.refused === null);
  let failure: string | null = null;
  let damaged = new Map<string, string>();
  if (accepted.length > 0) {
    session.module.FS.writeFile(LIST, accepted.map((item) => item.entry.path).join('\n'));
    // -spd: names in the list are names, not wildcards.
    const result = run(session, ['x', ...QUIET, '-spd', `-o${OUT}`, ARCHIVE, `@${LIST}`]);
    damaged = damagedEntries(result.text);
    if (result.thrown !== null || (!result.ok && damaged.size === 0)) failure = sevenZipRefusal(result.text, result.thrown);
  }
  for (const item of plan) {
    if (item.refused !== null) {
      yield { kind: 'refused', path: item.path, reason: item.refused };
      continue;
    }
    const problem = failure ?? (damaged.has(item.entry.path) ? refusal.corrupt(damaged.get(item.entry.path) ?? '') : null);
    const bytes = problem === null ? readOut(session, item.entry) : null;
    budget.unpacked += bytes?.length ?? 0;
    if (bytes) yield { kind: 'file', path: item.path, bytes };
    else yield { kind: 'refused', path: item.path, reason: problem ?? refusal.corrupt('7-Zip did not unpack it') };
  }
}

/** 7-Zip reports each damaged file as 'ERROR: Data Error : folder/name.txt'. */
function damagedEntries(output: string): Map<string, string> {
  const damaged = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^ERROR: (.+?) : (.+)$/.exec(line);
    if (match?.[1] && match[2] && !match[2].includes(ARCHIVE)) damaged.set(match[2], `7-Zip reports: ${match[1]}`);
  }
  return damaged;
}

function readOut(session: Session, entry: SevenZipEntry): Uint8Array | null {
  try {
    const bytes = session.module.FS.readFile(`${OUT}/${entry.path}`);
    session.module.FS.unlink(`${OUT}/${entry.path}`);
    return bytes.length === entry.size ? bytes : null;
  } catch {
    return null;
  }
}

function sevenZipRefusal(output: string, thrown: unknown): string {
  // A wrong password ends 7z-wasm with a bare C++ exception and nothing printed; listing with our
  // never-right password is the only way to meet one, so an encrypted list of files is the cause.
  if (typeof thrown === 'number' && output.trim() === '') return refusal.encrypted('archive');
  if (thrown !== null && typeof thrown !== 'number') return refusal.corrupt(`7-Zip stopped: ${describe(thrown)}`);
  if (/can't allocate|not enough memory/i.test(output)) return refusal.corrupt('7-Zip ran out of memory for it');
  const details = output
    .split('\n')
    .map((line) => line.replace(/^(Open )?ERRORS?:\s*/, '').trim())
    .filter((line) => line !== '' && !line.includes(ARCHIVE) && !/^Errors?: \d+$/.test(line));
  return refusal.corrupt(details.length > 0 ? [...new Set(details)].join('; ') : 'an unreadable 7z archive');
}
