import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../schemas.ts';
import { Health } from './health.schemas.ts';
import type { HealthService } from './health.service.ts';

export const healthRoutes: FastifyPluginAsyncTypebox<{ service: HealthService }> = async (app, { service }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Whether the server answers and can read its database; no sign-in needed',
        response: { 200: Health, 503: ErrorResponse },
      },
    },
    async () => service.check(),
  );
};
