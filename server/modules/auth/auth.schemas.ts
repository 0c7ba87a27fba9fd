import { Type, type Static } from '@sinclair/typebox';
import { MAX_PASSWORD_LENGTH } from './passwords.ts';

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('editor'), Type.Literal('viewer')]);

export const SignInBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const SessionResponse = Type.Object({
  account: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), role: Role }), Type.Null()], {
    description: 'The signed-in account, or null for an anonymous reader',
  }),
  csrfToken: Type.Union([Type.String(), Type.Null()], {
    description: 'Send it in the x-csrf-token header with every change made under this session',
  }),
});
export type SessionResponse = Static<typeof SessionResponse>;
