import type { LinkRow } from '../../../db/quotes.repository.ts';
import type { QuotationTable } from '../../../db/schema.ts';
import type { Difference, Span } from '../../pipeline/quotes/quote.types.ts';
import { toSummary } from '../documents/documents.service.ts';
import type { Quotation, QuoteLink } from './quotes.schemas.ts';

/** Rows as stored → shapes of the API. */
type QuotationRow = Omit<QuotationTable, 'id' | 'created_at'> & { id: number };

export function toLink(row: LinkRow): QuoteLink {
  const passage =
    row.passage_ordinal === null
      ? null
      : { id: row.passage_id, ordinal: row.passage_ordinal, start: row.passage_start!, end: row.passage_end! };
  return {
    id: row.link_id,
    status: row.status,
    orphaned: row.orphaned === 1,
    score: row.score,
    document: toSummary(row),
    passage,
    fragments: JSON.parse(row.fragments) as Span[],
    differences: JSON.parse(row.differences) as Difference[],
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    original: null,
  };
}

/** A quotation is linked while a link of it is neither rejected nor orphaned. */
export function isLive(link: Pick<QuoteLink, 'status' | 'orphaned'>): boolean {
  return link.status !== 'rejected' && !link.orphaned;
}

export function toQuotation(row: QuotationRow, links: QuoteLink[]): Quotation {
  const linked = links.some(isLive);
  return {
    id: row.id,
    ordinal: row.ordinal,
    start: row.start,
    end: row.end,
    text: row.text,
    style: row.style,
    status: linked ? 'linked' : row.too_short === 1 ? 'too_short' : 'unmatched',
    tooShort: row.too_short === 1,
    decision: row.decision,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    fragments: JSON.parse(row.fragments) as Span[],
    insertions: JSON.parse(row.insertions) as Quotation['insertions'],
    ellipses: JSON.parse(row.ellipses) as Span[],
    links,
  };
}

export function countStatuses(quotations: readonly Quotation[]) {
  const count = (status: Quotation['status']) => quotations.filter((q) => q.status === status).length;
  return { quotations: quotations.length, linked: count('linked'), unmatched: count('unmatched'), tooShort: count('too_short') };
}
