import type { EntitiesRepository } from '../../../db/entities.repository.ts';
import type { EntityCurationRepository } from '../../../db/entity-curation.repository.ts';
import type { EntityMentionsRepository } from '../../../db/entity-mentions.repository.ts';
import type { UnitOfWork } from '../../../db/unit-of-work.ts';
import { AppError, notFound } from '../../errors.ts';
import { aliasKey } from '../../pipeline/entities/alias-key.ts';
import { by } from '../accounts/accounts.service.ts';
import { actorOf, requireRole, scopeOf, type AccountViewer, type Viewer } from '../auth/viewer.ts';
import { requireCurator, type TagPermissions } from './entity-access.ts';
import type { EntitiesService } from './entities.service.ts';
import { cleanLabels, toAlias } from './entities.mapping.ts';
import type {
  AliasBody,
  AliasResponse,
  CreateEntityBody,
  EntityDetail,
  EntityTypeResponse,
  MergeBody,
  MergeResponse,
  NewEntityType,
  SplitBody,
  UpdateEntityBody,
} from './entities.schemas.ts';

/** A name as people type it, and its key; a name with no letter or digit names nothing. */
export function cleanName(name: string, what = 'name'): { name: string; key: string } {
  const clean = name.trim().replace(/\s+/g, ' ');
  const key = aliasKey(clean);
  if (key === '') throw new AppError('entity.invalid_name', `The ${what} "${clean}" has no letter or digit.`);
  return { name: clean, key };
}

const audited = (viewer: AccountViewer) => by(actorOf(viewer));

/** Called with an entity a person has just confirmed, created or edited. */
export type EntityChanged = (entityId: number) => void;

/**
 * People's curation of entities: create, rename, retype, spellings, labels, merge and its undo, split
 * and delete. Editors curate; each change is audited in its own transaction.
 */
export class EntityCurationService {
  constructor(
    private readonly entities: EntitiesRepository,
    private readonly mentions: EntityMentionsRepository,
    private readonly reads: EntitiesService,
    private readonly permissions: TagPermissions,
    private readonly work: UnitOfWork,
    private readonly changed: EntityChanged = () => undefined,
  ) {}

  async addType(body: NewEntityType, viewer: Viewer): Promise<EntityTypeResponse> {
    const admin = requireRole(viewer, 'admin');
    const label = body.label.trim();
    if (label === '') throw new AppError('entity_type.invalid_label', 'Give the type a label people can read.');
    await this.work.run(async ({ entities, audit }) => {
      if (!(await entities.addType(body.name, label))) {
        throw new AppError('entity_type.exists', `There is already an entity type named "${body.name}".`, 409);
      }
      await audit.append({
        ...audited(admin),
        action: 'entity_type.create',
        subjectType: 'entity_type',
        subjectId: body.name,
        after: { label },
      });
    });
    return { type: { name: body.name, label, builtin: false } };
  }

  async create(body: CreateEntityBody, viewer: Viewer): Promise<EntityDetail> {
    const editor = requireCurator(viewer);
    const scope = scopeOf(editor);
    await this.requireType(body.type);
    const { name, key } = cleanName(body.name);
    const existing = await this.entities.findBySpelling(body.type, key, scope);
    if (existing !== undefined) {
      throw new AppError('entity.exists', `There is already a ${body.type} named "${name}" (entity ${existing}).`, 409, {
        entityId: existing,
      });
    }
    const spellings = [name, ...(body.aliases ?? [])].map((a) => cleanName(a, 'spelling'));
    const labels = cleanLabels(body.labels ?? []);
    const id = await this.work.run(async ({ entities, audit }) => {
      const id = await entities.create({
        type: body.type,
        name,
        description: body.description ?? null,
        labels,
        status: 'confirmed',
        by: editor.name,
      });
      for (const s of spellings) await entities.addAlias(id, s.name, s.key, null, editor.name);
      const after = { type: body.type, name, aliases: spellings.map((s) => s.name), description: body.description ?? null, labels };
      await audit.append({ ...audited(editor), action: 'entity.create', subjectType: 'entity', subjectId: id, after });
      return id;
    });
    this.changed(id);
    return this.reads.detail(id, scope);
  }

  async update(id: number, body: UpdateEntityBody, viewer: Viewer): Promise<EntityDetail> {
    const editor = requireCurator(viewer);
    const scope = scopeOf(editor);
    const before = await this.reads.detail(id, scope);
    if (body.type !== undefined) await this.requireType(body.type);
    const name = body.name === undefined ? undefined : cleanName(body.name);
    const labels = body.labels === undefined ? undefined : cleanLabels(body.labels);
    const changes = { name: name?.name, type: body.type, description: body.description, labels };
    await this.work.run(async ({ entities, audit }) => {
      await entities.update(id, changes);
      // The old name stays a spelling: the gazetteer keeps finding it.
      if (name) await entities.addAlias(id, name.name, name.key, null, editor.name);
      if (body.type !== undefined && body.type !== before.type) await entities.retypeMentions(id, body.type);
      await audit.append({
        ...audited(editor),
        action: 'entity.update',
        subjectType: 'entity',
        subjectId: id,
        before: { name: before.name, type: before.type, description: before.description, labels: before.labels },
        after: changes,
      });
    });
    this.changed(id);
    return this.reads.detail(id, scope);
  }

  /** Its mentions lose the entity (a person's rejections are kept); those merged into it go with it. */
  async delete(id: number, viewer: Viewer): Promise<void> {
    const editor = requireCurator(viewer);
    const before = await this.reads.detail(id, scopeOf(editor));
    await this.work.run(async ({ entities, audit }) => {
      const deleted = await entities.delete(id);
      await audit.append({
        ...audited(editor),
        action: 'entity.delete',
        subjectType: 'entity',
        subjectId: id,
        before: {
          name: before.name,
          type: before.type,
          aliases: before.aliasList.map((a) => a.name),
          merged: deleted.filter((d) => d !== id),
        },
      });
    });
  }

  async addAlias(id: number, body: AliasBody, viewer: Viewer): Promise<AliasResponse> {
    const editor = requireCurator(viewer);
    await this.reads.detail(id, scopeOf(editor));
    const { name, key } = cleanName(body.name, 'spelling');
    const aliasId = await this.work.run(async ({ entities, audit }) => {
      const aliasId = await entities.addAlias(id, name, key, null, editor.name);
      if (aliasId === undefined)
        throw new AppError(
          'entity.alias_exists',
          `The entity already has the spelling "${name}" (or one that differs only in case or accents).`,
          409,
        );
      await entities.update(id, {});
      await audit.append({
        ...audited(editor),
        action: 'entity.alias_add',
        subjectType: 'entity',
        subjectId: id,
        after: { aliasId, name },
      });
      return aliasId;
    });
    this.changed(id);
    return { alias: toAlias({ id: aliasId, entity_id: id, name, key, created_by: editor.name }) };
  }

  async deleteAlias(id: number, aliasId: number, viewer: Viewer): Promise<void> {
    const editor = requireCurator(viewer);
    const entity = await this.reads.detail(id, scopeOf(editor));
    const alias = entity.aliasList.find((a) => a.id === aliasId);
    if (!alias) throw notFound('entity_alias.not_found', `Entity ${id} has no spelling with id ${aliasId}.`);
    if (aliasKey(alias.name) === aliasKey(entity.name)) {
      throw new AppError(
        'entity.alias_is_name',
        `"${alias.name}" is the entity's name; rename the entity before removing this spelling.`,
        409,
      );
    }
    await this.work.run(async ({ entities, audit }) => {
      await entities.deleteAlias(aliasId);
      await entities.update(id, {});
      await audit.append({
        ...audited(editor),
        action: 'entity.alias_remove',
        subjectType: 'entity',
        subjectId: id,
        before: { aliasId, name: alias.name },
      });
    });
  }

  /** `from`'s mentions and spellings move into `id`; the merge records exactly what moved so that undo moves it back. */
  async merge(id: number, body: MergeBody, viewer: Viewer): Promise<MergeResponse> {
    const editor = requireCurator(viewer);
    const scope = scopeOf(editor);
    if (body.from === id) throw new AppError('entity.merge_self', 'An entity cannot be merged into itself.');
    const [into, from] = [await this.reads.detail(id, scope), await this.reads.detail(body.from, scope)];
    const mergeId = await this.work.run(async ({ entities, audit }) => {
      const keys = new Set((await entities.aliases(id)).map((a) => a.key));
      const held = await entities.holdings(from.id);
      // A spelling the target already has stays behind with the merged entity (it matches the target anyway).
      const aliasIds = held.aliases.filter((a) => !keys.has(a.key)).map((a) => a.id);
      await entities.moveMentions(held.mentionIds, from.id, id);
      await entities.moveAliases(aliasIds, from.id, id);
      await entities.update(id, {});
      const mergeId = await entities.recordMerge(id, from.id, held.mentionIds, aliasIds, editor.name);
      const after = {
        intoId: id,
        into: into.name,
        fromId: from.id,
        from: from.name,
        mentions: held.mentionIds.length,
        aliases: aliasIds.length,
      };
      await audit.append({ ...audited(editor), action: 'entity.merge', subjectType: 'entity_merge', subjectId: mergeId, after });
      return mergeId;
    });
    const page = await this.reads.page(id, editor);
    this.changed(id);
    return { merge: page.merges.find((m) => m.id === mergeId)!, entity: page.entity };
  }

  /** Moves back what the merge moved (mentions split off since stay where they are); returns the entity that comes back. */
  async undoMerge(mergeId: number, viewer: Viewer): Promise<EntityDetail> {
    const editor = requireCurator(viewer);
    const scope = scopeOf(editor);
    const missing = notFound('entity_merge.not_found', `There is no merge with id ${mergeId}.`);
    const merge = await this.entities.merge(mergeId);
    if (!merge || !(await this.entities.visibleIds([merge.into_id], scope)).has(merge.into_id)) throw missing;
    if (merge.undone_at !== null)
      throw new AppError('entity_merge.undone', `The merge ${mergeId} was already undone by ${merge.undone_by}.`, 409);
    await this.work.run(async ({ entities, audit }) => {
      const mentionIds = JSON.parse(merge.mention_ids) as number[];
      const aliasIds = JSON.parse(merge.alias_ids) as number[];
      await entities.moveMentions(mentionIds, merge.into_id, merge.from_id);
      await entities.moveAliases(aliasIds, merge.into_id, merge.from_id);
      await entities.markUndone(mergeId, merge.from_id, editor.name);
      const after = { intoId: merge.into_id, fromId: merge.from_id };
      await audit.append({ ...audited(editor), action: 'entity_merge.undo', subjectType: 'entity_merge', subjectId: mergeId, after });
    });
    const back = await this.entities.visibleIds([merge.from_id], scope);
    return this.reads.detail(back.has(merge.from_id) ? merge.from_id : merge.into_id, scope);
  }

  /** The given mentions become a new confirmed entity, with the spellings only they used. */
  async split(id: number, body: SplitBody, viewer: Viewer): Promise<EntityDetail> {
    const editor = requireCurator(viewer);
    const scope = scopeOf(editor);
    const source = await this.reads.detail(id, scope);
    const type = body.type ?? source.type;
    await this.requireType(type);
    const { name, key } = cleanName(body.name);
    const ids = [...new Set(body.mentionIds)];
    const found = new Map((await this.mentions.mentions(ids, scope)).filter((m) => m.entity_id === id).map((m) => [m.id, m]));
    const lost = ids.find((m) => !found.has(m));
    if (lost !== undefined) throw notFound('mention.not_found', `Entity ${id} has no mention with id ${lost}.`);
    for (const m of found.values()) await this.permissions.requireTagger(editor, m);
    const newId = await this.work.run(async ({ entities, audit }) => {
      const newId = await entities.create({ type, name, description: null, labels: [], status: 'confirmed', by: editor.name });
      await entities.addAlias(newId, name, key, null, editor.name);
      await moveSpellings(entities, source, newId, [...found.values()], editor.name);
      await entities.assignMentions(ids, newId, type, editor.name);
      await entities.update(id, {});
      const after = { fromId: id, from: source.name, name, type, mentionIds: ids };
      await audit.append({ ...audited(editor), action: 'entity.split', subjectType: 'entity', subjectId: newId, after });
      return newId;
    });
    this.changed(newId);
    return this.reads.detail(newId, scope);
  }

  private async requireType(type: string): Promise<void> {
    if (!(await this.entities.type(type))) throw new AppError('entity.unknown_type', `There is no entity type named "${type}".`);
  }
}

/** A spelling only the moved mentions used moves with them; one the rest still use (or the old name) is copied. */
async function moveSpellings(
  entities: EntityCurationRepository,
  source: { id: number; name: string },
  toId: number,
  moved: Array<{ id: number; text: string; document_id: number }>,
  by: string,
): Promise<void> {
  const movedIds = new Set(moved.map((m) => m.id));
  const stay = new Set((await entities.mentionTexts(source.id)).filter((m) => !movedIds.has(m.id)).map((m) => aliasKey(m.text)));
  stay.add(aliasKey(source.name));
  const aliases = new Map((await entities.aliases(source.id)).map((a) => [a.key, a]));
  const done = new Set<string>();
  for (const m of moved) {
    const key = aliasKey(m.text);
    if (key === '' || done.has(key)) continue;
    done.add(key);
    const alias = aliases.get(key);
    if (alias && !stay.has(key)) {
      await entities.deleteAlias(alias.id);
      await entities.addAlias(toId, alias.name, key, alias.source_document_id, alias.created_by ?? by);
    } else {
      await entities.addAlias(toId, m.text, key, m.document_id, by);
    }
  }
}
