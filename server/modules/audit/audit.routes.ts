import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../schemas.ts';
import { requireRole } from '../auth/viewer.ts';
import { AuditQuery, AuditResponse } from './audit.schemas.ts';
import type { AuditService } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncTypebox<{ service: AuditService }> = async (app, { service }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log of people’s changes, newest first (admins only)',
        querystring: AuditQuery,
        response: { 200: AuditResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      requireRole(request.viewer, 'admin');
      return service.list(request.query);
    },
  );
};
