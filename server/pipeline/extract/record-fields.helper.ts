// Maps a loosely typed record (a JSON object or Markdown front matter) onto document fields.
// Shared so that `title:` means the same thing in every format.
import { DOCUMENT_KINDS } from './extract.types.ts';
import type { DocumentFields, DocumentKind } from './extract.types.ts';
import { toJsonSafe } from './json-safe.helper.ts';

const STRING_FIELDS = ['ref', 'title', 'origin', 'author', 'classification'] as const;
const KNOWN_KEYS = new Set<string>([...STRING_FIELDS, 'kind', 'date', 'date_text', 'language']);

/** Returns the original spelling of a scalar (YAML `ref: 0042` would otherwise become 42). */
export type RawScalarLookup = (key: string) => string | undefined;

export type FieldsOutcome = { ok: true; fields: DocumentFields; metadata: Record<string, unknown> } | { ok: false; reason: string };

class FieldProblem extends Error {}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : `a value of type ${typeof value}`;
}

// Scalars become text; null counts as absent; lists and objects are a problem for the record.
function readText(record: Record<string, unknown>, key: string, raw?: RawScalarLookup): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return (raw?.(key) ?? String(value)).trim() || undefined;
  }
  throw new FieldProblem(`Field "${key}" must be text, not ${describe(value)}.`);
}

function readKind(record: Record<string, unknown>): DocumentKind | undefined {
  const text = readText(record, 'kind');
  if (text === undefined) return undefined;
  const kind = DOCUMENT_KINDS.find((known) => known === text.toLowerCase());
  if (kind === undefined) {
    throw new FieldProblem(`Field "kind" must be one of ${DOCUMENT_KINDS.join(', ')}, not "${text}".`);
  }
  return kind;
}

/** 'en-GB' → 'en'. Anything that is not a two-letter ISO 639-1 code yields undefined. */
export function normaliseLanguage(value: string | null | undefined): string | undefined {
  const primary = value?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary !== undefined && /^[a-z]{2}$/.test(primary) ? primary : undefined;
}

/**
 * Date rule: `date` is what dateText shows unless `date_text` is also present. Then `date_text`
 * (the wording of the source) wins and `date` is kept as `metadata.date_iso`.
 */
function readDates(record: Record<string, unknown>, raw?: RawScalarLookup) {
  const date = readText(record, 'date', raw);
  const dateText = readText(record, 'date_text', raw);
  if (dateText === undefined) return { dateText: date, extra: {} };
  return { dateText, extra: date === undefined ? {} : { date_iso: date } };
}

function collectFields(record: Record<string, unknown>, raw?: RawScalarLookup) {
  const fields: DocumentFields = {};
  for (const key of STRING_FIELDS) {
    const value = readText(record, key, raw);
    if (value !== undefined) fields[key] = value;
  }
  const kind = readKind(record);
  if (kind !== undefined) fields.kind = kind;
  const languageText = readText(record, 'language', raw);
  const language = normaliseLanguage(languageText);
  if (language !== undefined) fields.language = language;
  const { dateText, extra } = readDates(record, raw);
  if (dateText !== undefined) fields.dateText = dateText;
  // A language we cannot reduce to ISO 639-1 ("Farsi") is still worth keeping.
  const unmapped = languageText !== undefined && language === undefined ? { language: languageText } : {};
  return { fields, extra: { ...extra, ...unmapped } };
}

export function mapRecordFields(record: Record<string, unknown>, raw?: RawScalarLookup): FieldsOutcome {
  try {
    const { fields, extra } = collectFields(record, raw);
    const rest = Object.entries(record).filter(([key]) => !KNOWN_KEYS.has(key));
    const metadata = toJsonSafe(Object.fromEntries([...rest, ...Object.entries(extra)]));
    return { ok: true, fields, metadata: metadata as Record<string, unknown> };
  } catch (error) {
    if (error instanceof FieldProblem) return { ok: false, reason: error.message };
    throw error;
  }
}
