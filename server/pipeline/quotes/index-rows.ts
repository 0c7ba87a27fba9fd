import { shingles } from './shingles.ts';

/**
 * Rows of the quote index (db/quote-index.repository.ts). A row holds the shingles of one passage of
 * a source document, numbered document × 64 + the passage's place in the document, so a posting's
 * rowid delta takes a byte or two (a passage id jumps by 2^24 from one document to the next,
 * db/passage-id.ts, and cost four or five). A document of more than 64 passages has two, four, eight…
 * consecutive passages to a row, as many as keep it within 64 rows.
 */
const ROW_BITS = 6;
const ROWS = 2 ** ROW_BITS;

/** How many places a passage's place is shifted right to give its row, in a document of `passages` passages. */
function shift(passages: number): number {
  let s = 0;
  while ((passages - 1) >> s >= ROWS) s++;
  return s;
}

/** The row of the passage at `place` (0 for the first) among a document's `passages`, in order. */
export function quoteIndexRow(documentId: number, place: number, passages: number): number {
  return documentId * ROWS + (place >> shift(passages));
}

export function documentOfRow(row: number): number {
  return Math.floor(row / ROWS);
}

/** The row `offset` rows from `row` in the same document, or null past the document's 64 rows. */
export function neighbourRow(row: number, offset: number): number | null {
  const neighbour = row + offset;
  return documentOfRow(neighbour) === documentOfRow(row) ? neighbour : null;
}

/** The first and last row a document may have: its rows are this one range of rowids. */
export function documentRows(documentId: number): [number, number] {
  return [documentId * ROWS, (documentId + 1) * ROWS - 1];
}

/** A source document's rows (its passages' texts in order), each with the distinct shingles of its passages. */
export function shingleRows(documentId: number, texts: readonly string[]): Map<number, Iterable<number>> {
  const rows = new Map<number, number[] | Set<number>>();
  texts.forEach((text, place) => {
    const hashes = shingles(text);
    if (hashes.length === 0) return;
    const row = quoteIndexRow(documentId, place, texts.length);
    const held = rows.get(row);
    // Up to 64 passages a row is one passage, whose shingles are distinct already; beyond, a row gathers several.
    if (held === undefined) rows.set(row, hashes);
    else if (Array.isArray(held)) rows.set(row, new Set([...held, ...hashes]));
    else for (const hash of hashes) held.add(hash);
  });
  return rows;
}
