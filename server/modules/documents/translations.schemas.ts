import { Type, type Static } from '@sinclair/typebox';

const PassageIds = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10_000 });

export const AlignmentPair = Type.Object({
  original: PassageIds,
  translation: PassageIds,
});

const Side = Type.Object({
  id: Type.Integer(),
  ref: Type.String(),
  language: Type.Union([Type.String(), Type.Null()]),
});

export const Alignment = Type.Object({
  original: Side,
  translation: Side,
  declaredBy: Type.Union([Type.Literal('field'), Type.Literal('record'), Type.Literal('ref_suffix')], {
    description:
      'field: translation_of / original / translation; record: one JSON record carried both texts; ref_suffix: refs differ only by a language suffix',
  }),
  alignedBy: Type.Union([Type.Literal('auto'), Type.Literal('editor')]),
  decidedBy: Type.Union([Type.String(), Type.Null()], { description: 'The editor who last corrected the pairing' }),
  alignedAt: Type.String(),
  editable: Type.Boolean({ description: 'Whether you may correct this pairing' }),
  pairs: Type.Array(AlignmentPair, { description: 'Passage ids of the original paired with passage ids of the translation, in order' }),
});
export type Alignment = Static<typeof Alignment>;

export const AlignmentQuery = Type.Object({
  with: Type.Integer({ minimum: 1, description: 'The id of the other document: the original or a translation' }),
});

export const AlignmentBody = Type.Object({
  pairs: Type.Array(AlignmentPair, { maxItems: 10_000 }),
});
export type AlignmentBody = Static<typeof AlignmentBody>;
