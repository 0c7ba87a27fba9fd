import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';

/** OpenAPI is generated from the same TypeBox schemas that validate requests and shape responses. */
export const openapiPlugin = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Trove API', version: '0.1.0', description: 'Search, read and trace leaked-document archives.' },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
