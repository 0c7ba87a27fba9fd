import type { TroveDatabase } from '../db/client.ts';
import { DocumentWriter } from '../db/document-writer.ts';
import { DocumentsRepository } from '../db/documents.repository.ts';
import { QuoteIndexRepository } from '../db/quote-index.repository.ts';
import { QuoteLinkingRepository } from '../db/quote-linking.repository.ts';
import { QuotesRepository } from '../db/quotes.repository.ts';
import { SearchRepository } from '../db/search.repository.ts';
import { DocumentsService } from './modules/documents/documents.service.ts';
import { ImportService } from './modules/import/import.service.ts';
import { QuoteLinkingService } from './modules/quotes/quote-linking.service.ts';
import { QuotesService } from './modules/quotes/quotes.service.ts';
import { SearchService } from './modules/search/search.service.ts';

/** Wires services to repositories; the HTTP app and the command line share this. */
export function createServices(db: TroveDatabase) {
  const documentsRepository = new DocumentsRepository(db.reader);
  const linking = new QuoteLinkingService(new QuoteLinkingRepository(db), new QuoteIndexRepository(db));
  return {
    documents: new DocumentsService(documentsRepository),
    search: new SearchService(new SearchRepository(db), documentsRepository),
    // Every import ends by linking quotations, in both directions (see QuoteLinkingService).
    import: new ImportService(new DocumentWriter(db), {
      afterImport: async (summary) => linking.afterImport(summary.documents.map((d) => d.id)),
    }),
    quotes: new QuotesService(new QuotesRepository(db.reader, db.writer)),
    linking,
  };
}
export type Services = ReturnType<typeof createServices>;
