// Files inside other files: the entries of an archive and the attachments of a mail, each read as a
// file of its own (an attachment that is a zip is unpacked, a mail inside a zip has its attachments read).
import { expandArchive, type ArchiveLimits } from '../../pipeline/archive/index.ts';
import type { EmbeddedFile } from '../../pipeline/extract/extract.ts';
import { classifyFile, HEAD_BYTES } from '../../pipeline/extract/file-kind.ts';
import type { PreparedDocument } from '../../pipeline/prepare-document.ts';
import { prepareBytes, tooLarge, type PrepareOptions } from './read-file.ts';

/** What became of one file, or of one document a file held. */
export type Outcome =
  | { type: 'document'; document: PreparedDocument }
  | { type: 'failed'; file: string; line?: number; reason: string }
  | { type: 'ignored'; file: string; reason: string };

export interface ContainedOptions extends PrepareOptions {
  archiveLimits: ArchiveLimits;
}

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
}

/** Joins the path of a file inside another to the outer file's shown path. */
export const within = (outer: string, inner: string): string => (inner === '' ? outer : `${outer}!/${inner}`);

/** Every file an archive holds, nested archives and attachments included, as outcomes in archive order. */
export function unpackArchive(name: string, bytes: Uint8Array, shown: string, options: ContainedOptions): AsyncGenerator<Outcome> {
  return archive({ name, bytes, shown, depth: 0 }, options);
}

/** The attachments of the documents one file held, each read as a file of its own. */
export async function* readAttachments(
  attachments: Array<EmbeddedFile & { parentSha256?: string }>,
  shown: string,
  depth: number,
  options: ContainedOptions,
): AsyncGenerator<Outcome> {
  for (const attachment of attachments) {
    const inner = { name: attachment.name, bytes: attachment.bytes, shown: within(shown, attachment.name), depth: depth + 1 };
    yield* file({ ...inner, parentSha256: attachment.parentSha256 }, options);
  }
}

async function* file(inner: Inner, options: ContainedOptions): AsyncGenerator<Outcome> {
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

async function* document(inner: Inner, options: ContainedOptions): AsyncGenerator<Outcome> {
  const { documents, problems, attachments } = await prepareBytes(inner.name, inner.bytes, inner.shown, options);
  for (const prepared of documents) {
    if (inner.parentSha256 !== undefined) prepared.parentSha256 = inner.parentSha256;
    yield { type: 'document', document: prepared };
  }
  for (const problem of problems) yield { type: 'failed', file: inner.shown, line: problem.line, reason: problem.reason };
  yield* readAttachments(attachments, inner.shown, inner.depth, options);
}

async function* archive(outer: Inner, options: ContainedOptions): AsyncGenerator<Outcome> {
  // An archive attached to a mail (or inside one inside an archive) gets the depth that is left.
  const limits = { ...options.archiveLimits, maxDepth: Math.max(1, options.archiveLimits.maxDepth - outer.depth) };
  for await (const item of expandArchive(outer.name, outer.bytes, limits)) {
    const shown = within(outer.shown, item.path);
    if (item.kind === 'refused') {
      yield { type: 'failed', file: shown, reason: item.reason };
      continue;
    }
    // expandArchive has unpacked the nested archives already: 'inner.zip!/mail.eml' sits two files deep in this one.
    const depth = outer.depth + item.path.split('!/').length;
    yield* file({ name: item.path, bytes: item.bytes, shown, parentSha256: outer.parentSha256, depth }, options);
  }
}
