import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { scopeOf } from '../auth/viewer.ts';
import { ErrorResponse } from '../schemas.ts';
import {
  AttachBody,
  DecisionBody,
  DetachBody,
  DocumentQuotedIn,
  PassageQuotedIn,
  Quotation,
  ReportResponse,
  ReviewLinkBody,
} from './quotes.schemas.ts';
import type { QuotesService } from './quotes.service.ts';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const reviewResponses = {
  200: Quotation,
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};

export const quotesRoutes: FastifyPluginAsyncTypebox<{ service: QuotesService }> = async (app, { service }) => {
  app.get(
    '/reports/:id',
    {
      schema: {
        tags: ['quotes'],
        summary: 'A report with its quotations, each with its links to source passages and the differences',
        params: Id,
        response: { 200: ReportResponse, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => service.report(request.params.id, request.viewer),
  );

  app.get(
    '/reports/by-ref/:ref',
    {
      schema: {
        tags: ['quotes'],
        summary: 'The same as /reports/:id, by the report’s reference',
        params: Type.Object({ ref: Type.String({ minLength: 1, maxLength: 300 }) }),
        response: { 200: ReportResponse, 404: ErrorResponse },
      },
    },
    async (request) => service.reportByRef(request.params.ref, request.viewer),
  );

  app.get(
    '/documents/:id/quoted-in',
    {
      schema: {
        tags: ['quotes'],
        summary: 'Reports that quote this document, with where in its body (rejected and orphaned links left out)',
        params: Id,
        response: { 200: DocumentQuotedIn, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => service.documentQuotedIn(request.params.id, scopeOf(request.viewer)),
  );

  app.get(
    '/passages/:id/quoted-in',
    {
      schema: {
        tags: ['quotes'],
        summary: 'Reports that quote this passage',
        params: Id,
        response: { 200: PassageQuotedIn, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => service.passageQuotedIn(request.params.id, scopeOf(request.viewer)),
  );

  app.patch(
    '/quote-links/:id',
    {
      schema: {
        tags: ['quotes'],
        summary: 'Confirm or reject a link; returns the quotation with its links',
        params: Id,
        body: ReviewLinkBody,
        response: reviewResponses,
      },
    },
    async (request) => service.reviewLink(request.params.id, request.body, request.viewer),
  );

  app.post(
    '/quote-links/:id/detach',
    {
      schema: {
        tags: ['quotes'],
        summary: 'Detach a link: one attached by hand is removed, a machine’s is rejected so it is not suggested again',
        params: Id,
        body: DetachBody,
        response: reviewResponses,
      },
    },
    async (request) => service.detach(request.params.id, request.viewer),
  );

  app.post(
    '/quotations/:id/links',
    {
      schema: {
        tags: ['quotes'],
        summary: 'Attach a quotation by hand to text selected in a source document',
        params: Id,
        body: AttachBody,
        response: { ...reviewResponses, 201: Quotation },
      },
    },
    async (request, reply) => reply.status(201).send(await service.attach(request.params.id, request.body, request.viewer)),
  );

  app.patch(
    '/quotations/:id',
    {
      schema: {
        tags: ['quotes'],
        summary: 'Mark a quotation "not in the archive", or take that back',
        params: Id,
        body: DecisionBody,
        response: reviewResponses,
      },
    },
    async (request) => service.decide(request.params.id, request.body, request.viewer),
  );
};
