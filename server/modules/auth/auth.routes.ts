import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponse } from '../schemas.ts';
import { SessionResponse, SignInBody } from './auth.schemas.ts';
import type { AuthService } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncTypebox<{ service: AuthService }> = async (app, { service }) => {
  app.get(
    '/session',
    { schema: { tags: ['auth'], summary: 'Who is signed in, and the CSRF token for their changes', response: { 200: SessionResponse } } },
    async (request): Promise<SessionResponse> => {
      const viewer = request.viewer;
      if (viewer.kind !== 'account') return { account: null, csrfToken: null };
      return {
        account: { id: viewer.id, name: viewer.name, role: viewer.role },
        csrfToken: viewer.via === 'session' ? viewer.csrfToken : null,
      };
    },
  );

  app.post(
    '/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a name and password; sets an HttpOnly session cookie',
        body: SignInBody,
        response: { 200: SessionResponse, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply): Promise<SessionResponse> => {
      const { sessionId, csrfToken, account } = await service.signIn(request.body.name, request.body.password, request.ip);
      reply.startSession(sessionId);
      return { account, csrfToken };
    },
  );

  app.delete(
    '/session',
    {
      schema: { tags: ['auth'], summary: 'Sign out: ends the session on the server and clears the cookie', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      if (request.viewer.kind === 'account' && request.viewer.via === 'session') await service.signOut(request.viewer.sessionIdHash);
      return reply.endSession().status(204).send();
    },
  );
};
