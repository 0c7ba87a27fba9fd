import type { Migration } from 'kysely';
import * as archiveCore from './0001-archive-core.ts';
import * as quotes from './0002-quotes.ts';
import * as accounts from './0003-accounts.ts';
import * as entities from './0004-entities.ts';
import * as attachments from './0005-attachments.ts';
import * as translations from './0006-translations.ts';
import * as settings from './0007-settings.ts';
import * as originals from './0008-originals.ts';
import * as pages from './0009-pages.ts';
import * as ocr from './0010-ocr.ts';
import * as vocabulary from './0011-vocabulary.ts';
import * as vocabularyReversed from './0012-vocabulary-reversed.ts';
import * as entityPageIndexes from './0013-entity-page-indexes.ts';
import * as browseOrder from './0014-browse-order.ts';
import * as documentCountByWriter from './0015-document-count-by-writer.ts';
import * as textOnce from './0016-text-once.ts';
import * as quoteIndexFts from './0017-quote-index-fts.ts';
import * as jobs from './0018-jobs.ts';
import * as searchIndexTextFirst from './0019-search-index-text-first.ts';
import * as mentionStorage from './0020-mention-storage.ts';
import * as quoteIndexRows from './0021-quote-index-rows.ts';
import * as bodiesPacked from './0022-bodies-packed.ts';
import * as passagePlaceInId from './0023-passage-place-in-id.ts';
import * as originalHashUnindexed from './0024-original-hash-unindexed.ts';
import * as originalFilesOnce from './0025-original-files-once.ts';
import * as documentHashBytes from './0026-document-hash-bytes.ts';
import * as valueVersions from './0027-value-versions.ts';

// Frozen, in order. Append new steps; never edit a released one.
export const migrations: Record<string, Migration> = {
  '0001-archive-core': archiveCore,
  '0002-quotes': quotes,
  '0003-accounts': accounts,
  '0004-entities': entities,
  '0005-attachments': attachments,
  '0006-translations': translations,
  '0007-settings': settings,
  '0008-originals': originals,
  '0009-pages': pages,
  '0010-ocr': ocr,
  '0011-vocabulary': vocabulary,
  '0012-vocabulary-reversed': vocabularyReversed,
  '0013-entity-page-indexes': entityPageIndexes,
  '0014-browse-order': browseOrder,
  '0015-document-count-by-writer': documentCountByWriter,
  '0016-text-once': textOnce,
  '0017-quote-index-fts': quoteIndexFts,
  '0018-jobs': jobs,
  '0019-search-index-text-first': searchIndexTextFirst,
  '0020-mention-storage': mentionStorage,
  '0021-quote-index-rows': quoteIndexRows,
  '0022-bodies-packed': bodiesPacked,
  '0023-passage-place-in-id': passagePlaceInId,
  '0024-original-hash-unindexed': originalHashUnindexed,
  '0025-original-files-once': originalFilesOnce,
  '0026-document-hash-bytes': documentHashBytes,
  '0027-value-versions': valueVersions,
};
