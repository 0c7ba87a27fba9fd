// Markdown with optional YAML front matter. The body is kept as written: Trove displays text and
// never renders Markdown, so there is nothing to gain from converting it.
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { cleanText } from '../clean-text.ts';
import { decodeText, encodingMetadata } from './decode-text.helper.ts';
import { extractError } from './extract-error.ts';
import type { ExtractResult } from './extract.types.ts';
import { mapRecordFields } from './record-fields.helper.ts';

interface Split {
  yaml: string | null;
  body: string;
}

const FENCE = /^---[ \t]*$/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/;

// Front matter only counts when `---` is the very first line, as in Jekyll, Hugo and Pandoc.
function splitFrontMatter(text: string): Split {
  const lines = text.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return { yaml: null, body: text };
  const close = lines.findIndex((line, index) => index > 0 && CLOSING_FENCE.test(line));
  if (close === -1) {
    throw extractError(
      'extract.malformed_front_matter',
      'The front matter that opens on line 1 is never closed; add a line containing only --- after it.',
    );
  }
  return { yaml: lines.slice(1, close).join('\n'), body: lines.slice(close + 1).join('\n') };
}

function yamlFailure(doc: Document): Error {
  const [error] = doc.errors;
  // yaml's messages end with " at line N, column M:" and a code excerpt; we state the position
  // ourselves in file terms (the opening --- is line 1, so YAML line N is file line N + 1).
  const reason = (error?.message.split('\n')[0] ?? 'Invalid YAML').replace(/ at line \d+, column \d+:?$/, '');
  const where = error?.linePos?.[0];
  const position = where ? ` at line ${where.line + 1}, column ${where.col}` : '';
  return extractError('extract.malformed_front_matter', `The front matter is not valid YAML${position}: ${reason}.`);
}

function toRecord(doc: Document): Record<string, unknown> {
  try {
    // The alias cap stops "billion laughs" documents from expanding into gigabytes.
    return doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return failFrontMatter(`The front matter could not be read: ${detail}.`);
  }
}

function failFrontMatter(message: string): never {
  throw extractError('extract.malformed_front_matter', message);
}

function readFrontMatter(yaml: string) {
  // YAML 1.2 core schema: `date: 2014-11-03` stays the string it was written as (YAML 1.1 would
  // turn it into a Date), and duplicate keys are an error instead of a silent overwrite.
  const doc = parseDocument(yaml, { version: '1.2', schema: 'core', prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw yamlFailure(doc);
  if (doc.contents === null) return { record: {}, raw: () => undefined };
  if (!isMap(doc.contents)) failFrontMatter('The front matter must be a set of "key: value" lines, not a list or a single value.');
  const record = toRecord(doc);
  const raw = (key: string): string | undefined => {
    const node = doc.get(key, true);
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  };
  return { record, raw };
}

// Without a title in the front matter, the first level-one heading is what a reader sees as one.
function firstHeading(body: string): string | undefined {
  const match = /^# +(.+?)[ \t#]*$/m.exec(body);
  return match?.[1]?.trim() || undefined;
}

export function extractMarkdown(bytes: Uint8Array): ExtractResult {
  const decoded = decodeText(bytes);
  const { yaml, body: rawBody } = splitFrontMatter(decoded.text);
  const { record, raw } = yaml === null ? { record: {}, raw: () => undefined } : readFrontMatter(yaml);
  const mapped = mapRecordFields(record, raw);
  if (!mapped.ok) failFrontMatter(`The front matter is invalid: ${mapped.reason}`);
  const body = cleanText(rawBody);
  if (body === '') throw extractError('extract.no_text', 'The Markdown file has no text besides its front matter.');
  const title = mapped.fields.title ?? firstHeading(body);
  return {
    documents: [
      { ...mapped.fields, ...(title === undefined ? {} : { title }), body, metadata: { ...mapped.metadata, ...encodingMetadata(decoded) } },
    ],
    problems: [],
  };
}
