import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, requireRole } from '../auth/viewer.ts';
import { ErrorResponse } from '../schemas.ts';
import { ExtractionStartBody, JobState } from './extraction.schemas.ts';
import type { ExtractionService } from './extraction.service.ts';
import type { NerTrainingService } from './extraction.training.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse };
const tags = ['entities'];

/** The extraction job's progress for editors; starting extraction and training for admins. */
export const extractionRoutes: FastifyPluginAsyncTypebox<{ extraction: ExtractionService; training: NerTrainingService }> = async (
  app,
  { extraction, training },
) => {
  app.addHook('onClose', async () => {
    await extraction.close();
  });

  app.get(
    '/extraction',
    { schema: { tags, summary: 'Progress of entity extraction (editors and admins)', response: { 200: JobState, ...errors } } },
    async (request) => {
      requireRole(request.viewer, 'editor');
      return extraction.status();
    },
  );

  app.post(
    '/admin/extraction',
    {
      schema: {
        tags,
        summary: 'Start entity extraction: documents not yet scanned, or all of them again',
        body: ExtractionStartBody,
        response: { 202: JobState, ...errors },
      },
      // A bare POST (no body at all) asks for the default: the documents not scanned yet.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const actor = actorOf(requireRole(request.viewer, 'admin'));
      return reply.status(202).send(await extraction.start({ all: request.body.all }, actor));
    },
  );

  app.get(
    '/admin/ner-training',
    { schema: { tags, summary: 'Progress of training the tagger with journalists’ corrections', response: { 200: JobState, ...errors } } },
    async (request) => {
      requireRole(request.viewer, 'admin');
      return training.status();
    },
  );

  app.post(
    '/admin/ner-training',
    {
      schema: {
        tags,
        summary: 'Train the tagger again, adding journalists’ confirmed and rejected mentions (train:ner --with-corrections)',
        response: { 202: JobState, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(requireRole(request.viewer, 'admin'));
      return reply.status(202).send(await training.start(actor));
    },
  );
};
