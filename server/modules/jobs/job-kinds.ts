// The long work the server can do in batches, as job kinds (see job-kind.ts).
import type { EntityExtractionRepository } from '../../../db/entity-extraction.repository.ts';
import type { QuoteIndexRepository } from '../../../db/quote-index.repository.ts';
import { EXTRACTOR_VERSION } from '../../pipeline/entities/extract-entities.ts';
import type { ExtractionService } from '../entities/extraction.service.ts';
import { TRAINED_LANGUAGES, TRAINING_KIND, type NerTrainer } from '../entities/extraction.training.ts';
import type { QuoteLinkingService } from '../quotes/quote-linking.service.ts';
import { nextIds, type AfterId, type JobKind } from './job-kind.ts';

// A batch is one extraction run (a thread that loads the tagger): large enough that starting it is a small part.
const EXTRACTION_BATCH = 1000;
// Re-linking runs on the main thread, one write transaction a batch. At about 6 ms a quotation (bench/README.md,
// 200k passages) five reports of a dozen quotations hold the thread for well under a second between requests.
const LINKING_BATCH = 5;

/**
 * Every document again, through the extraction service (its thread finds the mentions, the main thread writes
 * them). A batch is written by the service in its own transactions, so a restart may extract one batch twice,
 * which changes nothing: extraction replaces a document's machine suggestions and keeps what people decided.
 */
export function entityExtractionKind(repository: EntityExtractionRepository, extraction: ExtractionService): JobKind<AfterId> {
  let ids: number[] | null = null;
  const all = () => (ids ??= repository.documentsToScan(true, EXTRACTOR_VERSION));
  return {
    name: 'entities.extract',
    label: 'Re-extract entities from every document',
    unit: 'documents',
    mode: 'async',
    plan() {
      ids = null;
      return { total: all().length, checkpoint: { after: 0 } };
    },
    async batch(checkpoint, done, signal) {
      const next = nextIds(all(), checkpoint.after, EXTRACTION_BATCH);
      if (next.length === 0) {
        ids = null;
        return { done, checkpoint, finished: true };
      }
      extraction.queue(next);
      // Closing does not wait for the batch: the service finishes or drops it as it closes, and it is done again on resume.
      await Promise.race([extraction.whenIdle(), new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))]);
      if (signal.aborted) return { done, checkpoint, finished: false };
      const failure = extraction.status().error;
      if (failure?.startsWith('Extraction stopped')) throw new Error(failure);
      return { done: done + next.length, total: all().length, checkpoint: { after: next.at(-1)! }, finished: false };
    },
  };
}

/** Every report scanned again and its quotations linked afresh, a few reports per write transaction. */
export function quoteLinkingKind(linking: QuoteLinkingService): JobKind<AfterId> {
  let ids: number[] | null = null;
  const all = () => (ids ??= linking.reportIds());
  return {
    name: 'quotes.relink',
    label: 'Re-link every quotation to its sources',
    unit: 'reports',
    mode: 'transaction',
    plan() {
      ids = null;
      return { total: all().length, checkpoint: { after: 0 } };
    },
    batch(checkpoint, done) {
      const next = nextIds(all(), checkpoint.after, LINKING_BATCH);
      if (next.length === 0) {
        ids = null;
        return { done, checkpoint, finished: true };
      }
      linking.linkReports(next);
      return { done: done + next.length, total: all().length, checkpoint: { after: next.at(-1)! }, finished: false };
    },
  };
}

/** The quote index built again from the passages: one transaction (the index's own rebuild), so one batch. */
export function quoteIndexKind(index: QuoteIndexRepository): JobKind<null> {
  return {
    name: 'quotes.index',
    label: 'Rebuild the quote index',
    unit: 'passages',
    mode: 'transaction',
    plan: () => ({ total: null, checkpoint: null }),
    batch() {
      const passages = index.rebuild();
      return { done: passages, total: passages, checkpoint: null, finished: true };
    },
  };
}

/**
 * The tagger trained again with journalists' corrections, a language a batch. A cancel or the server closing
 * stops the language being trained (its old model stays); a restart trains that language again.
 */
export function nerTrainingKind(trainer: NerTrainer): JobKind<{ next: number }> {
  return {
    name: TRAINING_KIND,
    label: 'Retrain the tagger with corrections',
    unit: 'languages',
    mode: 'async',
    plan: () => ({ total: TRAINED_LANGUAGES.length, checkpoint: { next: 0 } }),
    async batch(checkpoint, _done, signal) {
      const language = TRAINED_LANGUAGES[checkpoint.next];
      if (language === undefined) return { done: TRAINED_LANGUAGES.length, checkpoint, finished: true };
      try {
        await trainer.train(language, signal);
      } catch (error) {
        // Stopped by a cancel or the server closing: that language keeps its old model.
        if (signal.aborted) return { done: checkpoint.next, checkpoint, finished: false };
        throw error;
      }
      const next = checkpoint.next + 1;
      return { done: next, checkpoint: { next }, finished: next === TRAINED_LANGUAGES.length };
    },
  };
}
