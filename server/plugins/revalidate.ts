import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answer with an ETag and Cache-Control that makes the browser ask again, and 304 when nothing changed. */
    revalidate?: boolean;
  }
}

// An anonymous reader sees only public documents: the browser may keep them for this user (private, as no
// shared cache may hold a response tied to a session) and must ask before each use (no-cache). A signed-in
// reader's answer may hold restricted text, which must not stay on a shared newsroom machine after sign-out:
// no-store. The tag and the 304 still serve a client that keeps what it read itself.
const cacheControl = (viewer: FastifyRequest['viewer']) => (viewer.kind === 'anonymous' ? 'private, no-cache' : 'private, no-store');

/**
 * ETag and 304 for routes marked `config: { revalidate: true }`. The tag is a hash of the response
 * itself, made after the route has run: a reader who may no longer see the document gets its 404, never
 * a 304, and the tag changes with everything the response shows to this reader (its text, the
 * attachments and translations the reader may see, page data), not only with the document's text.
 * Weak (W/), since the same JSON is also sent brotli- or gzip-encoded.
 */
export const revalidatePlugin = fp(async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.routeOptions.config.revalidate || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const tag = `W/"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', tag).header('cache-control', cacheControl(request.viewer));
    if (!matches(request.headers['if-none-match'], tag)) return payload;
    reply.code(304).removeHeader('content-type').removeHeader('content-length');
    return '';
  });
});

/** If-None-Match holds a list of tags, or *; a weak comparison, as RFC 9110 asks for it. */
function matches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((candidate) => opaque(candidate) === opaque(tag));
}
