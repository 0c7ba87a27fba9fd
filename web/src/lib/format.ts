// Display helpers. Values come from documents, so they are returned as strings for text interpolation.
import { isSolarHijriText } from './calendar.ts';

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return null;
  }
})();

/** "fa" → "Persian (fa)"; unknown or malformed codes are shown as they are. */
export function languageLabel(code: string): string {
  try {
    const name = languageNames?.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

const KIND_LABELS: Record<string, string> = { cable: 'Cable', report: 'Report', document: 'Document' };

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Formats an ISO date (YYYY-MM-DD, possibly with a time) without shifting it into the local zone. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** Metadata values are arbitrary JSON; show scalars as they are and anything else as compact JSON. */
export function metadataValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return value.join(', ');
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** "source_file" or "sourceFile" → "Source file", for metadata keys we have no label for. */
export function humanizeKey(key: string): string {
  const spaced = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return spaced ? spaced[0]!.toUpperCase() + spaced.slice(1) : key;
}

/**
 * How to show a document's date: as the document writes it when that is a Solar Hijri date, with the
 * Gregorian date beside it (`written` and `gregorian`); otherwise the Gregorian date alone, or the
 * written text when it could not be read as a date (`gregorian` null, `written` the text).
 */
export function dateDisplay(date: string | null | undefined, dateText: string | null | undefined) {
  const gregorian = date ? formatDate(date) : null;
  if (dateText && (isSolarHijriText(dateText) || !gregorian))
    return { written: dateText, gregorian, solarHijri: isSolarHijriText(dateText) };
  return { written: null, gregorian, solarHijri: false };
}
