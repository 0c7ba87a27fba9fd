import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ReadStream } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { scopeOf } from '../auth/viewer.ts';
import { ErrorResponse } from '../schemas.ts';
import { DocumentPageWords, PageImageParams, PageImageQuery } from './pages.schemas.ts';
import type { PagesService } from './pages.service.ts';

export const pagesRoutes: FastifyPluginAsyncTypebox<{ service: PagesService }> = async (app, { service }) => {
  app.get(
    '/documents/:id/pages/:n',
    {
      schema: {
        tags: ['documents'],
        summary: 'One page of a document with its OCR words and their boxes on the page image',
        params: PageImageParams,
        response: { 200: DocumentPageWords, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => service.page(request.params.id, request.params.n, scopeOf(request.viewer)),
  );

  app.get(
    '/documents/:id/pages/:n/image',
    {
      schema: {
        tags: ['documents'],
        summary: 'The image of one page: a scan as imported (PNG, JPEG, WebP), a PDF page or TIFF frame drawn to PNG',
        params: PageImageParams,
        querystring: PageImageQuery,
        produces: ['image/png', 'image/jpeg', 'image/webp'],
        response: {
          200: Type.Unsafe<ReadStream>({ type: 'string', format: 'binary', description: 'The page image; never HTML' }),
          400: ErrorResponse,
          404: ErrorResponse,
          415: ErrorResponse,
          422: ErrorResponse,
          503: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const image = await service.image(request.params.id, request.params.n, scopeOf(request.viewer), request.query.width);
      return reply
        .header('content-type', image.contentType)
        .header('content-length', image.size)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .header('cache-control', 'private, max-age=3600')
        .send(image.stream);
    },
  );
};
