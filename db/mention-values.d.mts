export declare const PASSAGE_ID_FACTOR: number;
export declare const ENTITY_FACET_SIZE: number;

export declare class MentionValues {
  constructor(connection: import('better-sqlite3').Database, share?: import('./value-share.mjs').ValueShare);
  synchronousMentions: number;
  readonly loading: boolean;
  /** No values yet: before the first refresh, or while a large archive's first load runs in the background. */
  readonly firstLoadPending: boolean;
  /** Notes the connection's data version without loading anything. */
  see(version: number): number;
  refresh(version: number): void;
  /** The snapshot counted with; its tick names it (one build, one tick). */
  readonly snapshot: { tick: number };
  bytes(): { shared: number; own: number };
  tally(): { addDocument(document: number): void; top(size?: number): Array<{ entityId: number; count: number }> };
}
