import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { scopeOf } from '../auth/viewer.ts';
import { ErrorResponse } from '../schemas.ts';
import { CollectionList, DocumentDetail, DocumentList, ListDocumentsQuery } from './documents.schemas.ts';
import type { DocumentsService } from './documents.service.ts';
import { Alignment, AlignmentBody, AlignmentQuery } from './translations.schemas.ts';
import type { TranslationsService } from './translations.service.ts';

export const documentsRoutes: FastifyPluginAsyncTypebox<{ service: DocumentsService; translations: TranslationsService }> = async (
  app,
  { service, translations },
) => {
  app.get(
    '/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Browse documents, filtered and sorted by date',
        querystring: ListDocumentsQuery,
        response: { 200: DocumentList, 400: ErrorResponse },
      },
    },
    async (request) => service.list(request.query, scopeOf(request.viewer)),
  );

  app.get(
    '/documents/:id',
    {
      config: { revalidate: true },
      schema: {
        tags: ['documents'],
        summary: 'One document: metadata, body and passages',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: DocumentDetail, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => service.byId(request.params.id, scopeOf(request.viewer)),
  );

  app.get(
    '/documents/by-ref/:ref',
    {
      config: { revalidate: true },
      schema: {
        tags: ['documents'],
        summary: 'One document by its archive reference, such as a cable number',
        params: Type.Object({ ref: Type.String({ minLength: 1, maxLength: 300 }) }),
        response: { 200: DocumentDetail, 404: ErrorResponse },
      },
    },
    async (request) => service.byRef(request.params.ref, scopeOf(request.viewer)),
  );

  app.get(
    '/documents/:id/alignment',
    {
      schema: {
        tags: ['documents'],
        summary: 'How the passages of an original and its translation pair up',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: AlignmentQuery,
        response: { 200: Alignment, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => translations.alignment(request.params.id, request.query.with, request.viewer),
  );

  app.put(
    '/documents/:id/alignment',
    {
      schema: {
        tags: ['documents'],
        summary: 'Correct the pairing of an original and its translation (editors; audited)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: AlignmentQuery,
        body: AlignmentBody,
        response: { 200: Alignment, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => translations.correct(request.params.id, request.query.with, request.body, request.viewer),
  );

  app.get(
    '/collections',
    {
      schema: {
        tags: ['documents'],
        summary: 'The collections you may read, with their document counts',
        response: { 200: CollectionList },
      },
    },
    async (request) => service.collections(scopeOf(request.viewer)),
  );
};
