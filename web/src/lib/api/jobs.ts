// The administration page's calls to the jobs API; the types come from the server's schemas (generated/openapi.d.ts).
import { getJson, send } from './client.ts';
import type { ApiBody, ApiResponse } from './types.ts';

export type JobList = ApiResponse<'/api/admin/jobs', 'get'>;
export type Job = JobList['jobs'][number];
export type JobKind = JobList['kinds'][number];
export type StartJob = ApiBody<'/api/admin/jobs', 'post'>;

/** Where the server sends job progress as server-sent events: "jobs" (the list) once, then "job" per change. */
export const JOB_EVENTS_URL = '/api/admin/jobs/events';

export const jobsApi = {
  list(signal?: AbortSignal): Promise<JobList> {
    return getJson('/api/admin/jobs', signal);
  },
  /** 409 job.already_running while a job of the kind is queued or running. */
  start(body: StartJob): Promise<ApiResponse<'/api/admin/jobs', 'post', 202>> {
    return send('POST', '/api/admin/jobs', body);
  },
  cancel(id: number): Promise<ApiResponse<'/api/admin/jobs/{id}/cancel', 'post'>> {
    return send('POST', `/api/admin/jobs/${id}/cancel`);
  },
};
