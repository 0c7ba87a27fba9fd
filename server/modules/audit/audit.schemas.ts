import { Type, type Static } from '@sinclair/typebox';

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Account name, or cli:<user> for the command line' })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Such as quote_link.review or collection.grant' })),
    subjectType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    since: Type.Optional(Type.String({ format: 'date-time', description: 'Inclusive, ISO 8601' })),
    until: Type.Optional(Type.String({ format: 'date-time', description: 'Exclusive, ISO 8601' })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only events older than this id: pass nextBefore for the next page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const AuditResponse = Type.Object({
  events: Type.Array(AuditEvent),
  nextBefore: Type.Union([Type.Integer(), Type.Null()], { description: 'Pass as `before` for older events; null at the end' }),
});
export type AuditResponse = Static<typeof AuditResponse>;
