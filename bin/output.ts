import type { ImportSummary } from '../server/modules/import/import.service.ts';
import type { SearchResponse } from '../server/modules/search/search.schemas.ts';

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[22m` : s);

export function printImportSummary(summary: ImportSummary): void {
  for (const failure of summary.failed) {
    console.error(`  failed  ${failure.file}${failure.line ? `:${failure.line}` : ''}  ${failure.reason}`);
  }
  const parts = [`${summary.imported} imported`, `${summary.updated} updated`, `${summary.skipped} skipped`, `${summary.failed.length} failed`];
  console.log(`Import finished: ${parts.join(', ')}.`);
}

export function printSearchResults(result: SearchResponse): void {
  console.log(`${result.total} documents match "${result.query}" (page ${result.page}).`);
  for (const { document, passages } of result.results) {
    console.log(`\n${bold(document.ref)}  ${document.date ?? ''}  ${document.title ?? ''}`);
    for (const passage of passages) {
      // Highlight markers become bold on a terminal; control characters from documents are stripped.
      const text = passage.snippet.replace(/[\u0000-\u0001\u0004-\u001f\u007f-\u009f]/g, ' ');
      console.log(`  ¶${passage.ordinal}  ${text.replace(/\u0002/g, process.stdout.isTTY ? '\x1b[1m' : '[').replace(/\u0003/g, process.stdout.isTTY ? '\x1b[22m' : ']')}`);
    }
  }
}
