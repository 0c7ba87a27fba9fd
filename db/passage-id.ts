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

/** The first and last passage id a document may have: its passages are this one rowid range. */
export function passageIdRange(documentId: number): [number, number] {
  return [passageId(documentId, 0), passageId(documentId, MAX_PASSAGES_PER_DOCUMENT)];
}

/**
 * SQL: passage `alias` belongs to the document `documentId` (an SQL expression). The passage's
 * document_id is computed from its id and not indexed (migration 0023), so a document's passages are
 * found as the rowid range its id spans.
 */
export function passagesOfDocument(alias: string, documentId: string): string {
  return `${alias}.id between ${documentId} * ${PASSAGE_ID_FACTOR} and ${documentId} * ${PASSAGE_ID_FACTOR} + ${MAX_PASSAGES_PER_DOCUMENT}`;
}
