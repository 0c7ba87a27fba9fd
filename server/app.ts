import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DEFAULT_SECURITY, WEB_ROOT, type SecurityConfig } from './config.ts';
import { registerErrorHandler } from './errors.ts';
import { adminRoutes } from './modules/admin/admin.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { extractionRoutes } from './modules/entities/extraction.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { JobEvents } from './modules/jobs/job-events.ts';
import { jobsRoutes } from './modules/jobs/jobs.routes.ts';
import { entitiesRoutes } from './modules/entities/entities.routes.ts';
import { mentionsRoutes } from './modules/entities/mentions.routes.ts';
import { createBackgroundOcr, type BackgroundOcrOptions } from './modules/ocr/ocr-background.ts';
import { originalsRoutes } from './modules/originals/originals.routes.ts';
import { pagesRoutes } from './modules/pages/pages.routes.ts';
import { quotesRoutes } from './modules/quotes/quotes.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import { authPlugin } from './plugins/auth.ts';
import { databasePlugin } from './plugins/database.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { compressionPlugin } from './plugins/compression.ts';
import { backgroundStdout } from './plugins/log-destination.ts';
import { OneLinePerRequest } from './plugins/request-log.ts';
import { revalidatePlugin } from './plugins/revalidate.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { webPlugin } from './plugins/web.ts';
import { createServices } from './services.ts';
import type { BrowseCounting } from '../db/document-browse.ts';

export interface AppOptions {
  databasePath: string;
  webRoot?: string;
  logger?: boolean;
  /** Where request logs go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
  security?: Partial<SecurityConfig>;
  /** Tests move time forward to expire sessions. */
  clock?: () => Date;
  /** Whether a person's entity correction re-extracts the documents holding its spellings at once (default true). */
  spreadCorrections?: boolean;
  /** The originals store (config.originalsDir); by default `originals/` beside the database. */
  originalsDir?: string;
  /** When browsing totals stop being counted and are estimated; tests make it small. */
  browseCounting?: BrowseCounting;
  /** Read the queued OCR work in the background (config.ocr; `trove serve` turns it on); off when absent. */
  ocr?: BackgroundOcrOptions | false;
  /** Reader threads and the light-read lane (config.readers, config.lightLane); see openDatabase. */
  readers?: number;
  lightLane?: boolean;
  /** Matching documents a search's facets count at most before they turn approximate (config.facetLimit). */
  facetLimit?: number;
  /** Matching passages a search ranks at most unless the request asks for all (config.rankLimit). */
  rankLimit?: number;
}

/** The composition root: infrastructure plugins, then each feature with its service and repositories. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const security = { ...DEFAULT_SECURITY, ...options.security };
  const stdout = options.logger && !options.logStream ? backgroundStdout() : undefined;
  const app = Fastify({
    // Request logs name the method, path and status; never headers that carry credentials.
    logger: options.logger
      ? {
          level: 'info',
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
          ...(stdout ? { stream: stdout.stream, hooks: stdout.hooks } : { stream: options.logStream }),
        }
      : false,
    logController: new OneLinePerRequest(),
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    trustProxy: security.trustProxy,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Added first, so it runs last (onClose hooks run in reverse order): what the other hooks log is written out too.
  if (stdout) app.addHook('onClose', async () => stdout.flush());
  registerErrorHandler(app);
  await app.register(securityHeadersPlugin, { secureCookies: security.https });
  // In this order: the ETag is a hash of the JSON before it is compressed, and a 304 has nothing to compress.
  await app.register(revalidatePlugin);
  await app.register(compressionPlugin);
  await app.register(databasePlugin, { databasePath: options.databasePath, readers: options.readers, lightLane: options.lightLane });
  await app.register(openapiPlugin);

  const sessions = { idleMinutes: security.sessionIdleMinutes, absoluteHours: security.sessionAbsoluteHours };
  const services = createServices(app.db, {
    sessions,
    clock: options.clock,
    spreadCorrections: options.spreadCorrections,
    originalsDir: options.originalsDir,
    browseCounting: options.browseCounting,
    facetLimit: options.facetLimit,
    rankLimit: options.rankLimit,
  });
  const { documents, search, quotes, auth, audit, accounts, collections } = services;
  const jobEvents = new JobEvents(services.jobs.repository, services.jobs.service);
  await app.register(authPlugin, { auth, secureCookies: security.https, sessionMaxAgeSeconds: sessions.absoluteHours * 3600 });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { service: services.health });
      await api.register(documentsRoutes, { service: documents, translations: services.translations });
      if (services.originals) await api.register(originalsRoutes, { service: services.originals });
      if (services.pages) await api.register(pagesRoutes, { service: services.pages });
      await api.register(searchRoutes, { service: search, searchesPerMinute: security.searchesPerMinute });
      await api.register(quotesRoutes, { service: quotes });
      await api.register(authRoutes, { service: auth });
      await api.register(auditRoutes, { service: audit });
      await api.register(adminRoutes, { accounts, collections });
      await api.register(extractionRoutes, { extraction: services.extraction, training: services.training });
      await api.register(entitiesRoutes, { service: services.entities, curation: services.entityCuration });
      await api.register(mentionsRoutes, { reads: services.entities, service: services.mentions });
      await api.register(jobsRoutes, { service: services.jobs.service, events: jobEvents });
    },
    { prefix: '/api' },
  );
  // Jobs left running by a stopped server resume once it is ready. On closing, event streams end first (an open
  // stream would hold the server open), then the runner stops after its batch, before the extraction it may wait on.
  app.addHook('onReady', async () => services.jobs.runner.start());
  app.addHook('preClose', async () => jobEvents.close());
  app.addHook('onClose', async () => services.jobs.runner.close());
  await app.register(webPlugin, { webRoot: options.webRoot ?? WEB_ROOT });
  if (options.ocr) {
    const ocr = createBackgroundOcr(app.db, {
      log: (line) => app.log.info(line),
      onText: (id) => services.extraction.queue([id]),
      ...options.ocr,
    });
    app.addHook('onReady', async () => ocr.start());
    // Added after the database plugin's hook, so it runs first: the run stops before the database closes.
    app.addHook('onClose', async () => ocr.close());
  }
  return app;
}
