export declare class ValueVersion {
  constructor(connection: import('better-sqlite3').Database, kind: 'documents' | 'mentions');
  read(): string | null;
}
export declare function builtAt(snapshot: { version?: string | null } | null | undefined, reading: string | null): boolean;
