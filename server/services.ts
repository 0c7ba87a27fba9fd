import { AccountsRepository } from '../db/accounts.repository.ts';
import { AuditRepository } from '../db/audit.repository.ts';
import { changeStamp } from '../db/change-stamp.ts';
import type { TroveDatabase } from '../db/client.ts';
import { CollectionsRepository } from '../db/collections.repository.ts';
import type { BrowseCounting } from '../db/document-browse.ts';
import { DocumentWriter } from '../db/document-writer.ts';
import { DocumentWriterThread } from '../db/document-writer-thread.ts';
import { DocumentsRepository } from '../db/documents.repository.ts';
import { EntitiesRepository } from '../db/entities.repository.ts';
import { HealthRepository } from '../db/health.repository.ts';
import { EntityMentionsRepository } from '../db/entity-mentions.repository.ts';
import { EntityExtractionRepository } from '../db/entity-extraction.repository.ts';
import { OriginalsRepository } from '../db/originals.repository.ts';
import { PagesRepository } from '../db/pages.repository.ts';
import { QuoteIndexRepository } from '../db/quote-index.repository.ts';
import { QuoteLinkingRepository } from '../db/quote-linking.repository.ts';
import { QuotesRepository } from '../db/quotes.repository.ts';
import { SearchEntitiesRepository } from '../db/search-entities.repository.ts';
import { SearchRepository } from '../db/search.repository.ts';
import { TranslationsRepository } from '../db/translations.repository.ts';
import { UnitOfWork } from '../db/unit-of-work.ts';
import { VocabularyRepository } from '../db/vocabulary.repository.ts';
import { AccountsService } from './modules/accounts/accounts.service.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { AuthService, DEFAULT_SESSION_POLICY, type SessionPolicy } from './modules/auth/auth.service.ts';
import { CollectionsService } from './modules/collections/collections.service.ts';
import { DocumentsService } from './modules/documents/documents.service.ts';
import { TranslationsService } from './modules/documents/translations.service.ts';
import { createEntityServices } from './modules/entities/entity-services.ts';
import { ExtractionService } from './modules/entities/extraction.service.ts';
import { HealthService } from './modules/health/health.service.ts';
import { NerTrainer, NerTrainingService } from './modules/entities/extraction.training.ts';
import { ImportService } from './modules/import/import.service.ts';
import { createJobs } from './modules/jobs/jobs.setup.ts';
import { OriginalsService } from './modules/originals/originals.service.ts';
import { OriginalsStore, originalsDirFor } from './modules/originals/originals.store.ts';
import { PagesService } from './modules/pages/pages.service.ts';
import { QuoteLinkingService } from './modules/quotes/quote-linking.service.ts';
import { QuotesService } from './modules/quotes/quotes.service.ts';
import { SearchService } from './modules/search/search.service.ts';

/** Wires services to repositories; the HTTP app and the command line share this. */
export function createServices(
  db: TroveDatabase,
  options: {
    sessions?: SessionPolicy;
    clock?: () => Date;
    spreadCorrections?: boolean;
    /** The originals store (config.originalsDir); by default `originals/` beside the database file. */
    originalsDir?: string;
    /** When browsing totals stop being counted and are estimated (tests make it small). */
    browseCounting?: BrowseCounting;
    /** Matching documents a search's facets count at most (config.facetLimit); tests make it small. */
    facetLimit?: number;
    /** Matching passages a search ranks at most unless asked for all (config.rankLimit); tests make it small. */
    rankLimit?: number;
    /** A long import writes its batches on a thread of its own; off only to measure what that gains (bench/import-threads.ts). */
    importWriterThread?: boolean;
  } = {},
) {
  // Reads of one document or entity go to the light-read lane (db.lightReader), so they never wait behind searches.
  const documentsRepository = new DocumentsRepository(db.reader, db.lightReader, options.browseCounting);
  const accounts = new AccountsRepository(db.writer, changeStamp(db.writerConnection));
  const collections = new CollectionsRepository(db.writer);
  const work = new UnitOfWork(db.writer);
  const clock = options.clock ?? (() => new Date());
  const linking = new QuoteLinkingService(new QuoteLinkingRepository(db), new QuoteIndexRepository(db));
  const audit = new AuditService(new AuditRepository(db.writer));
  const record = (entry: Parameters<AuditService['record']>[0]) => audit.record(entry);
  const translationsRepository = new TranslationsRepository(db.reader, db.writer);
  const translations = new TranslationsService(translationsRepository, collections, work);
  const extraction = new ExtractionService(new EntityExtractionRepository(db), {
    isOpen: () => db.writerConnection.open,
    clock,
    audit: record,
  });
  // An in-memory database (some tests) keeps no originals: there is no folder beside it.
  const originalsDir = options.originalsDir ?? (db.path === ':memory:' ? undefined : originalsDirFor(db.path));
  const vocabulary = new VocabularyRepository(db);
  const originalsStore = originalsDir === undefined ? undefined : new OriginalsStore(originalsDir);
  const originals = originalsStore && new OriginalsService(originalsStore, new OriginalsRepository(db.lightReader));
  const pagesRepository = new PagesRepository(db.lightReader);
  const documentTranslations = new TranslationsRepository(db.lightReader, db.writer);
  const jobs = createJobs(db, { extraction, linking, trainer: new NerTrainer({ databasePath: db.path }), clock });
  return {
    documents: new DocumentsService(documentsRepository, documentTranslations, originals, pagesRepository),
    originals,
    pages: originalsStore && new PagesService(pagesRepository, originalsStore),
    translations,
    // The words of fuzzy~ search: refreshed by the first such search after a change, or sooner by `trove import`.
    vocabulary,
    search: new SearchService(
      new SearchRepository(db),
      documentsRepository,
      new SearchEntitiesRepository(db),
      vocabulary,
      options.facetLimit,
      options.rankLimit,
    ),
    // Every import ends by joining translations to their originals (either may arrive first), linking
    // quotations in both directions (see QuoteLinkingService), and queueing
    // its new and changed documents for entity extraction, which runs on its own thread (ExtractionService).
    import: new ImportService(new DocumentWriter(db), {
      afterImport: async (summary, unchanged) => {
        const ids = summary.documents.map((d) => d.id);
        // Documents an interrupted import had stored come back unchanged: the joins and extraction it never ran are run now.
        await translations.afterImport([...ids, ...(await translationsRepository.unjoined(unchanged))]);
        const quotes = linking.afterImport(ids);
        extraction.queue(ids);
        extraction.queueUnscanned(unchanged);
        return quotes;
      },
      // An import into a collection nobody can read yet warns about it (the usual first run).
      accountsExist: async () => (await accounts.count()) > 0,
      findCollection: (name) => collections.findByName(name),
      keepOriginal: originals?.keep,
      // An in-memory database is private to its connection: another thread cannot write it.
      writerThread: db.path === ':memory:' || options.importWriterThread === false ? undefined : () => new DocumentWriterThread(db.path),
      originalsDir,
      syncOriginals: originals?.sync,
    }),
    quotes: new QuotesService(new QuotesRepository(db.reader, db.writer), collections, work, translations),
    linking,
    auth: new AuthService(accounts, options.sessions ?? DEFAULT_SESSION_POLICY, clock),
    accounts: new AccountsService(accounts, work, clock),
    collections: new CollectionsService(collections, accounts, work),
    audit,
    health: new HealthService(new HealthRepository(db.lightReader)),
    extraction,
    // Long work as rows of the job table, run a batch at a time by the server (server/modules/jobs).
    jobs,
    training: new NerTrainingService(jobs.service),
    // A person's correction reaches the rest of the archive at once: the documents holding the entity's
    // spellings are extracted again with it in the gazetteer.
    ...createEntityServices(
      new EntitiesRepository(db.reader, db.lightReader),
      new EntityMentionsRepository(db.reader, db.writer),
      collections,
      work,
      (id) => {
        if (options.spreadCorrections !== false) extraction.spread(id);
      },
    ),
  };
}
export type Services = ReturnType<typeof createServices>;
