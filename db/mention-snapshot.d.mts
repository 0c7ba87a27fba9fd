import type BetterSqlite3 from 'better-sqlite3';

export declare const PASSAGE_ID_FACTOR: number;
export declare const SEGMENT_SHIFT: number;

/** Entries start[d] .. start[d + 1] - 1 are the mentions of the segment's document d: an ordinal and a code each. */
export interface MentionSegment {
  start: Int32Array;
  ordinals: Uint8Array | Uint16Array | Int32Array;
  /** The place of each mention's entity in `entities`. */
  codes: Uint8Array | Uint16Array | Int32Array;
  /** The segment's distinct entity ids, in order. */
  entities: Int32Array;
  maxOrdinal: number;
  maxEntity: number;
}

export interface MentionSnapshot {
  tick: number;
  version: string | null;
  segments: Array<MentionSegment | null>;
  length: number;
  maxEntity: number;
  maxOrdinal: number;
}

export declare const EMPTY_SNAPSHOT: MentionSnapshot;

export declare function readMentionSnapshot(
  connection: BetterSqlite3.Database,
  tick: number,
  version?: string | null,
): Generator<undefined, MentionSnapshot, undefined>;
