import { Type, type Static } from '@sinclair/typebox';

export const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Literal('ok', { description: 'A trivial query on the light-read lane answered.' }),
});
export type Health = Static<typeof Health>;
