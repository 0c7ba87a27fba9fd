import { describe, expect, it } from 'vitest';
import type { JobState } from '../src/lib/api/extraction.ts';
import { EXTRACTION_WORDS, finishedText, jobText, progressText, startedText } from '../src/lib/components/admin/job-words.ts';

const idle: JobState = { state: 'idle', done: 0, total: 0, startedAt: null, finishedAt: null, error: null };
const at = '2026-12-01T10:52:14.000Z';

describe('the entity jobs in words', () => {
  it('counts a running extraction in documents, with thousands separated', () => {
    const job: JobState = { ...idle, state: 'running', done: 120, total: 4500, startedAt: at };
    expect(progressText(EXTRACTION_WORDS, job)).toBe('Extracting entities: 120 of 4,500 documents');
    expect(jobText(EXTRACTION_WORDS, job)).toBe('Extracting entities: 120 of 4,500 documents.');
    expect(startedText(EXTRACTION_WORDS, { ...job, done: 0, total: 1 })).toBe('Entity extraction started: 1 document to go.');
  });

  it('says when the last run ended, how far it got, and why it stopped', () => {
    expect(jobText(EXTRACTION_WORDS, idle)).toBe('No extraction has run since the server started.');
    const done: JobState = { ...idle, done: 12, total: 12, startedAt: at, finishedAt: at };
    expect(jobText(EXTRACTION_WORDS, done)).toBe('Last run finished at 1 Dec 2026, 10:52:14 UTC: 12 of 12 documents.');
    expect(finishedText(EXTRACTION_WORDS, done)).toBe('Entity extraction finished: 12 of 12 documents.');
    const stopped = { ...done, done: 3, error: 'Extraction stopped: the disk is full.' };
    expect(jobText(EXTRACTION_WORDS, stopped)).toBe('The last run stopped at 1 Dec 2026, 10:52:14 UTC, after 3 of 12 documents.');
    expect(finishedText(EXTRACTION_WORDS, stopped)).toBe('Entity extraction did not finish. Extraction stopped: the disk is full.');
  });

  it('says so when a run had nothing to do', () => {
    const nothing: JobState = { ...idle, startedAt: at, finishedAt: at };
    expect(startedText(EXTRACTION_WORDS, nothing)).toBe('Entity extraction finished: there were no new or changed documents to extract.');
  });
});
