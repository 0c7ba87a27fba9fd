import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

/**
 * Serves the built Svelte app. Any path outside /api that is not a file gets index.html, so
 * shared links like /documents/TRV-BGD-2014-0412#p3 open the right page.
 */
export const webPlugin = fp<{ webRoot: string }>(async (app, { webRoot }) => {
  const hasBuild = existsSync(join(webRoot, 'index.html'));
  if (hasBuild) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false, maxAge: '1h', immutable: false });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path === '/api' || path.startsWith('/api/') || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply.status(404).send({ error: { code: 'route.not_found', message: `There is no API route ${request.method} ${path}.` } });
    }
    if (!hasBuild) return reply.status(503).type('text/plain').send('The web app is not built yet: run `npm run build`.');
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
});
