import type { QuotesRepository } from '../../../db/quotes.repository.ts';
import { AppError, notFound } from '../../errors.ts';
import { measure, passageAt } from '../../pipeline/quotes/align.ts';
import { anchorsOf } from '../../pipeline/quotes/anchor.ts';
import type { Span } from '../../pipeline/quotes/quote.types.ts';
import { toSummary } from '../documents/documents.service.ts';
import { countStatuses, isLive, toLink, toQuotation } from './quotes.mapping.ts';
import type {
  AttachBody,
  DecisionBody,
  DetachBody,
  DocumentQuotedIn,
  PassageQuotedIn,
  Quotation,
  QuoteLink,
  ReportResponse,
  ReviewLinkBody,
} from './quotes.schemas.ts';

/** Reading reports beside their sources, and people's review of the machine's links. */
export class QuotesService {
  constructor(private readonly quotes: QuotesRepository) {}

  async report(id: number, shownAs = `id ${id}`): Promise<ReportResponse> {
    const report = await this.quotes.document(id);
    if (!report) throw notFound('report.not_found', `There is no report with ${shownAs}.`);
    if (report.kind !== 'report') {
      throw notFound('report.not_found', `The document with ${shownAs} is a ${report.kind}, not a report: open it in the document reader.`);
    }
    const rows = await this.quotes.quotations(id);
    const links = new Map<number, QuoteLink[]>();
    for (const row of await this.quotes.links(rows.map((r) => r.id))) {
      links.set(row.quotation_id, [...(links.get(row.quotation_id) ?? []), toLink(row)]);
    }
    const quotations = rows.map((r) => toQuotation(r, links.get(r.id) ?? []));
    return { report: { ...toSummary(report), body: report.body }, counts: countStatuses(quotations), quotations };
  }

  async reportByRef(ref: string): Promise<ReportResponse> {
    const id = await this.quotes.documentIdByRef(ref);
    if (id === undefined) throw notFound('report.not_found', `There is no report with the reference "${ref}".`);
    return this.report(id, `the reference "${ref}"`);
  }

  async documentQuotedIn(documentId: number): Promise<DocumentQuotedIn> {
    if (!(await this.quotes.document(documentId))) throw notFound('document.not_found', `There is no document with id ${documentId}.`);
    return { documentId, quotedIn: await this.quotedIn(documentId) };
  }

  /** Links whose fragments touch the passage, wherever their first fragment lies. */
  async passageQuotedIn(passageId: number): Promise<PassageQuotedIn> {
    const passage = await this.quotes.passage(passageId);
    if (!passage) throw notFound('passage.not_found', `There is no passage with id ${passageId}.`);
    const all = await this.quotedIn(passage.document_id);
    const quotedIn = all.filter(
      (q) => q.link.passageId === passageId || q.link.fragments.some((f) => f.start < passage.end && f.end > passage.start),
    );
    return { passageId, documentId: passage.document_id, quotedIn };
  }

  async reviewLink(linkId: number, body: ReviewLinkBody): Promise<Quotation> {
    const link = await this.requireLink(linkId);
    if (link.status === 'manual' && body.status === 'rejected') {
      throw new AppError('quote_link.is_manual', 'This link was attached by hand; detach it instead of rejecting it.', 409);
    }
    await this.quotes.setLinkStatus(linkId, link.status === 'manual' ? 'manual' : body.status, body.by);
    return this.quotation(link.quotation_id);
  }

  /** A person's own link: the source text they selected for the quotation. */
  async attach(quotationId: number, body: AttachBody): Promise<Quotation> {
    const quotation = await this.requireQuotation(quotationId);
    const source = await this.quotes.document(body.documentId);
    if (!source) throw notFound('document.not_found', `There is no document with id ${body.documentId}.`);
    if (source.id === quotation.document_id)
      throw new AppError('quote.invalid_source', 'A quotation cannot be linked to the report it appears in.');
    checkFragments(body.fragments, source.body.length);
    const report = (await this.quotes.document(quotation.document_id))!;
    const quote = {
      body: report.body,
      fragments: parse<Span[]>(quotation.fragments),
      insertions: parse<Array<Span & { text: string }>>(quotation.insertions),
      ellipses: parse<Span[]>(quotation.ellipses),
    };
    const { score, differences } = measure(quote, source.body, body.fragments);
    const passages = await this.quotes.passages(source.id);
    await this.quotes.saveManualLink({
      quotationId,
      documentId: source.id,
      passageId: passageAt({ id: source.id, body: source.body, passages }, body.fragments[0]!.start),
      fragments: JSON.stringify(body.fragments),
      score,
      differences: JSON.stringify(differences),
      anchor: JSON.stringify(anchorsOf(source.body, body.fragments)),
      sourceSha256: source.sha256,
      by: body.by,
    });
    return this.quotation(quotationId);
  }

  /** Removes a link a person attached; a machine's link is rejected instead, so that it is not suggested again. */
  async detach(linkId: number, body: DetachBody): Promise<Quotation> {
    const link = await this.requireLink(linkId);
    if (link.status === 'manual') await this.quotes.deleteLink(linkId);
    else await this.quotes.setLinkStatus(linkId, 'rejected', body.by);
    return this.quotation(link.quotation_id);
  }

  async decide(quotationId: number, body: DecisionBody): Promise<Quotation> {
    await this.requireQuotation(quotationId);
    if (body.decision === 'not_in_archive') {
      const links = (await this.quotes.links([quotationId])).map(toLink);
      if (links.some((l) => isLive(l) && l.status !== 'suggested')) {
        throw new AppError('quote.has_confirmed_link', 'The quotation has a confirmed or attached link; reject or detach it first.', 409);
      }
    }
    await this.quotes.setDecision(quotationId, body.decision, body.by);
    return this.quotation(quotationId);
  }

  private async quotedIn(documentId: number) {
    const rows = await this.quotes.quotedIn(documentId);
    return rows.map((r) => ({
      link: { id: r.link_id, status: r.status, score: r.score, passageId: r.passage_id, fragments: parse<Span[]>(r.fragments) },
      quotation: { id: r.quotation_id, ordinal: r.quotation_ordinal, text: r.quotation_text },
      report: toSummary(r),
    }));
  }

  /** One quotation as the review routes return it, with the change just made. */
  private async quotation(id: number): Promise<Quotation> {
    const row = await this.requireQuotation(id);
    const links = await this.quotes.links([id]);
    return toQuotation(row, links.map(toLink));
  }

  private async requireQuotation(id: number) {
    const row = await this.quotes.quotation(id);
    if (!row) throw notFound('quote.not_found', `There is no quotation with id ${id}.`);
    return row;
  }

  private async requireLink(id: number) {
    const link = await this.quotes.link(id);
    if (!link) throw notFound('quote_link.not_found', `There is no quote link with id ${id}.`);
    return link;
  }
}

function checkFragments(fragments: readonly Span[], length: number): void {
  let previous = 0;
  for (const [i, f] of fragments.entries()) {
    if (f.end <= f.start || f.end > length || f.start < previous) {
      throw new AppError(
        'quote.invalid_fragments',
        `Fragment ${i + 1} (${f.start}–${f.end}) must be a non-empty range inside the source (0–${length}), after the fragment before it.`,
      );
    }
    previous = f.end;
  }
}

const parse = <T>(json: string) => JSON.parse(json) as T;
