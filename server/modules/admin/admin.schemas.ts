import { Type, type Static } from '@sinclair/typebox';
import { MAX_PASSWORD_LENGTH } from '../auth/passwords.ts';
import { Role } from '../auth/auth.schemas.ts';

export const Visibility = Type.Union([Type.Literal('public'), Type.Literal('internal'), Type.Literal('restricted')]);
const MemberRole = Type.Union([Type.Literal('editor'), Type.Literal('viewer')]);
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: 'At least 10 characters' });

export const Account = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  role: Role,
  disabled: Type.Boolean(),
  createdAt: Type.String(),
});
export type Account = Static<typeof Account>;
export const AccountList = Type.Object({ accounts: Type.Array(Account) });

export const NewAccountBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 64 }), role: Role, password: Password },
  { additionalProperties: false },
);
export type NewAccountBody = Static<typeof NewAccountBody>;
export const AccountChangeBody = Type.Object(
  { role: Type.Optional(Role), disabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type AccountChangeBody = Static<typeof AccountChangeBody>;
export const PasswordBody = Type.Object({ password: Password }, { additionalProperties: false });

export const AdminCollection = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  visibility: Visibility,
  documentCount: Type.Integer(),
  memberCount: Type.Integer(),
});
export const AdminCollectionList = Type.Object({ collections: Type.Array(AdminCollection) });
export const VisibilityBody = Type.Object({ visibility: Visibility }, { additionalProperties: false });
export const MemberList = Type.Object({ members: Type.Array(Type.Object({ name: Type.String(), role: MemberRole })) });
export const MemberBody = Type.Object({ role: MemberRole }, { additionalProperties: false });

export const Name = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) });
export const Membership = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  account: Type.String({ minLength: 1, maxLength: 64 }),
});
