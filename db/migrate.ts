import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from '../migrations/index.ts';

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function unwrap(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  unwrap(await migrator(db).migrateToLatest());
}

export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  unwrap(await migrator(db).migrateTo(name));
}

export async function migrateDownAll(db: Kysely<any>): Promise<void> {
  unwrap(await migrator(db).migrateTo(NO_MIGRATIONS));
}

export const migrationNames = Object.keys(migrations);
