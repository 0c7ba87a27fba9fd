import type BetterSqlite3 from 'better-sqlite3';

export declare function packBody(text: string): Buffer | string;
export declare function unpackBody(stored: Buffer | string | null): string | null;
export declare function registerBodyFunctions(connection: BetterSqlite3.Database): void;
