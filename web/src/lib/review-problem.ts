import { ApiError } from './api/client.ts';

/**
 * A refused review, said in words a person can act on. The server's own messages name roles and
 * headers; here the reader learns what happened to their change and what to do next.
 */
export function reviewProblem(error: ApiError): ApiError {
  const say = (message: string) => new ApiError(error.status, error.code, message);
  if (error.status === 401) return say('You are no longer signed in, so this change was not saved. Sign in again to review.');
  if (error.code === 'auth.forbidden') {
    return say('Your account may not review this report: that needs an editor of its collection. The change was not saved.');
  }
  if (error.code === 'auth.csrf' || error.code === 'auth.cross_site') {
    return say('This page’s session is out of date, so the change was not saved. Reload the page and try again.');
  }
  return error;
}
