import { Type, type Static } from '@sinclair/typebox';

/** OCR pages whose mean word confidence is below this are flagged (the OCR pipeline uses the same mark). */
export const LOW_CONFIDENCE_PAGE = 60;

export const PageWordBox = Type.Object({
  text: Type.String(),
  start: Type.Integer({ description: 'Offset of the word in the document body' }),
  end: Type.Integer(),
  x: Type.Number(),
  y: Type.Number(),
  w: Type.Number(),
  h: Type.Number(),
  confidence: Type.Number(),
});

export const DocumentPageInfo = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  start: Type.Integer({ description: 'body.slice(start, end) is the text of the page' }),
  end: Type.Integer(),
  width: Type.Union([Type.Integer(), Type.Null()], { description: 'Width of the page image the word boxes are measured on' }),
  height: Type.Union([Type.Integer(), Type.Null()]),
  source: Type.Union([Type.Literal('text'), Type.Literal('ocr')], {
    description: "text: the file's own text layer; ocr: read from the image",
  }),
  confidence: Type.Union([Type.Number(), Type.Null()], { description: 'Mean OCR word confidence 0–100; null for text-layer pages' }),
  lowConfidence: Type.Boolean({ description: `An OCR page whose mean confidence is below ${LOW_CONFIDENCE_PAGE}: its text may be wrong` }),
});
export type DocumentPageInfo = Static<typeof DocumentPageInfo>;

/** One page with its OCR words (GET /api/documents/:id/pages/:n): kept out of the document so a long scan stays light. */
export const DocumentPageWords = Type.Intersect([
  DocumentPageInfo,
  Type.Object({
    words: Type.Array(PageWordBox, { description: 'OCR words with their pixel boxes at width×height; empty for text-layer pages' }),
  }),
]);
export type DocumentPageWords = Static<typeof DocumentPageWords>;

export const PageImageParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  n: Type.Integer({ minimum: 1, maximum: 100000 }),
});
export const PageImageQuery = Type.Object({
  width: Type.Optional(
    Type.Integer({
      minimum: 200,
      maximum: 2400,
      description: 'Width in pixels to render a PDF page at (rounded to a step of 200); default 1200',
    }),
  ),
});
