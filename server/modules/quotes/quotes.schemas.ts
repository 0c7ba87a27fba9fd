import { Type, type Static } from '@sinclair/typebox';
import { DocumentSummary } from '../schemas.ts';

const Span = Type.Object({
  start: Type.Integer({ minimum: 0 }),
  end: Type.Integer({ minimum: 0 }),
});

const Nullable = <T extends ReturnType<typeof Type.Object>>(schema: T) => Type.Union([schema, Type.Null()]);

export const Difference = Type.Object({
  kind: Type.Union([Type.Literal('elided'), Type.Literal('inserted'), Type.Literal('changed'), Type.Literal('case_or_punctuation')], {
    description:
      'elided: source text an ellipsis dropped; inserted: bracketed words the report added; changed: other substitutions; case_or_punctuation: the same words written differently',
  }),
  report: Type.Union([Span, Type.Null()], { description: 'Offsets in the report body (an empty span marks a position)' }),
  source: Type.Union([Span, Type.Null()], { description: 'Offsets in the source body (an empty span marks a position)' }),
  reportText: Type.String(),
  sourceText: Type.String(),
});

export const LinkStatus = Type.Union(
  [Type.Literal('suggested'), Type.Literal('confirmed'), Type.Literal('rejected'), Type.Literal('manual')],
  {
    description: 'suggested by the machine; confirmed, rejected or attached by hand (manual) by a person',
  },
);

export const QuoteLink = Type.Object({
  id: Type.Integer(),
  status: LinkStatus,
  orphaned: Type.Boolean({ description: 'The source changed and the quoted text could not be found in it again' }),
  score: Type.Number({ minimum: 0, maximum: 1 }),
  document: DocumentSummary,
  passage: Nullable(
    Type.Object(
      { id: Type.Integer(), ordinal: Type.Integer(), start: Type.Integer(), end: Type.Integer() },
      { description: 'The passage holding the first fragment' },
    ),
  ),
  fragments: Type.Array(Span, { description: 'Where each fragment of the quotation is in the source body, in order' }),
  differences: Type.Array(Difference),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  original: Nullable(
    Type.Object(
      {
        document: Type.Object({
          id: Type.Integer(),
          ref: Type.String(),
          title: Type.Union([Type.String(), Type.Null()]),
          language: Type.Union([Type.String(), Type.Null()]),
        }),
        passageIds: Type.Array(Type.Integer()),
        start: Type.Integer({ description: "Offsets into the original's body" }),
        end: Type.Integer(),
        text: Type.String({ description: 'body.slice(start, end) of the original' }),
      },
      { description: 'When the source is a translation: the paragraph of the original it translates' },
    ),
  ),
});
export type QuoteLink = Static<typeof QuoteLink>;

export const QuotationStatus = Type.Union([Type.Literal('linked'), Type.Literal('unmatched'), Type.Literal('too_short')]);

export const Quotation = Type.Object({
  id: Type.Integer(),
  ordinal: Type.Integer({ description: 'Position in the report, from 1: the #q7 of a report URL' }),
  start: Type.Integer({ description: 'body.slice(start, end) === text' }),
  end: Type.Integer(),
  text: Type.String(),
  style: Type.Union([Type.Literal('marks'), Type.Literal('block'), Type.Literal('html')]),
  status: QuotationStatus,
  tooShort: Type.Boolean(),
  decision: Type.Union([Type.Literal('not_in_archive'), Type.Null()], {
    description: 'A person said the quotation has no source in the archive',
  }),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  fragments: Type.Array(Span, { description: 'The quoted words in the report body, between ellipses and insertions' }),
  insertions: Type.Array(Type.Intersect([Span, Type.Object({ text: Type.String() })])),
  ellipses: Type.Array(Span),
  links: Type.Array(QuoteLink, { description: 'Confirmed and attached links first, then suggestions best first, then rejected ones' }),
});
export type Quotation = Static<typeof Quotation>;

export const ReportResponse = Type.Object({
  report: Type.Intersect([DocumentSummary, Type.Object({ body: Type.String() })]),
  counts: Type.Object({ quotations: Type.Integer(), linked: Type.Integer(), unmatched: Type.Integer(), tooShort: Type.Integer() }),
  quotations: Type.Array(Quotation),
  canReview: Type.Boolean({ description: 'Whether the signed-in account may review this report’s quotations' }),
});
export type ReportResponse = Static<typeof ReportResponse>;

export const QuotedIn = Type.Object({
  link: Type.Object({
    id: Type.Integer(),
    status: LinkStatus,
    score: Type.Number(),
    passageId: Type.Integer(),
    fragments: Type.Array(Span),
  }),
  quotation: Type.Object({ id: Type.Integer(), ordinal: Type.Integer(), text: Type.String() }),
  report: DocumentSummary,
});

export const DocumentQuotedIn = Type.Object({ documentId: Type.Integer(), quotedIn: Type.Array(QuotedIn) });
export type DocumentQuotedIn = Static<typeof DocumentQuotedIn>;

export const PassageQuotedIn = Type.Object({ passageId: Type.Integer(), documentId: Type.Integer(), quotedIn: Type.Array(QuotedIn) });
export type PassageQuotedIn = Static<typeof PassageQuotedIn>;

// Who acts is the signed-in account, never a field of the request.
export const ReviewLinkBody = Type.Object({ status: Type.Union([Type.Literal('confirmed'), Type.Literal('rejected')]) });
export type ReviewLinkBody = Static<typeof ReviewLinkBody>;

export const AttachBody = Type.Object({
  documentId: Type.Integer({ minimum: 1 }),
  fragments: Type.Array(Span, { minItems: 1, maxItems: 20, description: 'Selected source text, in order: offsets into the source body' }),
});
export type AttachBody = Static<typeof AttachBody>;

export const DetachBody = Type.Object({});
export type DetachBody = Static<typeof DetachBody>;

export const DecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('not_in_archive'), Type.Null()], { description: 'not_in_archive, or null to take the verdict back' }),
});
export type DecisionBody = Static<typeof DecisionBody>;
