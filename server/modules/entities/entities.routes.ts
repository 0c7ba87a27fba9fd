import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { scopeOf } from '../auth/viewer.ts';
import { ErrorResponse } from '../schemas.ts';
import {
  AliasBody,
  AliasResponse,
  CreateEntityBody,
  EmptyBody,
  EntityList,
  EntityPage,
  EntityResponse,
  EntityTypeList,
  EntityTypeResponse,
  ExportQuery,
  ListEntitiesQuery,
  MergeBody,
  MergeResponse,
  NewEntityType,
  SplitBody,
  UpdateEntityBody,
} from './entities.schemas.ts';
import type { EntitiesService } from './entities.service.ts';
import type { EntityCurationService } from './entity-curation.service.ts';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['entities'];

export const entitiesRoutes: FastifyPluginAsyncTypebox<{ service: EntitiesService; curation: EntityCurationService }> = async (
  app,
  { service, curation },
) => {
  app.get(
    '/entity-types',
    { schema: { tags, summary: 'The entity types: the built-in ones and those admins added', response: { 200: EntityTypeList } } },
    async () => service.types(),
  );

  app.post(
    '/entity-types',
    { schema: { tags, summary: 'Add an entity type (admins)', body: NewEntityType, response: { 201: EntityTypeResponse, ...errors } } },
    async (request, reply) => reply.status(201).send(await curation.addType(request.body, request.viewer)),
  );

  app.get(
    '/entities',
    {
      schema: {
        tags,
        summary: 'Entities you may see, by type, by the start of any word of a name or spelling (the type-ahead), by mentions',
        querystring: ListEntitiesQuery,
        response: { 200: EntityList, 400: ErrorResponse },
      },
    },
    async (request) => service.list(request.query, scopeOf(request.viewer)),
  );

  app.get(
    '/entities.csv',
    {
      schema: {
        tags,
        summary: 'The entities you may see as CSV: name, type, aliases, mentions, first_date, last_date',
        querystring: ExportQuery,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv; aliases joined by "; "' }), 400: ErrorResponse },
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="entities.csv"')
        .send(await service.exportCsv(request.query, scopeOf(request.viewer))),
  );

  app.post(
    '/entities',
    { schema: { tags, summary: 'Create an entity (editors)', body: CreateEntityBody, response: { 201: EntityResponse, ...errors } } },
    async (request, reply) => reply.status(201).send({ entity: await curation.create(request.body, request.viewer) }),
  );

  app.get(
    '/entities/:id',
    {
      schema: {
        tags,
        summary: 'An entity page: names and spellings, counts, a timeline by month, co-mentioned entities and merges',
        params: Id,
        response: { 200: EntityPage, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => service.page(request.params.id, request.viewer),
  );

  app.patch(
    '/entities/:id',
    {
      schema: {
        tags,
        summary: 'Rename, retype, describe or label an entity (editors)',
        params: Id,
        body: UpdateEntityBody,
        response: { 200: EntityResponse, ...errors },
      },
    },
    async (request) => ({ entity: await curation.update(request.params.id, request.body, request.viewer) }),
  );

  app.delete(
    '/entities/:id',
    {
      schema: {
        tags,
        summary: 'Delete an entity; its mentions become untagged suggestions (editors)',
        params: Id,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await curation.delete(request.params.id, request.viewer);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/entities/:id/aliases',
    { schema: { tags, summary: 'Add a spelling (editors)', params: Id, body: AliasBody, response: { 201: AliasResponse, ...errors } } },
    async (request, reply) => reply.status(201).send(await curation.addAlias(request.params.id, request.body, request.viewer)),
  );

  app.delete(
    '/entities/:id/aliases/:aliasId',
    {
      schema: {
        tags,
        summary: 'Remove a spelling (editors); the canonical name’s cannot be removed',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), aliasId: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await curation.deleteAlias(request.params.id, request.params.aliasId, request.viewer);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/entities/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge another entity into this one: its mentions and spellings move here (editors; undoable)',
        params: Id,
        body: MergeBody,
        response: { 200: MergeResponse, ...errors },
      },
    },
    async (request) => curation.merge(request.params.id, request.body, request.viewer),
  );

  app.post(
    '/entity-merges/:id/undo',
    {
      schema: {
        tags,
        summary:
          'Undo a merge: what it moved moves back. Returns the entity that comes back (or, if you may not see it, the one it had been merged into)',
        params: Id,
        body: Type.Optional(EmptyBody),
        response: { 200: EntityResponse, ...errors },
      },
    },
    async (request) => ({ entity: await curation.undoMerge(request.params.id, request.viewer) }),
  );

  app.post(
    '/entities/:id/split',
    {
      schema: {
        tags,
        summary: 'Split mentions off into a new confirmed entity (editors); returns the new entity',
        params: Id,
        body: SplitBody,
        response: { 201: EntityResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send({ entity: await curation.split(request.params.id, request.body, request.viewer) }),
  );
};
