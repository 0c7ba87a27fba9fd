import type { TroveDatabase } from '../../../db/client.ts';
import { EntityExtractionRepository } from '../../../db/entity-extraction.repository.ts';
import { JobsRepository } from '../../../db/jobs.repository.ts';
import { QuoteIndexRepository } from '../../../db/quote-index.repository.ts';
import type { ExtractionService } from '../entities/extraction.service.ts';
import type { NerTrainer } from '../entities/extraction.training.ts';
import type { QuoteLinkingService } from '../quotes/quote-linking.service.ts';
import { entityExtractionKind, nerTrainingKind, quoteIndexKind, quoteLinkingKind } from './job-kinds.ts';
import { JobRunner } from './job-runner.ts';
import { JobsService } from './jobs.service.ts';

/**
 * The job table, the runner with every kind the server can do in batches, and the admins' service. Nothing runs
 * until `runner.start()`: the server starts it; a command (trove jobs) only reads.
 */
export function createJobs(
  db: TroveDatabase,
  deps: {
    extraction: ExtractionService;
    linking: QuoteLinkingService;
    trainer: NerTrainer;
    clock?: () => Date;
    log?: (line: string) => void;
  },
) {
  const repository = new JobsRepository(db);
  const runner = new JobRunner(repository, { log: deps.log })
    .register(entityExtractionKind(new EntityExtractionRepository(db), deps.extraction))
    .register(quoteLinkingKind(deps.linking))
    .register(quoteIndexKind(new QuoteIndexRepository(db)))
    .register(nerTrainingKind(deps.trainer));
  return { repository, runner, service: new JobsService(repository, runner, deps.clock) };
}
export type Jobs = ReturnType<typeof createJobs>;
