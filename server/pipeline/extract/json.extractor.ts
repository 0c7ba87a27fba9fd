// .json (one object or an array of objects) and .jsonl (one object per line). A bad record is a
// problem for that record only: one broken line must not cost the other thousands.
import { cleanText } from '../clean-text.ts';
import { decodeText, encodingMetadata } from './decode-text.helper.ts';
import type { DecodedText } from './decode-text.helper.ts';
import { extractError } from './extract-error.ts';
import type { ExtractedDocument, ExtractProblem, ExtractResult } from './extract.types.ts';
import { arrayElementLines, locateJsonError } from './json-locate.helper.ts';
import { FROM_RECORD } from '../translation/translation-claims.ts';
import { mapRecordFields, normaliseLanguage } from './record-fields.helper.ts';

type RecordOutcome = { ok: true; document: ExtractedDocument; translation?: ExtractedDocument } | { ok: false; reason: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// `text` wins over `body`; when both exist the unused one is kept in metadata, not dropped.
function pickText(record: Record<string, unknown>): { text: string; unused: Record<string, unknown> } | string {
  const key = record.text !== undefined && record.text !== null ? 'text' : 'body';
  const value = record[key];
  if (value === undefined || value === null) return 'Record has no text or body field.';
  if (typeof value !== 'string') return `Field "${key}" must be a string.`;
  const otherKey = key === 'text' ? 'body' : 'text';
  const unused = record[otherKey] === undefined ? {} : { [otherKey]: record[otherKey] };
  return { text: value, unused };
}

function recordToDocument(record: unknown): RecordOutcome {
  if (!isPlainObject(record)) return { ok: false, reason: 'Record is not a JSON object.' };
  const picked = pickText(record);
  if (typeof picked === 'string') return { ok: false, reason: picked };
  const body = cleanText(picked.text);
  if (body === '') return { ok: false, reason: 'Record text is empty.' };
  const carried = carriedTranslation(record);
  const rest = Object.entries(record).filter(([key]) => key !== 'text' && key !== 'body' && !(carried && TRANSLATION_KEYS.has(key)));
  const mapped = mapRecordFields(Object.fromEntries([...rest, ...Object.entries(picked.unused)]));
  if (!mapped.ok) return { ok: false, reason: mapped.reason };
  const document = { ...mapped.fields, body, metadata: mapped.metadata };
  return carried ? { ok: true, document, translation: splitTranslation(document, carried) } : { ok: true, document };
}

const TRANSLATION_KEYS = new Set(['translation', 'translation_language', 'translation_title']);

interface CarriedTranslation {
  text: string;
  language?: string;
  title?: string;
}

/**
 * A record may carry its translation beside its text. `translation` alone is also the field that
 * names a translation's ref (as in front matter), so a value counts as text only when the record
 * says its language or when it reads like text (several words), which a ref never does.
 */
function carriedTranslation(record: Record<string, unknown>): CarriedTranslation | null {
  const text = record.translation;
  if (typeof text !== 'string' || cleanText(text) === '') return null;
  const language = typeof record.translation_language === 'string' ? normaliseLanguage(record.translation_language) : undefined;
  if (language === undefined && text.trim().split(/\s+/).length < 5) return null;
  const title = typeof record.translation_title === 'string' ? record.translation_title : undefined;
  return { text: cleanText(text), language, title };
}

/** The translation as a document of its own, joined to its original (see server/pipeline/translation). */
function splitTranslation(original: ExtractedDocument, carried: CarriedTranslation): ExtractedDocument {
  const suffix = (carried.language ?? 'tr').toUpperCase();
  const { ref, title, ...fields } = original;
  return {
    ...fields,
    ...(ref !== undefined ? { ref: `${ref}-${suffix}` } : {}),
    title: carried.title ?? title,
    language: carried.language,
    body: carried.text,
    metadata: { [FROM_RECORD]: true, ...(ref !== undefined ? { translation_of: ref } : { translation_of_previous: true }) },
  };
}

function malformedJson(text: string, error: unknown): Error {
  const location = locateJsonError(text);
  if (location === null) {
    const detail = error instanceof Error ? error.message : String(error);
    return extractError('extract.malformed_json', `The JSON file could not be read: ${detail}.`);
  }
  return extractError(
    'extract.malformed_json',
    `The JSON is malformed at line ${location.line}, column ${location.column}: ${location.reason}.`,
  );
}

type LineOf = (index: number) => number | undefined;

// `line` on a document is a .jsonl notion (the interface says so); problems always get one
// when it is known, because that is how a person finds the broken record.
function gather(outcomes: readonly RecordOutcome[], lineOf: LineOf, lineOnDocuments: boolean, decoded: DecodedText): ExtractResult {
  const documents: ExtractedDocument[] = [];
  const problems: ExtractProblem[] = [];
  const encoding = encodingMetadata(decoded);
  outcomes.forEach((outcome, index) => {
    const line = outcome.ok && !lineOnDocuments ? undefined : lineOf(index);
    if (!outcome.ok) {
      problems.push(line === undefined ? { reason: outcome.reason } : { line, reason: outcome.reason });
      return;
    }
    for (const extracted of outcome.translation ? [outcome.document, outcome.translation] : [outcome.document]) {
      const document = { ...extracted, metadata: { ...extracted.metadata, ...encoding } };
      documents.push(line === undefined ? document : { ...document, line });
    }
  });
  return { documents, problems };
}

export function extractJson(bytes: Uint8Array): ExtractResult {
  const decoded = decodeText(bytes);
  const { text } = decoded;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw malformedJson(text, error);
  }
  if (!Array.isArray(parsed) && !isPlainObject(parsed)) {
    throw extractError('extract.malformed_json', 'The JSON file must hold an object or an array of objects.');
  }
  if (!Array.isArray(parsed)) return gather([recordToDocument(parsed)], () => undefined, false, decoded);
  if (parsed.length === 0) {
    throw extractError('extract.no_text', 'The JSON file holds an empty array, so there is nothing to import.');
  }
  const outcomes = parsed.map((record) => recordToDocument(record));
  // Locating records costs a second pass over the text, so it is only paid to point at problems.
  const lines = outcomes.some((outcome) => !outcome.ok) ? arrayElementLines(text) : [];
  return gather(outcomes, (index) => lines[index], false, decoded);
}

function parseLine(source: string): RecordOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const column = locateJsonError(source)?.column;
    return { ok: false, reason: `Invalid JSON${column === undefined ? '' : ` at column ${column}`}: ${reason}.` };
  }
  return recordToDocument(parsed);
}

export function extractJsonLines(bytes: Uint8Array): ExtractResult {
  const decoded = decodeText(bytes);
  const lines = decoded.text.split('\n');
  const outcomes: RecordOutcome[] = [];
  const lineNumbers: number[] = [];
  lines.forEach((raw, index) => {
    const source = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (source.trim() === '') return;
    outcomes.push(parseLine(source));
    lineNumbers.push(index + 1);
  });
  if (outcomes.length === 0) {
    throw extractError('extract.no_text', 'The JSON Lines file has only blank lines, so there is nothing to import.');
  }
  return gather(outcomes, (index) => lineNumbers[index], true, decoded);
}
