import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requireRole } from '../auth/viewer.ts';
import { ErrorResponse } from '../schemas.ts';
import type { JobEvents } from './job-events.ts';
import { Job, JobList, JobParams, StartJobBody } from './jobs.schemas.ts';
import type { JobsService } from './jobs.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['jobs'];

/** Long work for admins: the list, starting a kind, cancelling, and progress as server-sent events. */
export const jobsRoutes: FastifyPluginAsyncTypebox<{ service: JobsService; events: JobEvents }> = async (app, { service, events }) => {
  app.get(
    '/admin/jobs',
    {
      schema: {
        tags,
        summary: 'Jobs, newest first, and the kinds an admin may start (admins only)',
        response: { 200: JobList, ...errors },
      },
    },
    async (request) => {
      requireRole(request.viewer, 'admin');
      return service.list();
    },
  );

  app.post(
    '/admin/jobs',
    {
      schema: {
        tags,
        summary: 'Start a job of a kind: it is queued and runs in the server, one job at a time',
        body: StartJobBody,
        response: { 202: Job, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(requireRole(request.viewer, 'admin'));
      return reply.status(202).send(await service.start(request.body.kind, actor));
    },
  );

  app.post(
    '/admin/jobs/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a job: a queued one at once, a running one after the batch it is working on',
        params: JobParams,
        response: { 200: Job, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(requireRole(request.viewer, 'admin'));
      return service.cancel(request.params.id, actor);
    },
  );

  app.get(
    '/admin/jobs/events',
    {
      schema: {
        tags,
        summary: 'Job progress as server-sent events: "jobs" (the list) on connecting, then "job" for each change (admins only)',
        response: {
          200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: Type.String() } } },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      requireRole(request.viewer, 'admin');
      reply.hijack();
      await events.add(reply.raw);
    },
  );
};
