import { sql } from 'kysely';
import type { Db } from './client.ts';
import type { MemberRole, Visibility } from './schema.ts';

export interface CollectionRow {
  id: number;
  name: string;
  visibility: Visibility;
  documentCount: number;
  memberCount: number;
}

/** Collections as administrators see them: all of them, with visibility and members. */
export class CollectionsRepository {
  constructor(private readonly writer: Db) {}

  async list(): Promise<CollectionRow[]> {
    const rows = await this.writer
      .selectFrom('collection as c')
      .select([
        'c.id',
        'c.name',
        'c.visibility',
        'c.document_count as documentCount',
        sql<number>`(select count(*) from collection_member m where m.collection_id = c.id)`.as('memberCount'),
      ])
      .orderBy('c.name')
      .execute();
    return rows.map((r) => ({ ...r, documentCount: Number(r.documentCount), memberCount: Number(r.memberCount) }));
  }

  async findByName(name: string) {
    return this.writer.selectFrom('collection').select(['id', 'name', 'visibility']).where('name', '=', name).executeTakeFirst();
  }

  async create(name: string, visibility: Visibility): Promise<number> {
    const row = await this.writer.insertInto('collection').values({ name, visibility }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async setVisibility(id: number, visibility: Visibility): Promise<void> {
    await this.writer.updateTable('collection').set({ visibility }).where('id', '=', id).execute();
  }

  async members(collectionId: number) {
    return this.writer
      .selectFrom('collection_member')
      .innerJoin('account', 'account.id', 'collection_member.account_id')
      .select(['account.id', 'account.name', 'collection_member.role'])
      .where('collection_member.collection_id', '=', collectionId)
      .orderBy('account.name')
      .execute();
  }

  async membership(collectionId: number, accountId: number): Promise<MemberRole | undefined> {
    const row = await this.writer
      .selectFrom('collection_member')
      .select('role')
      .where('collection_id', '=', collectionId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row?.role;
  }

  async grant(collectionId: number, accountId: number, role: MemberRole): Promise<void> {
    await this.writer
      .insertInto('collection_member')
      .values({ collection_id: collectionId, account_id: accountId, role })
      .onConflict((oc) => oc.columns(['collection_id', 'account_id']).doUpdateSet({ role }))
      .execute();
  }

  async revoke(collectionId: number, accountId: number): Promise<boolean> {
    const result = await this.writer
      .deleteFrom('collection_member')
      .where('collection_id', '=', collectionId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
