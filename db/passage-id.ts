/**
 * A passage's id is its document's id times this factor plus its ordinal. The FTS5 rowid is the
 * passage id, so a search knows each hit's document without a join, and a document's hits are one
 * rowid range. 2^24 passages per document and 2^29 documents both stay within exact integers.
 */
export const PASSAGE_ID_FACTOR = 2 ** 24;
export const MAX_PASSAGES_PER_DOCUMENT = PASSAGE_ID_FACTOR - 1;

export function passageId(documentId: number, ordinal: number): number {
  return documentId * PASSAGE_ID_FACTOR + ordinal;
}
