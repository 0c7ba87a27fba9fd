import type BetterSqlite3 from 'better-sqlite3';

export const RANK_EXTENSION_FILE: string;
export function loadRankExtension(connection: BetterSqlite3.Database): boolean;
export function rankExtensionAvailable(): boolean;
export function documentSetsAvailable(connection: BetterSqlite3.Database): boolean;
