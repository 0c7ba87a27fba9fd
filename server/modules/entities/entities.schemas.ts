import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const EntityTypeName = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,39}$',
  description: 'person, organization, place, date, money, codename, email, phone, reference, or a type an admin added',
});
const Name = Type.String({ minLength: 1, maxLength: 300 });
const Label = Type.String({ minLength: 1, maxLength: 40 });
const Labels = Type.Array(Label, { maxItems: 20, description: 'Short labels journalists attach, such as "on payroll"' });
const Description = Type.Union([Type.String({ maxLength: 5000 }), Type.Null()]);

export const EntityStatus = Type.Union([Type.Literal('suggested'), Type.Literal('confirmed')], {
  description: 'suggested: grouped by the machine; confirmed: created, confirmed or edited by a person (and matched in every document)',
});

export const EntitySummary = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  name: Type.String({ description: 'The canonical name' }),
  status: EntityStatus,
  labels: Type.Array(Type.String()),
  aliases: Type.Array(Type.String(), { description: 'Other spellings you may see' }),
  mentionCount: Type.Integer({ description: 'Mentions (not rejected) in documents you may read: exact, kept as mentions are written' }),
  documentCount: Type.Integer(),
  firstDate: Nullable(Type.String({ description: 'Date of the earliest document mentioning it' })),
  lastDate: Nullable(Type.String()),
});
export type EntitySummary = Static<typeof EntitySummary>;

export const Alias = Type.Object({ id: Type.Integer(), name: Type.String(), createdBy: Nullable(Type.String()) });
export type Alias = Static<typeof Alias>;

export const EntityDetail = Type.Intersect([
  EntitySummary,
  Type.Object({
    description: Nullable(Type.String()),
    aliasList: Type.Array(Alias, { description: 'Every spelling you may see, the canonical name’s included' }),
    createdBy: Nullable(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  }),
]);
export type EntityDetail = Static<typeof EntityDetail>;

export const Merge = Type.Object({
  id: Type.Integer(),
  fromId: Type.Integer(),
  fromName: Type.String({
    description: 'The merged entity’s name, or "Entity N" when its name is known only from documents you may not read',
  }),
  mergedBy: Type.String(),
  mergedAt: Type.String(),
  undoneBy: Nullable(Type.String()),
  undoneAt: Nullable(Type.String()),
});
export type Merge = Static<typeof Merge>;

export const EntityPage = Type.Object({
  entity: EntityDetail,
  timeline: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM' }), count: Type.Integer() })),
  coMentioned: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      type: Type.String(),
      count: Type.Integer({ description: 'Shared passages; an estimate when coMentionedApproximate is true' }),
    }),
    { description: 'The entities most often mentioned in the same passages (top 20)' },
  ),
  coMentionedApproximate: Type.Boolean({
    description:
      'True when the entity has more than 500 readable mentions: co-mentions are then counted over a fixed sample of its passages and scaled up, so counts and order are estimates',
  }),
  merges: Type.Array(Merge, { description: 'Entities merged into this one, newest first' }),
  canEdit: Type.Boolean({ description: 'Whether you may rename, merge, split or delete it' }),
});
export type EntityPage = Static<typeof EntityPage>;

export const EntityResponse = Type.Object({ entity: EntityDetail });
export type EntityResponse = Static<typeof EntityResponse>;

const Page = Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }));
const PageSize = Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 }));

export const ListEntitiesQuery = Type.Object({
  type: Type.Optional(EntityTypeName),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'The start of any word of a name or spelling, in any script' })),
  sort: Type.Optional(
    Type.Union([Type.Literal('-mentions'), Type.Literal('mentions'), Type.Literal('name'), Type.Literal('-name')], {
      default: '-mentions',
    }),
  ),
  status: Type.Optional(EntityStatus),
  page: Page,
  pageSize: PageSize,
});
export type ListEntitiesQuery = Static<typeof ListEntitiesQuery>;

export const EntityList = Type.Object({
  total: Type.Integer({ description: 'How many entities the list holds; a lower bound when totalApproximate is true' }),
  totalApproximate: Type.Boolean({
    description: 'True when there are more than 10,000: counting stops there, and total is then at least that many',
  }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  entities: Type.Array(EntitySummary),
});
export type EntityList = Static<typeof EntityList>;

export const ExportQuery = Type.Object({
  type: Type.Optional(EntityTypeName),
  q: Type.Optional(Type.String({ maxLength: 200 })),
});
export type ExportQuery = Static<typeof ExportQuery>;

export const EntityTypeList = Type.Object({
  types: Type.Array(Type.Object({ name: Type.String(), label: Type.String(), builtin: Type.Boolean() })),
});
export type EntityTypeList = Static<typeof EntityTypeList>;

export const NewEntityType = Type.Object({
  name: EntityTypeName,
  label: Type.String({ minLength: 1, maxLength: 60 }),
});
export type NewEntityType = Static<typeof NewEntityType>;

export const EntityTypeResponse = Type.Object({
  type: Type.Object({ name: Type.String(), label: Type.String(), builtin: Type.Boolean() }),
});
export type EntityTypeResponse = Static<typeof EntityTypeResponse>;

export const CreateEntityBody = Type.Object({
  type: EntityTypeName,
  name: Name,
  aliases: Type.Optional(Type.Array(Name, { maxItems: 50 })),
  description: Type.Optional(Description),
  labels: Type.Optional(Labels),
});
export type CreateEntityBody = Static<typeof CreateEntityBody>;

export const UpdateEntityBody = Type.Object(
  {
    name: Type.Optional(Name),
    type: Type.Optional(EntityTypeName),
    description: Type.Optional(Description),
    labels: Type.Optional(Labels),
  },
  { description: 'A new name keeps the old one as a spelling' },
);
export type UpdateEntityBody = Static<typeof UpdateEntityBody>;

export const AliasBody = Type.Object({ name: Name });
export type AliasBody = Static<typeof AliasBody>;
export const AliasResponse = Type.Object({ alias: Alias });
export type AliasResponse = Static<typeof AliasResponse>;

export const MergeBody = Type.Object({ from: Type.Integer({ minimum: 1, description: 'The entity merged into this one' }) });
export type MergeBody = Static<typeof MergeBody>;
export const MergeResponse = Type.Object({ merge: Merge, entity: EntityDetail });
export type MergeResponse = Static<typeof MergeResponse>;

export const SplitBody = Type.Object({
  mentionIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000 }),
  name: Name,
  type: Type.Optional(EntityTypeName),
});
export type SplitBody = Static<typeof SplitBody>;

export const EmptyBody = Type.Object({});
