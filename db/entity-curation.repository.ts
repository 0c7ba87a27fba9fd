import { sql } from 'kysely';
import type { Db } from './client.ts';
import { mentionText } from './entity-mention-text.ts';
import type { EntityStatus } from './schema.ts';

export interface NewEntity {
  type: string;
  name: string;
  description: string | null;
  labels: string[];
  status: EntityStatus;
  by: string;
}

export interface EntityChanges {
  name?: string;
  type?: string;
  description?: string | null;
  labels?: string[];
}

const now = sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

/**
 * People's changes to entities: create, edit, spellings, merge and its undo, split, delete. Every
 * method runs inside a unit of work (db/unit-of-work.ts) beside the audit event that records it, so
 * reads here go to the writer and see the transaction's own changes.
 */
export class EntityCurationRepository {
  constructor(private readonly writer: Db) {}

  async entity(id: number) {
    return this.writer.selectFrom('entity').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async create(entity: NewEntity): Promise<number> {
    const row = await this.writer
      .insertInto('entity')
      .values({
        type: entity.type,
        name: entity.name,
        description: entity.description,
        labels: JSON.stringify(entity.labels),
        status: entity.status,
        created_by: entity.by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Adds a spelling unless the entity already has one with that key; returns the new alias's id, if any. */
  async addAlias(entityId: number, name: string, key: string, sourceDocumentId: number | null, by: string): Promise<number | undefined> {
    const row = await this.writer
      .insertInto('entity_alias')
      .values({ entity_id: entityId, name, key, source_document_id: sourceDocumentId, created_by: by })
      .onConflict((oc) => oc.columns(['entity_id', 'key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  async aliases(entityId: number) {
    return this.writer.selectFrom('entity_alias').selectAll().where('entity_id', '=', entityId).orderBy('id').execute();
  }

  async deleteAlias(id: number): Promise<void> {
    await this.writer.deleteFrom('entity_alias').where('id', '=', id).execute();
  }

  /** A person touched the entity: it is confirmed (and joins the gazetteer). */
  async update(id: number, changes: EntityChanges): Promise<void> {
    await this.writer
      .updateTable('entity')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.type !== undefined ? { type: changes.type } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.labels !== undefined ? { labels: JSON.stringify(changes.labels) } : {}),
        status: 'confirmed',
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Mentions follow their entity's type; one whose span already has a mention of that type keeps its own. */
  async retypeMentions(entityId: number, type: string): Promise<void> {
    await sql`update or ignore mention set type = ${type} where entity_id = ${entityId}`.execute(this.writer);
  }

  /** The ids of mentions and of live spellings of one entity. */
  async holdings(entityId: number) {
    const [mentions, aliases] = await Promise.all([
      this.writer.selectFrom('mention').select('id').where('entity_id', '=', entityId).orderBy('id').execute(),
      this.writer.selectFrom('entity_alias').select(['id', 'key']).where('entity_id', '=', entityId).orderBy('id').execute(),
    ]);
    return { mentionIds: mentions.map((m) => m.id), aliases };
  }

  async mentionTexts(entityId: number) {
    return this.writer
      .selectFrom('mention')
      .innerJoin('document', 'document.id', 'mention.document_id')
      .select(['mention.id', mentionText('mention', 'document').as('text')])
      .where('mention.entity_id', '=', entityId)
      .where('mention.status', '!=', 'rejected')
      .execute();
  }

  async moveMentions(ids: readonly number[], from: number, to: number): Promise<void> {
    if (ids.length === 0) return;
    await this.writer.updateTable('mention').set({ entity_id: to }).where('id', 'in', ids).where('entity_id', '=', from).execute();
  }

  async moveAliases(ids: readonly number[], from: number, to: number): Promise<void> {
    if (ids.length === 0) return;
    await this.writer.updateTable('entity_alias').set({ entity_id: to }).where('id', 'in', ids).where('entity_id', '=', from).execute();
  }

  async recordMerge(intoId: number, fromId: number, mentionIds: number[], aliasIds: number[], by: string): Promise<number> {
    await this.writer.updateTable('entity').set({ merged_into: intoId, updated_at: now }).where('id', '=', fromId).execute();
    const row = await this.writer
      .insertInto('entity_merge')
      .values({
        into_id: intoId,
        from_id: fromId,
        mention_ids: JSON.stringify(mentionIds),
        alias_ids: JSON.stringify(aliasIds),
        merged_by: by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async merge(id: number) {
    return this.writer.selectFrom('entity_merge').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async markUndone(mergeId: number, fromId: number, by: string): Promise<void> {
    await this.writer.updateTable('entity').set({ merged_into: null, updated_at: now }).where('id', '=', fromId).execute();
    await this.writer.updateTable('entity_merge').set({ undone_by: by, undone_at: now }).where('id', '=', mergeId).execute();
  }

  /** A person assigns these mentions to an entity: confirmed (rejections stay rejected) and of its type. */
  async assignMentions(ids: readonly number[], entityId: number, type: string, by: string): Promise<void> {
    if (ids.length === 0) return;
    await sql`update or ignore mention set entity_id = ${entityId}, type = ${type},
        status = case status when 'rejected' then 'rejected' else 'confirmed' end, decided_by = ${by}, decided_at = ${now}
      where id in (${sql.join(ids)})`.execute(this.writer);
    // A mention whose span already had a mention of the new type keeps its type but still moves.
    await sql`update mention set entity_id = ${entityId}, status = case status when 'rejected' then 'rejected' else 'confirmed' end,
        decided_by = ${by}, decided_at = ${now}
      where id in (${sql.join(ids)}) and entity_id is not ${entityId}`.execute(this.writer);
  }

  /**
   * Deletes an entity and those merged into it (their mentions already moved here). Its mentions lose
   * the entity and become suggestions again; what a person rejected stays rejected.
   */
  async delete(id: number): Promise<number[]> {
    const chain = await sql<{ id: number }>`with recursive chain(id) as (
        select ${id} union select e.id from entity e join chain on e.merged_into = chain.id)
      select id from chain`.execute(this.writer);
    const ids = chain.rows.map((r) => r.id);
    await sql`update mention set entity_id = null,
        decided_by = case status when 'rejected' then decided_by end,
        decided_at = case status when 'rejected' then decided_at end,
        status = case status when 'rejected' then 'rejected' else 'suggested' end
      where entity_id in (${sql.join(ids)})`.execute(this.writer);
    await this.writer.deleteFrom('entity').where('id', 'in', ids).execute();
    return ids;
  }

  async addType(name: string, label: string): Promise<boolean> {
    const result = await this.writer
      .insertInto('entity_type')
      .values({ name, label, builtin: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async typeExists(name: string): Promise<boolean> {
    return (await this.writer.selectFrom('entity_type').select('name').where('name', '=', name).executeTakeFirst()) !== undefined;
  }
}
