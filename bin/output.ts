import { HIGHLIGHT_END, HIGHLIGHT_START } from '../server/pipeline/highlight.ts';
import type { ImportSummary } from '../server/modules/import/import.service.ts';
import { WHO_READS } from '../server/modules/import/import-warnings.ts';
import type { SearchResponse } from '../server/modules/search/search.schemas.ts';

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[22m` : s);

const IGNORED_EXAMPLES = 3;

/** Ignored files grouped by reason, a few names each: a folder of 10,000 scans is one line, not 10,000. */
export function ignoredLines(ignored: ImportSummary['ignored']): string[] {
  const byReason = new Map<string, string[]>();
  for (const { file, reason } of ignored) byReason.set(reason, [...(byReason.get(reason) ?? []), file]);
  return [...byReason].map(([reason, files]) => {
    const more = files.length > IGNORED_EXAMPLES ? `, and ${files.length - IGNORED_EXAMPLES} more` : '';
    return `  ignored  ${files.length} × ${reason}: ${files.slice(0, IGNORED_EXAMPLES).join(', ')}${more}`;
  });
}

export function importSummaryLine(summary: ImportSummary): string {
  const { collection } = summary;
  const parts = [
    `${summary.imported} imported`,
    `${summary.updated} updated`,
    `${summary.skipped} skipped (already imported)`,
    `${summary.failed.length} failed`,
    `${summary.ignored.length} ignored`,
  ];
  const into = `into ${collection.created ? 'the new' : 'the'} ${collection.visibility} collection "${collection.name}" (${WHO_READS[collection.visibility]} can read it)`;
  return `Import finished ${into}: ${parts.join(', ')}.`;
}

export function printImportSummary(summary: ImportSummary): void {
  for (const failure of summary.failed) {
    console.error(`  failed  ${failure.file}${failure.line ? `:${failure.line}` : ''}  ${failure.reason}`);
  }
  for (const line of ignoredLines(summary.ignored)) console.log(line);
  console.log(importSummaryLine(summary));
  for (const warning of summary.warnings) console.error(`Warning: ${warning}`);
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
