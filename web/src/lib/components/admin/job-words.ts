// The entity jobs' state in sentences, for the administration page's Entities panel.
import type { JobState } from '../../api/extraction.ts';
import { formatCount, plural } from '../../format.ts';
import { formatWhen } from './audit-format.ts';

export interface JobWords {
  /** What runs, as a heading of its progress: "Extracting entities". */
  running: string;
  /** What the job counts: "document". */
  unit: string;
  /** The job as the subject of a sentence: "Entity extraction". */
  name: string;
  /** Before any run: the server keeps no history of the jobs across restarts. */
  never: string;
  /** A finished run that had nothing to do. */
  nothing: string;
}

export const EXTRACTION_WORDS: JobWords = {
  running: 'Extracting entities',
  unit: 'document',
  name: 'Entity extraction',
  never: 'No extraction has run since the server started.',
  nothing: 'there were no new or changed documents to extract',
};

export const TRAINING_WORDS: JobWords = {
  running: 'Retraining the tagger',
  unit: 'language model',
  name: 'Retraining the tagger',
  never: 'The tagger has not been retrained since the server started.',
  nothing: 'there was nothing to train',
};

/** "Extracting entities: 120 of 4,500 documents". */
export function progressText(words: JobWords, job: JobState): string {
  return `${words.running}: ${formatCount(job.done)} of ${plural(job.total, words.unit)}`;
}

function count(words: JobWords, job: JobState): string {
  return job.total === 0 ? words.nothing : `${formatCount(job.done)} of ${plural(job.total, words.unit)}`;
}

/** What runs now, or how the last run ended. */
export function jobText(words: JobWords, job: JobState): string {
  if (job.state === 'running') return `${progressText(words, job)}.`;
  if (!job.finishedAt) return words.never;
  const when = formatWhen(job.finishedAt);
  if (job.error) return `The last run stopped at ${when}, after ${count(words, job)}.`;
  return `Last run finished at ${when}: ${count(words, job)}.`;
}

/** Announced when a run watched on the page ends. */
export function finishedText(words: JobWords, job: JobState): string {
  if (job.error) return `${words.name} did not finish. ${job.error}`;
  return `${words.name} finished: ${count(words, job)}.`;
}

/** Announced when a run is started from the page. */
export function startedText(words: JobWords, job: JobState): string {
  return job.state === 'running' ? `${words.name} started: ${plural(job.total, words.unit)} to go.` : finishedText(words, job);
}
