import { HIGHLIGHT_END, HIGHLIGHT_START } from '../server/pipeline/highlight.ts';
import type { ImportSummary } from '../server/modules/import/import.service.ts';
import type { SearchResponse } from '../server/modules/search/search.schemas.ts';

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[22m` : s);

export function printImportSummary(summary: ImportSummary): void {
  for (const failure of summary.failed) {
    console.error(`  failed  ${failure.file}${failure.line ? `:${failure.line}` : ''}  ${failure.reason}`);
  }
  const parts = [
    `${summary.imported} imported`,
    `${summary.updated} updated`,
    `${summary.skipped} skipped`,
    `${summary.failed.length} failed`,
  ];
  console.log(`Import finished: ${parts.join(', ')}.`);
}

export function printSearchResults(result: SearchResponse): void {
  console.log(`${result.total} documents match "${result.query}" (page ${result.page}).`);
  if (result.alsoSearch) console.log(`Also search ${result.alsoSearch.spellings.join(', ')} with the query: ${result.alsoSearch.query}`);
  for (const { document, passages } of result.results) {
    console.log(`\n${bold(document.ref)}  ${document.date ?? ''}  ${document.title ?? ''}`);
    for (const passage of passages) {
      // Imported text holds no control characters (cleanText), so only our markers need replacing.
      const text = passage.snippet
        .replaceAll(HIGHLIGHT_START, process.stdout.isTTY ? '\x1b[1m' : '[')
        .replaceAll(HIGHLIGHT_END, process.stdout.isTTY ? '\x1b[22m' : ']');
      console.log(`  ¶${passage.ordinal}  ${text}`);
    }
  }
}
