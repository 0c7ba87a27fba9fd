import type { LinkSummary } from '../server/pipeline/quotes/quote.types.ts';
import type { ReportResponse } from '../server/modules/quotes/quotes.schemas.ts';

/** The shape of `trove quotes --json`: what a script needs, offsets into the source body. */
export function quotesJson(report: ReportResponse) {
  return report.quotations.map((q) => ({
    text: q.text,
    start: q.start,
    end: q.end,
    status: q.status,
    links: q.links
      .filter((l) => l.status !== 'rejected' && !l.orphaned)
      .map((l) => ({
        document_ref: l.document.ref,
        passage_id: l.passage?.id ?? null,
        score: l.score,
        fragments: l.fragments,
        // Into a translation: the original paragraph it translates, as offsets into the original's body.
        ...(l.original
          ? {
              original: {
                document_ref: l.original.document.ref,
                passage_id: l.original.passageIds[0]!,
                start: l.original.start,
                end: l.original.end,
              },
            }
          : {}),
      })),
  }));
}

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

export function printQuotes(report: ReportResponse): void {
  const { counts } = report;
  console.log(
    `${report.report.ref}: ${counts.quotations} quotations, ${counts.linked} linked, ${counts.unmatched} unmatched, ${counts.tooShort} too short.`,
  );
  for (const q of report.quotations) {
    const decision = q.decision === 'not_in_archive' ? ' (not in the archive)' : '';
    console.log(`\nq${q.ordinal}  ${q.status}${decision}  “${clip(q.text.replace(/\s+/g, ' '), 100)}”`);
    for (const l of q.links) {
      const where = l.passage ? ` ¶${l.passage.ordinal}` : '';
      const flags = [l.status, l.orphaned ? 'orphaned' : ''].filter(Boolean).join(', ');
      const edits = l.differences.map((d) => d.kind).filter((k, i, all) => all.indexOf(k) === i);
      console.log(`    → ${l.document.ref}${where}  score ${l.score.toFixed(3)}  ${flags}${edits.length ? `  (${edits.join(', ')})` : ''}`);
    }
  }
}

export function linkSummaryLine(s: LinkSummary): string {
  const parts = [`${s.quotations} quotations: ${s.linked} linked, ${s.unmatched} unmatched, ${s.tooShort} too short`];
  if (s.retried) parts.push(`${s.retried} older quotations retried`);
  if (s.reanchored || s.orphaned) parts.push(`${s.reanchored} links re-anchored, ${s.orphaned} orphaned`);
  return `Quote linking: ${s.reports} reports scanned; ${parts.join('; ')}.`;
}
