import type BetterSqlite3 from 'better-sqlite3';

export declare const FACET_NAMES: readonly ['kind', 'origin', 'year', 'language', 'collection'];

export interface FacetValue {
  value: string;
  count: number;
}

/** `value` is the entity's canonical name. */
export interface EntityFacetValue extends FacetValue {
  entityId: number;
  type: string;
}

export interface FacetCounts {
  total: number;
  /** More documents match than the limit, and they were not all counted: `total` is the limit (see DocValues.count). */
  totalLowerBound: boolean;
  /** The counts stopped at the limit of matching documents: each is a lower bound. */
  approximate: boolean;
  /** The archive's mentions are still loading (a large archive just opened): the entity facet counts none of them yet. */
  entitiesLoading: boolean;
  facets: Record<(typeof FACET_NAMES)[number], FacetValue[]> & { entity: EntityFacetValue[] };
}

export declare class DocValues {
  constructor(connection: BetterSqlite3.Database, share?: import('./value-share.mjs').ValueShare);
  refresh(): void;
  /** Notes the connection's data version now, without loading anything. */
  notice(): void;
  /** Bytes of the shared snapshots and of this thread's own counters; the ticks name the snapshots. */
  bytes(): { shared: number; own: number; ticks: { documents: number; mentions: number }; mentionLoads: number };
  /** `sql` returns one column, named `document_id` or `passage_id`. */
  count(sql: string, parameters: readonly unknown[], limit?: number, countTotal?: boolean): FacetCounts;
}
