import type { FastifyError, FastifyInstance } from 'fastify';
import { READER_QUEUE_TIMEOUT } from '../db/reader-pool.ts';

/** An error a user can act on, with a stable code that scripts can rely on. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (code: string, message: string) => new AppError(code, message, 404);

interface ErrorBody {
  error: { code: string; message: string } & Record<string, unknown>;
}

function body(code: string, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, ...details } };
}

// Fastify's own request errors, restated with our stable codes and sentences a user can act on.
const FASTIFY_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'request.too_large', message: 'The request body is larger than the server accepts (1 MB).' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'request.unsupported_media_type', message: 'Send the request body as application/json.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'request.invalid_json', message: 'The request says it carries JSON but its body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'request.invalid_json', message: 'The request body is not valid JSON.' },
};

const CONFLICT_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** One place maps errors to HTTP (unknown routes are answered by plugins/web.ts): AppErrors keep their message, validation errors say what was wrong, anything else is a bare 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (typeof error.details.retryAfter === 'number') reply.header('retry-after', String(error.details.retryAfter));
      return reply.status(error.statusCode).send(body(error.code, error.message, error.details));
    }
    if (error.validation) {
      const message = `Invalid request: ${error.message}.`.replace(/\.\.$/, '.');
      return reply.status(400).send(body('request.invalid', message));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const known = FASTIFY_ERRORS[error.code];
      return reply.status(error.statusCode).send(body(known?.code ?? 'request.invalid', known?.message ?? error.message));
    }
    // Two people changing the same thing at the same moment: the database refused the second change whole.
    if (CONFLICT_CODES.has((error as { code?: unknown }).code as string)) {
      return reply.status(409).send(body('request.conflict', 'Someone else changed this at the same moment. Reload and try again.'));
    }
    // Too many searches at once: this one waited its turn too long and was not run (db/reader-pool.ts).
    if ((error as { code?: unknown }).code === READER_QUEUE_TIMEOUT) {
      reply.header('retry-after', '5');
      return reply.status(503).send(body('search.busy', 'The archive is answering many searches at once. Try again in a moment.'));
    }
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      reply.header('retry-after', '2');
      return reply.status(503).send(body('request.busy', 'The archive is busy writing. Try again in a moment.'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Something went wrong on the server. The error has been logged.'));
  });
}
