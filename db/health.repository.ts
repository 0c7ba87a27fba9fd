import { sql } from 'kysely';
import type { Db } from './client.ts';

/** The health check's one query: proof that a reading connection answers, touching no table. */
export class HealthRepository {
  constructor(private readonly reader: Db) {}

  async ping(): Promise<boolean> {
    const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(this.reader);
    return rows[0]?.ok === 1;
  }
}
