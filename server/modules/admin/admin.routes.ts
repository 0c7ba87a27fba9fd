import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AccountRow } from '../../../db/accounts.repository.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { actorOf, requireRole } from '../auth/viewer.ts';
import type { CollectionsService } from '../collections/collections.service.ts';
import { ErrorResponse } from '../schemas.ts';
import {
  Account,
  AccountChangeBody,
  AccountList,
  AdminCollectionList,
  MemberBody,
  MemberList,
  Membership,
  Name,
  NewAccountBody,
  PasswordBody,
  VisibilityBody,
} from './admin.schemas.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['admin'];

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  name: row.name,
  role: row.role,
  disabled: row.disabled_at !== null,
  createdAt: row.created_at,
});

/** Account and collection administration for admins; the same services as `trove users` and `trove collections`. */
export const adminRoutes: FastifyPluginAsyncTypebox<{ accounts: AccountsService; collections: CollectionsService }> = async (
  app,
  { accounts, collections },
) => {
  const admin = (request: { viewer: Parameters<typeof requireRole>[0] }) => actorOf(requireRole(request.viewer, 'admin'));

  app.get('/admin/accounts', { schema: { tags, summary: 'All accounts', response: { 200: AccountList, ...errors } } }, async (request) => {
    admin(request);
    return { accounts: (await accounts.list()).map(toAccount) };
  });

  app.post(
    '/admin/accounts',
    { schema: { tags, summary: 'Create an account', body: NewAccountBody, response: { 201: Account, ...errors } } },
    async (request, reply) => {
      const { name, role, password } = request.body;
      return reply.status(201).send(toAccount(await accounts.add(name, role, password, admin(request))));
    },
  );

  app.patch(
    '/admin/accounts/:name',
    {
      schema: {
        tags,
        summary: 'Change an account’s role, or disable it (which ends its sessions)',
        params: Name,
        body: AccountChangeBody,
        response: { 200: Account, ...errors },
      },
    },
    async (request) => {
      const actor = admin(request);
      const { name } = request.params;
      if (request.body.role !== undefined) await accounts.setRole(name, request.body.role, actor);
      if (request.body.disabled !== undefined) await accounts.setDisabled(name, request.body.disabled, actor);
      const row = (await accounts.list()).find((a) => a.name.toLowerCase() === name.toLowerCase())!;
      return toAccount(row);
    },
  );

  app.post(
    '/admin/accounts/:name/password',
    {
      schema: {
        tags,
        summary: 'Set a new password; the account is signed out everywhere',
        params: Name,
        body: PasswordBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await accounts.resetPassword(request.params.name, request.body.password, admin(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/collections',
    { schema: { tags, summary: 'All collections, with visibility and member counts', response: { 200: AdminCollectionList, ...errors } } },
    async (request) => {
      admin(request);
      return { collections: await collections.list() };
    },
  );

  app.patch(
    '/admin/collections/:name',
    {
      schema: {
        tags,
        summary: 'Make a collection public, internal or restricted',
        params: Name,
        body: VisibilityBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await collections.setVisibility(request.params.name, request.body.visibility, admin(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/collections/:name/members',
    { schema: { tags, summary: 'Members of a collection and their roles in it', params: Name, response: { 200: MemberList, ...errors } } },
    async (request) => {
      admin(request);
      return { members: (await collections.members(request.params.name)).map((m) => ({ name: m.name, role: m.role })) };
    },
  );

  app.put(
    '/admin/collections/:name/members/:account',
    {
      schema: {
        tags,
        summary: 'Add a member, or change their role in the collection',
        params: Membership,
        body: MemberBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await collections.grant(request.params.name, request.params.account, request.body.role, admin(request));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/admin/collections/:name/members/:account',
    { schema: { tags, summary: 'Remove a member from a collection', params: Membership, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await collections.revoke(request.params.name, request.params.account, admin(request));
      return reply.status(204).send(null);
    },
  );
};
