import type { ReadScope } from '../../../db/access.ts';
import type { CollectionsRepository } from '../../../db/collections.repository.ts';
import type { QuotesRepository } from '../../../db/quotes.repository.ts';
import type { Visibility } from '../../../db/schema.ts';
import type { UnitOfWork } from '../../../db/unit-of-work.ts';
import { AppError, notFound } from '../../errors.ts';
import { measure, passageAt } from '../../pipeline/quotes/align.ts';
import { anchorsOf } from '../../pipeline/quotes/anchor.ts';
import type { Span } from '../../pipeline/quotes/quote.types.ts';
import { by } from '../accounts/accounts.service.ts';
import { actorOf, requireRole, scopeOf, type AccountViewer, type Viewer } from '../auth/viewer.ts';
import { toSummary } from '../documents/documents.service.ts';
import type { TranslationsService } from '../documents/translations.service.ts';
import { countStatuses, isLive, toLink, toQuotation } from './quotes.mapping.ts';
import type {
  AttachBody,
  DecisionBody,
  DocumentQuotedIn,
  PassageQuotedIn,
  Quotation,
  QuoteLink,
  ReportResponse,
  ReviewLinkBody,
} from './quotes.schemas.ts';

/**
 * Reading reports beside their sources, and people's review of the machine's links. Reads see only
 * what the viewer may read; reviews need an editor (in a restricted collection: an editor member)
 * and are audited in the same transaction as the change.
 */
export class QuotesService {
  constructor(
    private readonly quotes: QuotesRepository,
    private readonly collections: CollectionsRepository,
    private readonly work: UnitOfWork,
    private readonly translations: Pick<TranslationsService, 'originalPassages'>,
  ) {}

  async report(id: number, viewer: Viewer, shownAs = `id ${id}`): Promise<ReportResponse> {
    const scope = scopeOf(viewer);
    const report = await this.quotes.document(id, scope);
    if (!report) throw notFound('report.not_found', `There is no report with ${shownAs}.`);
    if (report.kind !== 'report') {
      throw notFound('report.not_found', `The document with ${shownAs} is a ${report.kind}, not a report: open it in the document reader.`);
    }
    const rows = await this.quotes.quotations(id);
    const links = new Map<number, QuoteLink[]>();
    for (const row of await this.quotes.links(
      rows.map((r) => r.id),
      scope,
    )) {
      links.set(row.quotation_id, [...(links.get(row.quotation_id) ?? []), toLink(row)]);
    }
    await this.addOriginals([...links.values()].flat(), scope);
    const quotations = rows.map((r) => toQuotation(r, links.get(r.id) ?? []));
    return {
      report: { ...toSummary(report), body: report.body },
      counts: countStatuses(quotations),
      quotations,
      canReview: await this.mayReview(viewer, report),
    };
  }

  /** A quotation of a translation also leads to the original paragraph the translation renders. */
  private async addOriginals(links: QuoteLink[], scope: ReadScope): Promise<void> {
    const passages = links.flatMap((link) => (link.passage ? [{ documentId: link.document.id, passageId: link.passage.id }] : []));
    const originals = await this.translations.originalPassages(passages, scope);
    for (const link of links) link.original = (link.passage && originals.get(link.passage.id)) ?? null;
  }

  async reportByRef(ref: string, viewer: Viewer): Promise<ReportResponse> {
    const id = await this.quotes.documentIdByRef(ref, scopeOf(viewer));
    if (id === undefined) throw notFound('report.not_found', `There is no report with the reference "${ref}".`);
    return this.report(id, viewer, `the reference "${ref}"`);
  }

  async documentQuotedIn(documentId: number, scope: ReadScope): Promise<DocumentQuotedIn> {
    if (!(await this.quotes.document(documentId, scope)))
      throw notFound('document.not_found', `There is no document with id ${documentId}.`);
    return { documentId, quotedIn: await this.quotedIn(documentId, scope) };
  }

  /** Links whose fragments touch the passage, wherever their first fragment lies. */
  async passageQuotedIn(passageId: number, scope: ReadScope): Promise<PassageQuotedIn> {
    const passage = await this.quotes.passage(passageId, scope);
    if (!passage) throw notFound('passage.not_found', `There is no passage with id ${passageId}.`);
    const all = await this.quotedIn(passage.document_id, scope);
    const quotedIn = all.filter(
      (q) => q.link.passageId === passageId || q.link.fragments.some((f) => f.start < passage.end && f.end > passage.start),
    );
    return { passageId, documentId: passage.document_id, quotedIn };
  }

  async reviewLink(linkId: number, body: ReviewLinkBody, viewer: Viewer): Promise<Quotation> {
    const link = await this.requireLink(linkId, viewer);
    const editor = await this.requireReviewer(viewer, link);
    if (link.status === 'manual' && body.status === 'rejected') {
      throw new AppError('quote_link.is_manual', 'This link was attached by hand; detach it instead of rejecting it.', 409);
    }
    const status = link.status === 'manual' ? 'manual' : body.status;
    await this.work.run(async ({ quotes, audit }) => {
      await quotes.setLinkStatus(linkId, status, editor.name);
      await audit.append({
        ...by(actorOf(editor)),
        action: 'quote_link.review',
        subjectType: 'quote_link',
        subjectId: linkId,
        before: { status: link.status },
        after: { status },
      });
    });
    return this.quotation(link.quotation_id, viewer);
  }

  /** A person's own link: the source text they selected for the quotation. */
  async attach(quotationId: number, body: AttachBody, viewer: Viewer): Promise<Quotation> {
    const scope = scopeOf(viewer);
    const quotation = await this.requireQuotation(quotationId, scope);
    const editor = await this.requireReviewer(viewer, quotation);
    const source = await this.quotes.document(body.documentId, scope);
    if (!source) throw notFound('document.not_found', `There is no document with id ${body.documentId}.`);
    if (source.id === quotation.document_id)
      throw new AppError('quote.invalid_source', 'A quotation cannot be linked to the report it appears in.');
    checkFragments(body.fragments, source.body.length);
    const report = (await this.quotes.document(quotation.document_id, scope))!;
    const quote = {
      body: report.body,
      fragments: parse<Span[]>(quotation.fragments),
      insertions: parse<Array<Span & { text: string }>>(quotation.insertions),
      ellipses: parse<Span[]>(quotation.ellipses),
    };
    const { score, differences } = measure(quote, source.body, body.fragments);
    const passages = await this.quotes.passages(source.id);
    const link = {
      quotationId,
      documentId: source.id,
      passageId: passageAt({ id: source.id, body: source.body, passages }, body.fragments[0]!.start),
      fragments: JSON.stringify(body.fragments),
      score,
      differences: JSON.stringify(differences),
      anchor: JSON.stringify(anchorsOf(source.body, body.fragments)),
      sourceSha256: source.sha256,
      by: editor.name,
    };
    await this.work.run(async ({ quotes, audit }) => {
      const linkId = await quotes.saveManualLink(link);
      const after = { quotationId, documentId: source.id, passageId: link.passageId, fragments: body.fragments };
      await audit.append({ ...by(actorOf(editor)), action: 'quote_link.attach', subjectType: 'quote_link', subjectId: linkId, after });
    });
    return this.quotation(quotationId, viewer);
  }

  /** Removes a link a person attached; a machine's link is rejected instead, so that it is not suggested again. */
  async detach(linkId: number, viewer: Viewer): Promise<Quotation> {
    const link = await this.requireLink(linkId, viewer);
    const editor = await this.requireReviewer(viewer, link);
    await this.work.run(async ({ quotes, audit }) => {
      if (link.status === 'manual') await quotes.deleteLink(linkId);
      else await quotes.setLinkStatus(linkId, 'rejected', editor.name);
      const before = {
        status: link.status,
        documentId: link.document_id,
        passageId: link.passage_id,
        fragments: parse<Span[]>(link.fragments),
      };
      const after = link.status === 'manual' ? null : { status: 'rejected' };
      await audit.append({
        ...by(actorOf(editor)),
        action: 'quote_link.detach',
        subjectType: 'quote_link',
        subjectId: linkId,
        before,
        after,
      });
    });
    return this.quotation(link.quotation_id, viewer);
  }

  async decide(quotationId: number, body: DecisionBody, viewer: Viewer): Promise<Quotation> {
    const scope = scopeOf(viewer);
    const quotation = await this.requireQuotation(quotationId, scope);
    const editor = await this.requireReviewer(viewer, quotation);
    if (body.decision === 'not_in_archive') {
      // Links to sources this viewer cannot read count too: a decision must not hide someone else's confirmed link.
      const links = (await this.quotes.links([quotationId], { kind: 'operator' })).map(toLink);
      if (links.some((l) => isLive(l) && l.status !== 'suggested')) {
        throw new AppError('quote.has_confirmed_link', 'The quotation has a confirmed or attached link; reject or detach it first.', 409);
      }
    }
    await this.work.run(async ({ quotes, audit }) => {
      await quotes.setDecision(quotationId, body.decision, editor.name);
      const before = { decision: quotation.decision };
      await audit.append({
        ...by(actorOf(editor)),
        action: 'quotation.decide',
        subjectType: 'quotation',
        subjectId: quotationId,
        before,
        after: { decision: body.decision },
      });
    });
    return this.quotation(quotationId, viewer);
  }

  /** Editors review; in a restricted collection, only members the collection names as editors. */
  private async mayReview(viewer: Viewer, report: { collection_id: number; visibility: Visibility }): Promise<boolean> {
    if (viewer.kind !== 'account') return false;
    if (report.visibility === 'restricted') return (await this.collections.membership(report.collection_id, viewer.id)) === 'editor';
    return viewer.role === 'editor' || viewer.role === 'admin';
  }

  private async requireReviewer(viewer: Viewer, report: { collection_id: number; visibility: Visibility }): Promise<AccountViewer> {
    const account = requireRole(viewer, 'viewer');
    if (!(await this.mayReview(account, report))) {
      throw new AppError('auth.forbidden', 'Reviewing quotations in this collection needs an editor.', 403);
    }
    return account;
  }

  private async quotedIn(documentId: number, scope: ReadScope) {
    const rows = await this.quotes.quotedIn(documentId, scope);
    return rows.map((r) => ({
      link: { id: r.link_id, status: r.status, score: r.score, passageId: r.passage_id, fragments: parse<Span[]>(r.fragments) },
      quotation: { id: r.quotation_id, ordinal: r.quotation_ordinal, text: r.quotation_text },
      report: toSummary(r),
    }));
  }

  /** One quotation as the review routes return it, with the change just made. */
  private async quotation(id: number, viewer: Viewer): Promise<Quotation> {
    const scope = scopeOf(viewer);
    const row = await this.requireQuotation(id, scope);
    const links = await this.quotes.links([id], scope);
    return toQuotation(row, links.map(toLink));
  }

  private async requireQuotation(id: number, scope: ReadScope) {
    const row = await this.quotes.quotation(id, scope);
    if (!row) throw notFound('quote.not_found', `There is no quotation with id ${id}.`);
    return row;
  }

  private async requireLink(id: number, viewer: Viewer) {
    const link = await this.quotes.link(id, scopeOf(viewer));
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
