import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { WEB_ROOT } from './config.ts';
import { registerErrorHandler } from './errors.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { quotesRoutes } from './modules/quotes/quotes.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import { databasePlugin } from './plugins/database.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { webPlugin } from './plugins/web.ts';
import { createServices } from './services.ts';

export interface AppOptions {
  databasePath: string;
  webRoot?: string;
  logger?: boolean;
}

/** The composition root: infrastructure plugins, then each feature with its service and repositories. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] } : false,
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app);
  await app.register(databasePlugin, { databasePath: options.databasePath });
  await app.register(openapiPlugin);

  const { documents, search, quotes } = createServices(app.db);

  await app.register(
    async (api) => {
      await api.register(documentsRoutes, { service: documents });
      await api.register(searchRoutes, { service: search });
      await api.register(quotesRoutes, { service: quotes });
    },
    { prefix: '/api' },
  );
  await app.register(webPlugin, { webRoot: options.webRoot ?? WEB_ROOT });
  return app;
}
