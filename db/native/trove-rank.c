/*
 * trove_bm25(passage_fts, weight per column..., 'document frequency per phrase, separated by spaces')
 *
 * FTS5's own bm25() counts, for every query, how many rows hold each phrase before it scores the first row: a walk
 * over the whole posting list, about 120 ms for a common word at ten million passages, paid even when only the
 * first thousands of matches are ranked. Trove already keeps each word's passage count (vocabulary_term), so this
 * function takes the counts as arguments and scores the same Okapi BM25 as bm25() does (k1 = 1.2, b = 0.75, the
 * document length summed over the columns, the inverse frequency floored just above zero). A count given as a
 * negative number is unknown (a word indexed after the vocabulary was counted) and is counted here as bm25() would.
 * The counts come as one text argument, not one argument each: a prefix read as the words it covers can make a
 * thousand phrases, past the most arguments SQLite lets a function take (SQLITE_MAX_FUNCTION_ARG).
 *
 * trove_in_set(id, set): whether bit `id` of the blob `set` is 1. A search filtered by a facet (origin:, kind:, …)
 * checks each matching passage's document against a set the reader thread builds from its facet values
 * (db/document-sets.mjs), where a join to the document table cost a b-tree search for every posting walked: at ten
 * million passages, most of a filtered search's time.
 *
 * Built at install by build.mjs; without it Trove ranks with bm25() and filters by joining (db/rank-extension.mjs).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite3ext.h"
#include "fts5.h"
SQLITE_EXTENSION_INIT1

typedef struct QueryWeights {
  int nPhrase;
  double averageLength;
  double *inverseFrequency; /* one per phrase */
  double *frequency;        /* one per phrase, reused for each row */
} QueryWeights;

static int countRow(const Fts5ExtensionApi *api, Fts5Context *fts, void *rows) {
  (void)api;
  (void)fts;
  (*(sqlite3_int64 *)rows)++;
  return SQLITE_OK;
}

static double inverseFrequency(double rows, double holding) {
  double idf = log((rows - holding + 0.5) / (holding + 0.5));
  return idf <= 0.0 ? 1e-6 : idf;
}

/* Worked out once per query, on its first row, and kept with the cursor. */
static int queryWeights(const Fts5ExtensionApi *api, Fts5Context *fts, int nColumn, int nVal, sqlite3_value **apVal,
                        QueryWeights **out) {
  QueryWeights *w = (QueryWeights *)api->xGetAuxdata(fts, 0);
  if (w) {
    *out = w;
    return SQLITE_OK;
  }
  int nPhrase = api->xPhraseCount(fts);
  w = sqlite3_malloc64(sizeof(QueryWeights) + sizeof(double) * 2 * (nPhrase > 0 ? nPhrase : 1));
  if (!w) return SQLITE_NOMEM;
  w->nPhrase = nPhrase;
  w->inverseFrequency = (double *)&w[1];
  w->frequency = &w->inverseFrequency[nPhrase];
  sqlite3_int64 rows = 0, tokens = 0;
  int rc = api->xRowCount(fts, &rows);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
  w->averageLength = rows > 0 ? (double)tokens / (double)rows : 1.0;
  const char *counts = nColumn < nVal ? (const char *)sqlite3_value_text(apVal[nColumn]) : 0;
  for (int i = 0; rc == SQLITE_OK && i < nPhrase; i++) {
    double holding = -1.0;
    if (counts && *counts) {
      char *end = 0;
      holding = strtod(counts, &end);
      /* Fewer counts than phrases, or a word that is not a number: the rest are counted. */
      counts = end == counts ? 0 : end;
      if (!counts) holding = -1.0;
    }
    if (holding < 0) {
      sqlite3_int64 counted = 0;
      rc = api->xQueryPhrase(fts, i, &counted, countRow);
      holding = (double)counted;
    }
    if (holding > (double)rows) holding = (double)rows;
    w->inverseFrequency[i] = inverseFrequency((double)rows, holding);
  }
  if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, w, sqlite3_free);
  else sqlite3_free(w);
  if (rc == SQLITE_OK) *out = w;
  return rc;
}

static void troveBm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                      sqlite3_value **apVal) {
  const double k1 = 1.2, b = 0.75;
  int nColumn = api->xColumnCount(fts);
  QueryWeights *w = 0;
  int rc = queryWeights(api, fts, nColumn, nVal, apVal, &w);
  int nInst = 0;
  if (rc == SQLITE_OK) {
    memset(w->frequency, 0, sizeof(double) * w->nPhrase);
    rc = api->xInstCount(fts, &nInst);
  }
  for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int phrase, column, offset;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase < w->nPhrase) w->frequency[phrase] += column < nVal ? sqlite3_value_double(apVal[column]) : 1.0;
  }
  int length = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  double score = 0.0, norm = k1 * (1.0 - b + b * (double)length / w->averageLength);
  for (int i = 0; i < w->nPhrase; i++) {
    double f = w->frequency[i];
    score += w->inverseFrequency[i] * (f * (k1 + 1.0)) / (f + norm);
  }
  /* Negated, as bm25() is: better matches sort first in ascending order. */
  sqlite3_result_double(ctx, -score);
}

static void inSet(sqlite3_context *ctx, int nArg, sqlite3_value **args) {
  (void)nArg;
  sqlite3_int64 id = sqlite3_value_int64(args[0]);
  const unsigned char *bits = sqlite3_value_blob(args[1]);
  sqlite3_int64 bytes = sqlite3_value_bytes(args[1]);
  sqlite3_result_int(ctx, bits != 0 && id >= 0 && (id >> 3) < bytes && ((bits[id >> 3] >> (id & 7)) & 1));
}

static fts5_api *fts5Of(sqlite3 *db) {
  fts5_api *api = 0;
  sqlite3_stmt *stmt = 0;
  if (sqlite3_prepare_v2(db, "select fts5(?1)", -1, &stmt, 0) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", 0);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_troverank_init(sqlite3 *db, char **error, const sqlite3_api_routines *routines) {
  SQLITE_EXTENSION_INIT2(routines);
  fts5_api *fts5 = fts5Of(db);
  if (!fts5 || fts5->iVersion < 2) {
    *error = sqlite3_mprintf("trove_bm25 needs FTS5");
    return SQLITE_ERROR;
  }
  int rc = fts5->xCreateFunction(fts5, "trove_bm25", 0, troveBm25, 0);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_create_function(db, "trove_in_set", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, 0, inSet, 0, 0);
}
