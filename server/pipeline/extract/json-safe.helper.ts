// Metadata is stored as JSON. Parsed YAML can hold values JSON cannot represent faithfully
// (Infinity, NaN, Dates, Maps, cycles made with anchors), so everything passes through here.

const MAX_DEPTH = 64;

function safeObject(value: object, ancestors: Set<object>, depth: number): unknown {
  if (ancestors.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deeply nested]';
  ancestors.add(value);
  try {
    if (Array.isArray(value) || value instanceof Set) {
      return Array.from(value, (item: unknown) => toJsonSafeAt(item, ancestors, depth + 1) ?? null);
    }
    const entries = value instanceof Map ? Array.from(value, ([k, v]) => [String(k), v] as const) : Object.entries(value);
    // fromEntries defines own properties, so a "__proto__" key stays data instead of a prototype.
    return Object.fromEntries(
      entries.map(([key, item]) => [key, toJsonSafeAt(item, ancestors, depth + 1)] as const).filter(([, item]) => item !== undefined),
    );
  } finally {
    ancestors.delete(value);
  }
}

function toJsonSafeAt(value: unknown, ancestors: Set<object>, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (typeof value === 'object') return safeObject(value, ancestors, depth);
  return undefined;
}

/** A copy of `value` that survives JSON.stringify → JSON.parse unchanged. */
export function toJsonSafe(value: unknown): unknown {
  return toJsonSafeAt(value, new Set(), 0);
}
