// Document bodies are stored deflated: about 40% of their UTF-8 size on cable-like and OCR'd text, the
// largest saving left in the database (bench/README.md, "Database size"). A body that deflate would not
// shrink, such as a short one, stays plain text, so the column holds a BLOB (deflated) or TEXT (as is).
// SQL never reads the column directly: every connection registers the functions below, and reads go
// through them (db/document-body.ts). Plain JavaScript because reader worker threads load it without
// TypeScript.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

// Level 6 is zlib's default: level 9 saved nothing more on the scale archive and compressed slower.
const LEVEL = 6;
// Below this many bytes deflate's own framing eats most of what it saves.
const SMALLEST_PACKED = 96;

/** What the `body_packed` column stores for this text. */
export function packBody(text) {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length < SMALLEST_PACKED) return text;
  const packed = deflateRawSync(bytes, { level: LEVEL });
  return packed.length < bytes.length ? packed : text;
}

/** The text a stored body holds. */
export function unpackBody(stored) {
  if (stored === null || stored === undefined || typeof stored === 'string') return stored ?? null;
  return inflateRawSync(stored).toString('utf8');
}

/**
 * Registers on a connection `unpack_body(stored)` (the whole text), `body_slice(stored, start, end)` (the text
 * between two JavaScript string offsets, as body.slice(start, end): no shift for characters beyond U+FFFF) and
 * `pack_body(text)` (for migrations, which may import nothing but Kysely). Reads usually take several passages
 * or mentions of one document in a row, so the last body unpacked is kept.
 */
export function registerBodyFunctions(connection) {
  let lastStored = null;
  let lastText = null;
  const text = (stored) => {
    if (stored === null || typeof stored === 'string') return stored;
    if (lastStored === null || !stored.equals(lastStored)) {
      lastText = unpackBody(stored);
      lastStored = stored;
    }
    return lastText;
  };
  connection.function('unpack_body', { deterministic: true }, text);
  connection.function('body_slice', { deterministic: true }, (stored, start, end) => {
    const body = text(stored);
    return body === null ? null : body.slice(Number(start), Number(end));
  });
  connection.function('pack_body', { deterministic: true }, (stored) => (typeof stored === 'string' ? packBody(stored) : stored));
}
