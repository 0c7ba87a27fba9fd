import type { AlignmentResponse, Passage } from './api/types.ts';

/** One row of the side-by-side reader: passages of the document being read beside their counterparts. */
export interface ParallelRow {
  key: string;
  primary: Passage[];
  other: Passage[];
  /** Index of the pair in the alignment; null for a passage no pair names. */
  pairIndex: number | null;
}

/**
 * The rows of the side-by-side reader, in the order of the document being read. Its passages that no
 * pair names (an editor left them out) still show, on their own, where they belong.
 */
export function parallelRows(
  alignment: Pick<AlignmentResponse, 'pairs'>,
  mine: Passage[],
  theirs: Passage[],
  mineIsOriginal: boolean,
): ParallelRow[] {
  const byIdMine = new Map(mine.map((p) => [p.id, p]));
  const byIdTheirs = new Map(theirs.map((p) => [p.id, p]));
  const [mySide, theirSide] = mineIsOriginal ? (['original', 'translation'] as const) : (['translation', 'original'] as const);
  const rows: ParallelRow[] = [];
  const placed = new Set<number>();
  for (const [pairIndex, pair] of alignment.pairs.entries()) {
    const primary = pair[mySide].map((id) => byIdMine.get(id)).filter((p): p is Passage => p !== undefined);
    const other = pair[theirSide].map((id) => byIdTheirs.get(id)).filter((p): p is Passage => p !== undefined);
    if (primary.length + other.length === 0) continue;
    for (const p of primary) placed.add(p.id);
    rows.push({ key: `${pair.original.join(',')}|${pair.translation.join(',')}`, primary, other, pairIndex });
  }
  for (const passage of mine.filter((p) => !placed.has(p.id))) {
    const at = rows.findIndex((row) => row.primary.some((p) => p.ordinal > passage.ordinal));
    const row = { key: `only-${passage.id}`, primary: [passage], other: [], pairIndex: null };
    if (at < 0) rows.push(row);
    else rows.splice(at, 0, row);
  }
  return rows;
}
