import type { HealthRepository } from '../../../db/health.repository.ts';
import { AppError } from '../../errors.ts';
import type { Health } from './health.schemas.ts';

/** Whether the server can read its archive, for load balancers and monitoring: asked often, so it asks the light lane. */
export class HealthService {
  constructor(private readonly health: HealthRepository) {}

  async check(): Promise<Health> {
    let answered = false;
    try {
      answered = await this.health.ping();
    } catch {
      // The cause goes unreported: the check is public, and a database error may name paths.
    }
    if (!answered) throw new AppError('health.database_unavailable', 'The server cannot read its database right now.', 503);
    return { status: 'ok', database: 'ok' };
  }
}
