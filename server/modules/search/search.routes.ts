import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { limitPerClient } from '../../plugins/rate-limit.ts';
import { scopeOf } from '../auth/viewer.ts';
import { ErrorResponse } from '../schemas.ts';
import { HighlightsQuery, HighlightsResponse, SearchQuery, SearchResponse } from './search.schemas.ts';
import type { SearchService } from './search.service.ts';

export const searchRoutes: FastifyPluginAsyncTypebox<{ service: SearchService; searchesPerMinute: number }> = async (
  app,
  { service, searchesPerMinute },
) => {
  app.get(
    '/search',
    {
      onRequest: limitPerClient(searchesPerMinute),
      schema: {
        tags: ['search'],
        summary: 'Search passages; results are documents with their best passages, and facets over the filtered set',
        querystring: SearchQuery,
        response: { 200: SearchResponse, 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => service.run(request.query, scopeOf(request.viewer)),
  );

  app.get(
    '/documents/:id/highlights',
    {
      schema: {
        tags: ['documents'],
        summary: 'Where the query matches inside one document, as offsets into its body',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: HighlightsQuery,
        response: { 200: HighlightsResponse, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => service.highlights(request.params.id, request.query.q, scopeOf(request.viewer)),
  );
};
