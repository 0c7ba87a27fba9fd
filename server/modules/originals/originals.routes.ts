import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ReadStream } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { scopeOf } from '../auth/viewer.ts';
import { ErrorResponse } from '../schemas.ts';
import type { OriginalsService } from './originals.service.ts';

export const originalsRoutes: FastifyPluginAsyncTypebox<{ service: OriginalsService }> = async (app, { service }) => {
  app.get(
    '/documents/:id/original',
    {
      schema: {
        tags: ['documents'],
        summary: 'Download the file a document was imported from (always as an attachment, never shown as a page)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        produces: ['application/octet-stream'],
        response: {
          // A stream is sent as it is (Fastify serialises no stream); the schema describes it for OpenAPI.
          200: Type.Unsafe<ReadStream>({
            type: 'string',
            format: 'binary',
            description: 'The original bytes; HTML and other active types as application/octet-stream',
          }),
          400: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const original = await service.download(request.params.id, scopeOf(request.viewer));
      return reply
        .header('content-type', original.contentType)
        .header('content-disposition', original.contentDisposition)
        .header('content-length', original.size)
        .header('x-content-type-options', 'nosniff')
        .send(original.stream);
    },
  );
};
