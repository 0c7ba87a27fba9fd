// Files inside other files: the entries of an archive and the attachments of a mail, each read as a
// file of its own (an attachment that is a zip is unpacked, a mail inside a zip has its attachments read).
import { expandArchive, type ArchiveLimits } from '../../pipeline/archive/index.ts';
import type { EmbeddedFile } from '../../pipeline/extract/extract.ts';
import { classifyFile, HEAD_BYTES } from '../../pipeline/extract/file-kind.ts';
import type { PreparedDocument } from '../../pipeline/prepare-document.ts';
import { notKept, prepareBytes, tooLarge, type PrepareOptions } from './read-file.ts';

/** What became of one file, or of one document a file held. */
export type Outcome =
  | { type: 'document'; document: PreparedDocument }
  | { type: 'failed'; file: string; line?: number; reason: string }
  | { type: 'ignored'; file: string; reason: string };

export interface ContainedOptions extends PrepareOptions {
  archiveLimits: ArchiveLimits;
}

/** The options of one file on disk and what is left of its archive allowance, shared by everything inside it,
 *  so that a zip attached to a mail inside a zip cannot start afresh (the archive module shares it within one archive). */
interface Scope extends ContainedOptions {
  left: { bytes: number; entries: number };
}

const scopeOf = (options: ContainedOptions): Scope => ({
  ...options,
  left: { bytes: options.archiveLimits.maxTotalBytes, entries: options.archiveLimits.maxEntries },
});

/** One file found inside another. */
interface Inner {
  /** The name it has where it was found: the path inside the archive, or the attachment's file name. */
  name: string;
  bytes: Uint8Array;
  /** `outer.zip!/inner/path`, `mail.eml!/attachment.pdf`. */
  shown: string;
  /** The document that carried it, for an attachment and whatever an attached archive holds. */
  parentSha256?: string;
  /** How many files it sits inside (the file on disk is 0). */
  depth: number;
  /** The sha256 of the archive it was unpacked from, kept in the originals store too. */
  containerSha256?: string;
}

/** Joins the path of a file inside another to the outer file's shown path. */
export const within = (outer: string, inner: string): string => (inner === '' ? outer : `${outer}!/${inner}`);

/** Every file an archive holds, nested archives and attachments included, as outcomes in archive order. */
export function unpackArchive(name: string, bytes: Uint8Array, shown: string, options: ContainedOptions): AsyncGenerator<Outcome> {
  return archive({ name, bytes, shown, depth: 0 }, scopeOf(options));
}

/** The attachments of the documents one file held, each read as a file of its own. */
export function readAttachments(
  attachments: Array<EmbeddedFile & { parentSha256?: string }>,
  shown: string,
  options: ContainedOptions,
): AsyncGenerator<Outcome> {
  return attachmentsOf(attachments, shown, 0, scopeOf(options));
}

async function* attachmentsOf(
  attachments: Array<EmbeddedFile & { parentSha256?: string }>,
  shown: string,
  depth: number,
  options: Scope,
  containerSha256?: string,
): AsyncGenerator<Outcome> {
  for (const attachment of attachments) {
    const inner = { name: attachment.name, bytes: attachment.bytes, shown: within(shown, attachment.name), depth: depth + 1 };
    yield* file({ ...inner, parentSha256: attachment.parentSha256, containerSha256 }, options);
  }
}

async function* file(inner: Inner, options: Scope): AsyncGenerator<Outcome> {
  const kind = classifyFile(inner.name, inner.bytes.subarray(0, HEAD_BYTES));
  if (kind.kind === 'ignored') {
    yield { type: 'ignored', file: inner.shown, reason: kind.reason };
  } else if (inner.depth > options.archiveLimits.maxDepth) {
    yield {
      type: 'failed',
      file: inner.shown,
      reason: `Not read: it sits inside ${inner.depth} other files (attachments and archives), more than the ${options.archiveLimits.maxDepth} allowed. Raise TROVE_MAX_ARCHIVE_DEPTH if you trust this file.`,
    };
  } else if (kind.kind === 'archive') {
    yield* archive(inner, options);
  } else if (inner.bytes.length > options.maxFileBytes) {
    yield { type: 'failed', file: inner.shown, reason: tooLarge(inner.bytes.length, options.maxFileBytes) };
  } else {
    yield* document(inner, options);
  }
}

async function* document(inner: Inner, options: Scope): AsyncGenerator<Outcome> {
  const { documents, problems, attachments } = await prepareBytes(inner.name, inner.bytes, inner.shown, options, inner.containerSha256);
  for (const prepared of documents) {
    if (inner.parentSha256 !== undefined) prepared.parentSha256 = inner.parentSha256;
    yield { type: 'document', document: prepared };
  }
  for (const problem of problems) yield { type: 'failed', file: inner.shown, line: problem.line, reason: problem.reason };
  yield* attachmentsOf(attachments, inner.shown, inner.depth, options, inner.containerSha256);
}

async function* archive(outer: Inner, options: Scope): AsyncGenerator<Outcome> {
  // An archive attached to a mail (or inside one inside an archive) gets the depth, bytes and entries left.
  const { left, archiveLimits } = options;
  const limits = {
    ...archiveLimits,
    maxDepth: Math.max(1, archiveLimits.maxDepth - outer.depth),
    maxTotalBytes: left.bytes,
    maxEntries: left.entries,
  };
  // The archive itself is kept as well as each file it holds; the files name it as their container.
  let containerSha256 = outer.containerSha256;
  if (options.keepOriginal) {
    try {
      containerSha256 = (await options.keepOriginal(outer.name, outer.bytes)).sha256;
    } catch (error) {
      yield { type: 'failed', file: outer.shown, reason: notKept(error) };
      return;
    }
  }
  for await (const item of expandArchive(outer.name, outer.bytes, limits)) {
    const shown = within(outer.shown, item.path);
    left.entries = Math.max(0, left.entries - 1);
    if (item.kind === 'file') left.bytes = Math.max(0, left.bytes - item.bytes.length);
    if (item.kind === 'refused') {
      yield { type: 'failed', file: shown, reason: item.reason };
      continue;
    }
    // expandArchive has unpacked the nested archives already: 'inner.zip!/mail.eml' sits two files deep in this one.
    const depth = outer.depth + item.path.split('!/').length;
    yield* file({ name: item.path, bytes: item.bytes, shown, parentSha256: outer.parentSha256, depth, containerSha256 }, options);
  }
}
