import { Type, type Static } from '@sinclair/typebox';

/** Shapes shared by several feature modules; each module keeps its own request schemas. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object(
      { code: Type.String(), message: Type.String(), position: Type.Optional(Type.Integer()) },
      { additionalProperties: true },
    ),
  },
  { $id: 'ErrorResponse' },
);

export const DocumentKind = Type.Union([Type.Literal('cable'), Type.Literal('report'), Type.Literal('document')]);

export const DocumentSummary = Type.Object({
  id: Type.Integer(),
  ref: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  date: Type.Union([Type.String(), Type.Null()], {
    description: 'ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when that is all that is known)',
  }),
  dateText: Type.Union([Type.String(), Type.Null()], { description: 'The date as written in the source' }),
  kind: DocumentKind,
  origin: Type.Union([Type.String(), Type.Null()]),
  language: Type.Union([Type.String(), Type.Null()]),
  collection: Type.String(),
});
export type DocumentSummary = Static<typeof DocumentSummary>;

const optionalList = (description: string) => Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description }));
const isoDate = (description: string) => Type.Optional(Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description }));

export const DocumentFilterQuery = {
  kind: optionalList('cable, report or document; repeat for several'),
  origin: optionalList('Origin such as a station; repeat for several'),
  language: optionalList('Language code; repeat for several'),
  collection: optionalList('Collection name; repeat for several'),
  from: isoDate('Earliest date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD'),
  to: isoDate('Latest date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD'),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

export function asList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
  return list.length ? list : undefined;
}
