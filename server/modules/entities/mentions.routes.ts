import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { scopeOf } from '../auth/viewer.ts';
import { ErrorResponse } from '../schemas.ts';
import type { EntitiesService } from './entities.service.ts';
import {
  DocumentMentions,
  DocumentMentionsQuery,
  EntityMentions,
  EntityMentionsQuery,
  MentionResponse,
  ReviewBody,
  SpreadBody,
  SpreadPreview,
  SpreadQuery,
  SpreadResult,
  TagBody,
  TagResponse,
} from './mentions.schemas.ts';
import type { MentionsService } from './mentions.service.ts';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['entities'];

export const mentionsRoutes: FastifyPluginAsyncTypebox<{ reads: EntitiesService; service: MentionsService }> = async (
  app,
  { reads, service },
) => {
  app.get(
    '/entities/:id/mentions',
    {
      schema: {
        tags,
        summary: 'Mentions of an entity in documents you may read, with excerpts, by document date',
        params: Id,
        querystring: EntityMentionsQuery,
        response: { 200: EntityMentions, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => reads.mentionsOf(request.params.id, request.query, scopeOf(request.viewer)),
  );

  app.get(
    '/documents/:id/mentions',
    {
      schema: {
        tags,
        summary: 'Mentions in a document, suggested and confirmed (rejected ones on request)',
        params: Id,
        querystring: DocumentMentionsQuery,
        response: { 200: DocumentMentions, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => reads.documentMentions(request.params.id, request.query, request.viewer),
  );

  app.post(
    '/documents/:id/mentions',
    {
      schema: {
        tags,
        summary: 'Tag a selection as a mention of an entity (editors); says how many other occurrences of the spelling could be tagged too',
        params: Id,
        body: TagBody,
        response: { 201: TagResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.tag(request.params.id, request.body, request.viewer)),
  );

  app.patch(
    '/mentions/:id',
    {
      schema: {
        tags,
        summary: 'Confirm or reject a mention (editors); a rejected suggestion never comes back',
        params: Id,
        body: ReviewBody,
        response: { 200: MentionResponse, ...errors },
      },
    },
    async (request) => service.review(request.params.id, request.body, request.viewer),
  );

  app.get(
    '/entities/:id/spread',
    {
      schema: {
        tags,
        summary: 'Preview: the other occurrences of a spelling, as whole words, in documents you may tag and where nobody decided yet',
        params: Id,
        querystring: SpreadQuery,
        response: { 200: SpreadPreview, ...errors },
      },
    },
    async (request) => service.spreadPreview(request.params.id, request.query.text, request.query.page ?? 1, request.viewer),
  );

  app.post(
    '/entities/:id/spread',
    {
      schema: {
        tags,
        summary: 'Tag the occurrences the preview lists (or the chosen ones) as mentions of the entity',
        params: Id,
        body: SpreadBody,
        response: { 200: SpreadResult, ...errors },
      },
    },
    async (request) => service.spread(request.params.id, request.body, request.viewer),
  );
};
