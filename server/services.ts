import type { TroveDatabase } from '../db/client.ts';
import { DocumentWriter } from '../db/document-writer.ts';
import { DocumentsRepository } from '../db/documents.repository.ts';
import { SearchRepository } from '../db/search.repository.ts';
import { DocumentsService } from './modules/documents/documents.service.ts';
import { ImportService } from './modules/import/import.service.ts';
import { SearchService } from './modules/search/search.service.ts';

/** Wires services to repositories; the HTTP app and the command line share this. */
export function createServices(db: TroveDatabase) {
  const documentsRepository = new DocumentsRepository(db.reader);
  return {
    documents: new DocumentsService(documentsRepository),
    search: new SearchService(new SearchRepository(db.reader), documentsRepository),
    import: new ImportService(new DocumentWriter(db)),
  };
}
export type Services = ReturnType<typeof createServices>;
