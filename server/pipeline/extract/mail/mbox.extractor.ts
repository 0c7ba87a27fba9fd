// Mailboxes (.mbox, mboxo and mboxrd): one document per message. A message that cannot be read
// fails alone, reported with the line where it starts; the rest of the mailbox imports.
import { ExtractError, extractError } from '../extract-error.ts';
import type { EmbeddedFile, ExtractedDocument, ExtractProblem, ExtractResult } from '../extract.types.ts';
import { readMessage } from './eml.extractor.ts';
import { splitMbox } from './mbox-split.helper.ts';

function reasonFor(error: unknown): string {
  if (error instanceof ExtractError) return error.message;
  // Not expected from the parsers; said plainly rather than letting one message stop the mailbox.
  return 'The message could not be read; it may be damaged.';
}

export async function extractMbox(bytes: Uint8Array): Promise<ExtractResult> {
  const messages = splitMbox(bytes);
  if (messages === null) {
    throw extractError(
      'extract.malformed_email',
      'The file is not an mbox mailbox: it does not start with a "From " line; if it holds a single message, save it as .eml.',
    );
  }
  const documents: ExtractedDocument[] = [];
  const attachments: EmbeddedFile[] = [];
  const problems: ExtractProblem[] = [];
  for (const { line, envelope, bytes: message } of messages) {
    try {
      const read = await readMessage(message);
      const parentIndex = documents.length;
      // The line makes each message's identity stable: refs fall back to `<mailbox>-<line>`.
      documents.push({ ...read.document, line, metadata: { ...read.document.metadata, mboxFrom: envelope } });
      attachments.push(...read.attachments.map((attachment) => ({ ...attachment, parentIndex })));
      problems.push(...read.problems.map((problem) => ({ ...problem, line })));
    } catch (error) {
      problems.push({ line, reason: reasonFor(error) });
    }
  }
  return { documents, problems, attachments };
}
