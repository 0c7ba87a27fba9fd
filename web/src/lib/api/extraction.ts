// The administration page's calls to the entity jobs: extraction over the archive and retraining the
// tagger with journalists' corrections. Every type here is derived from the server's own schemas
// (generated/openapi.d.ts, see types.ts).

import { getJson, send } from './client.ts';
import type { ApiBody, ApiResponse } from './types.ts';

/** A background job's progress: documents for extraction, language models for training. */
export type JobState = ApiResponse<'/api/extraction', 'get'>;
export type ExtractionStart = ApiBody<'/api/admin/extraction', 'post'>;

type Known<T> = [T] extends [never] ? false : true;
type AllKnown<T extends true[]> = T;
/** Type-checking fails here when a route or status the panel relies on leaves the schemas. */
export type ExtractionTypesKnown = AllKnown<
  [
    Known<JobState>,
    Known<ExtractionStart>,
    Known<ApiResponse<'/api/admin/extraction', 'post', 202>>,
    Known<ApiResponse<'/api/admin/ner-training', 'get'>>,
    Known<ApiResponse<'/api/admin/ner-training', 'post', 202>>,
  ]
>;

export const extractionApi = {
  /** Editors and admins. */
  extraction(signal?: AbortSignal): Promise<JobState> {
    return getJson('/api/extraction', signal);
  },
  /** Admins only. Without `all`, only documents never scanned or changed since; answers at once with the job as queued. */
  startExtraction(body: ExtractionStart): Promise<JobState> {
    return send('POST', '/api/admin/extraction', body);
  },
  training(signal?: AbortSignal): Promise<JobState> {
    return getJson('/api/admin/ner-training', signal);
  },
  /** 409 training.running while a run is still going. */
  startTraining(): Promise<JobState> {
    return send('POST', '/api/admin/ner-training');
  },
};
