import { parentPort } from 'node:worker_threads';
import type { GazetteerEntry } from '../../pipeline/entities/entity.types.ts';
import { extractEntities } from '../../pipeline/entities/extract-entities.ts';
import { Gazetteer } from '../../pipeline/entities/gazetteer/gazetteer.ts';
import type { ThreadRequest, ThreadResponse } from './extraction.extractor.ts';

// The thread keeps the tagger (loaded on first use) and the run's gazetteer; the main thread sends documents.
let gazetteer: Gazetteer | null = null;

function handle(request: ThreadRequest): ThreadResponse {
  if (request.gazetteer) gazetteer = Gazetteer.build(request.gazetteer as GazetteerEntry[]);
  const results = request.documents.map((d) => ({
    documentId: d.id,
    sha256: d.sha256,
    mentions: extractEntities(d.body, { language: d.language, documentDate: d.date, gazetteer }),
  }));
  return { id: request.id, results };
}

parentPort!.on('message', (request: ThreadRequest) => {
  try {
    parentPort!.postMessage(handle(request));
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
