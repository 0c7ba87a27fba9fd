// Audit events carry arbitrary JSON before and after a change; they are turned into short plain text
// here and shown by text interpolation, never as markup.
import { metadataValue } from '../../format.ts';

const MAX_SIDE = 240;

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** "2 May 2024, 14:03:09 UTC"; formatDate in format.ts drops the time, which the log needs. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  return text.length > MAX_SIDE ? `${text.slice(0, MAX_SIDE - 1)}…` : text;
}

function compact(value: unknown): string {
  if (isRecord(value)) {
    return clip(
      Object.entries(value)
        .map(([key, v]) => `${key}: ${metadataValue(v)}`)
        .join(', '),
    );
  }
  return clip(metadataValue(value));
}

/** "role: viewer → editor"; keys that stayed the same are kept first, as they say what changed. */
export function changeText(before: unknown, after: unknown): string {
  if ((before === null || before === undefined) && (after === null || after === undefined)) return '';
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const same = keys.filter((k) => metadataValue(before[k]) === metadataValue(after[k]));
    const changed = keys.filter((k) => !same.includes(k));
    return clip(
      [
        ...same.map((k) => `${k}: ${metadataValue(after[k])}`),
        ...changed.map((k) => `${k}: ${metadataValue(before[k])} → ${metadataValue(after[k])}`),
      ].join(', '),
    );
  }
  // What was set, for a creation or a grant; what was taken away, for a removal.
  if (before === null || before === undefined) return compact(after);
  return `${compact(before)} → ${compact(after)}`;
}
