/** Where a batch left the work, and how much of it is done. */
export interface BatchResult<C> {
  /** Units finished so far, in all (not only in this batch). */
  done: number;
  /** The total, when the batch learnt it (a rebuild counts as it goes). */
  total?: number;
  checkpoint: C;
  finished: boolean;
}

export interface JobPlan<C> {
  total: number | null;
  checkpoint: C;
}

interface KindBase<C> {
  name: string;
  /** What an admin starts: "Re-extract entities from every document". */
  label: string;
  /** What the job counts: "documents". */
  unit: string;
  /** Counts the work and says where it starts, when a queued job begins. */
  plan(params: Record<string, unknown>): JobPlan<C>;
}

/**
 * A kind of long work, done in batches from a checkpoint (JSON). A `transaction` batch is synchronous and runs in
 * one write transaction with the progress it made: a restart never redoes it. An `async` batch (work on other
 * threads) writes its progress when it ends: a restart may redo that one batch, so its work must be idempotent.
 */
export type JobKind<C = unknown> =
  | (KindBase<C> & { mode: 'transaction'; batch(checkpoint: C, done: number): BatchResult<C> })
  | (KindBase<C> & { mode: 'async'; batch(checkpoint: C, done: number, signal: AbortSignal): Promise<BatchResult<C>> });

/** The kind of a command-line import: shown on the jobs page, run only by `trove import`. */
export const IMPORT_KIND = { name: 'import', label: 'Import (trove import on the command line)', unit: 'files' } as const;

/** Batches of documents or reports of an ordered list of ids, resumed after the last id done. */
export interface AfterId {
  after: number;
}

/** The ids of `all` after the checkpoint, `size` at a time. */
export function nextIds(all: readonly number[], after: number, size: number): number[] {
  let low = 0;
  let high = all.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (all[mid]! <= after) low = mid + 1;
    else high = mid;
  }
  return all.slice(low, low + size);
}
