import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import type { AuthService } from '../modules/auth/auth.service.ts';
import { ANONYMOUS_VIEWER, type Viewer } from '../modules/auth/viewer.ts';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer;
  }
}

export const SESSION_COOKIE = 'trove_session';
// Over HTTPS the __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and for
// the whole site, so a sibling subdomain cannot plant or shadow a session.
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthPluginOptions {
  auth: AuthService;
  /** Set the Secure flag on the session cookie (the server is reached over HTTPS). */
  secureCookies: boolean;
  sessionMaxAgeSeconds: number;
}

/**
 * Works out who is asking before any route runs: a Bearer token wins, then the session cookie,
 * else anonymous. Cookie-authenticated writes must echo the session's CSRF token in a header,
 * and no write is accepted from another site.
 */
export const authPlugin = fp<AuthPluginOptions>(async (app, { auth, secureCookies, sessionMaxAgeSeconds }) => {
  await app.register(fastifyCookie);
  const cookieName = sessionCookieName(secureCookies);
  app.decorateRequest<Viewer>('viewer', null as unknown as Viewer);

  app.addHook('onRequest', async (request, reply) => {
    request.viewer = ANONYMOUS_VIEWER;
    if (!request.url.startsWith('/api/')) return;
    if (!SAFE_METHODS.has(request.method) && !fromThisOrigin(request)) {
      throw new AppError('auth.cross_site', 'Changes cannot be sent from another site.', 403);
    }
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      request.viewer = await viewerFromBearer(auth, authorization);
      return;
    }
    const sessionId = request.cookies[cookieName];
    if (!sessionId) return;
    const viewer = await auth.viewerFromSession(sessionId);
    if (!viewer) {
      clearSessionCookie(reply, secureCookies);
      return;
    }
    request.viewer = viewer;
    if (!SAFE_METHODS.has(request.method) && viewer.via === 'session') checkCsrf(request, viewer.csrfToken);
  });

  app.decorateReply('startSession', function (this: FastifyReply, sessionId: string) {
    return this.setCookie(cookieName, sessionId, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookies,
      maxAge: sessionMaxAgeSeconds,
    });
  });
  app.decorateReply('endSession', function (this: FastifyReply) {
    return clearSessionCookie(this, secureCookies);
  });
});

declare module 'fastify' {
  interface FastifyReply {
    startSession(sessionId: string): FastifyReply;
    endSession(): FastifyReply;
  }
}

async function viewerFromBearer(auth: AuthService, header: string): Promise<Viewer> {
  const match = /^Bearer ([\w-]{1,200})$/.exec(header);
  const viewer = match ? await auth.viewerFromToken(match[1]!) : null;
  if (!viewer)
    throw new AppError('auth.invalid_token', 'The API token is not valid: it may have been revoked, or its account disabled.', 401);
  return viewer;
}

/**
 * Browsers say where a request comes from; scripts and old browsers say nothing, and are left to the
 * CSRF token. A sibling subdomain counts as another site: SameSite=Strict would still send it the cookie.
 */
function fromThisOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

function checkCsrf(request: FastifyRequest, expected: string): void {
  const sent = request.headers[CSRF_HEADER];
  const ok = typeof sent === 'string' && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (!ok) {
    throw new AppError('auth.csrf', `Send the session's CSRF token in the ${CSRF_HEADER} header (GET /api/session gives it).`, 403);
  }
}

function clearSessionCookie(reply: FastifyReply, secure: boolean): FastifyReply {
  return reply.clearCookie(sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'strict', secure });
}
