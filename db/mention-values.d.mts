export declare const PASSAGE_ID_FACTOR: number;
export declare const ENTITY_FACET_SIZE: number;

export declare class MentionValues {
  constructor(connection: import('better-sqlite3').Database);
  synchronousMentions: number;
  readonly loading: boolean;
  refresh(version: number): void;
  tally(): { addDocument(document: number): void; top(size?: number): Array<{ entityId: number; count: number }> };
}
