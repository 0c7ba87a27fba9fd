import { Type, type Static } from '@sinclair/typebox';
import { DocumentSummary } from '../schemas.ts';
import { EntityTypeName } from './entities.schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const MentionStatus = Type.Union([Type.Literal('suggested'), Type.Literal('confirmed'), Type.Literal('rejected')]);
export const MentionSource = Type.Union([Type.Literal('rule'), Type.Literal('gazetteer'), Type.Literal('model'), Type.Literal('person')], {
  description: 'Which extraction layer suggested it, or person for a journalist’s own tag',
});
const StatusFilter = Type.Optional(
  Type.Union([Type.Literal('suggested'), Type.Literal('confirmed'), Type.Literal('rejected'), Type.Literal('all')], {
    description: 'Default: suggested and confirmed (rejected ones left out)',
  }),
);
const Page = Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }));

export const Mention = Type.Object({
  id: Type.Integer(),
  start: Type.Integer({ description: 'body.slice(start, end) === text (UTF-16 code units)' }),
  end: Type.Integer(),
  text: Type.String(),
  type: Type.String(),
  status: MentionStatus,
  source: MentionSource,
  value: Nullable(Type.String({ description: 'What rules normalise: an ISO date, an amount with its currency' })),
  entity: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), type: Type.String() }), Type.Null()]),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
});
export type Mention = Static<typeof Mention>;

export const DocumentMentionsQuery = Type.Object({ status: StatusFilter });
export type DocumentMentionsQuery = Static<typeof DocumentMentionsQuery>;
export const DocumentMentions = Type.Object({
  mentions: Type.Array(Mention, { description: 'In reading order' }),
  canTag: Type.Boolean({ description: 'Whether you may tag, confirm and reject mentions in this document' }),
});
export type DocumentMentions = Static<typeof DocumentMentions>;

export const EntityMentionsQuery = Type.Object({
  sort: Type.Optional(Type.Union([Type.Literal('date'), Type.Literal('-date')], { default: 'date' })),
  status: StatusFilter,
  page: Page,
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type EntityMentionsQuery = Static<typeof EntityMentionsQuery>;

export const Excerpt = Type.Object({
  text: Type.String({ description: 'Up to about 240 characters of the passage around the mention' }),
  start: Type.Integer({ description: 'Where the mention starts in excerpt.text' }),
  end: Type.Integer(),
});

export const EntityMention = Type.Object({
  id: Type.Integer(),
  start: Type.Integer(),
  end: Type.Integer(),
  text: Type.String(),
  status: MentionStatus,
  source: MentionSource,
  document: DocumentSummary,
  passage: Type.Object({ id: Type.Integer(), ordinal: Type.Integer() }),
  excerpt: Excerpt,
});
export const EntityMentions = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  mentions: Type.Array(EntityMention),
});
export type EntityMentions = Static<typeof EntityMentions>;

export const TagBody = Type.Object(
  {
    start: Type.Integer({ minimum: 0 }),
    end: Type.Integer({ minimum: 1 }),
    entityId: Type.Optional(Type.Integer({ minimum: 1 })),
    entity: Type.Optional(Type.Object({ type: EntityTypeName, name: Type.String({ minLength: 1, maxLength: 300 }) })),
  },
  { description: 'Give entityId to tag an existing entity, or entity to create one (an entity of that type and spelling is reused)' },
);
export type TagBody = Static<typeof TagBody>;
export const TagResponse = Type.Object({
  mention: Mention,
  spread: Type.Object({
    text: Type.String(),
    count: Type.Integer({ description: 'Other untagged or suggested occurrences of this spelling you may tag' }),
  }),
});
export type TagResponse = Static<typeof TagResponse>;

export const ReviewBody = Type.Object({
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('rejected')]),
  entityId: Type.Optional(
    Type.Integer({ minimum: 1, description: 'The entity the mention is of; without it a confirmed mention keeps its entity or gets one' }),
  ),
});
export type ReviewBody = Static<typeof ReviewBody>;
export const MentionResponse = Type.Object({ mention: Mention });
export type MentionResponse = Static<typeof MentionResponse>;

export const SpreadQuery = Type.Object({ text: Type.String({ minLength: 1, maxLength: 300 }), page: Page });
export type SpreadQuery = Static<typeof SpreadQuery>;
export const Occurrence = Type.Object({
  documentId: Type.Integer(),
  documentRef: Type.String(),
  documentTitle: Nullable(Type.String()),
  start: Type.Integer(),
  end: Type.Integer(),
  excerpt: Excerpt,
});
export type Occurrence = Static<typeof Occurrence>;
export const SpreadPreview = Type.Object({
  text: Type.String(),
  total: Type.Integer(),
  occurrences: Type.Array(Occurrence, { description: '50 a page, in document order' }),
});
export type SpreadPreview = Static<typeof SpreadPreview>;
export const SpreadBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 300 }),
  occurrences: Type.Optional(
    Type.Array(Type.Object({ documentId: Type.Integer({ minimum: 1 }), start: Type.Integer({ minimum: 0 }) }), {
      maxItems: 5000,
      description: 'Only these; without it every occurrence the preview lists',
    }),
  ),
});
export type SpreadBody = Static<typeof SpreadBody>;
export const SpreadResult = Type.Object({ tagged: Type.Integer() });
export type SpreadResult = Static<typeof SpreadResult>;
