import type { ReadScope } from '../../../db/access.ts';
import type { AuditRepository } from '../../../db/audit.repository.ts';
import type { EntitiesRepository } from '../../../db/entities.repository.ts';
import type { EntityCurationRepository } from '../../../db/entity-curation.repository.ts';
import type { EntityMentionsRepository } from '../../../db/entity-mentions.repository.ts';
import type { UnitOfWork } from '../../../db/unit-of-work.ts';
import { AppError, notFound } from '../../errors.ts';
import { aliasKey } from '../../pipeline/entities/alias-key.ts';
import { by } from '../accounts/accounts.service.ts';
import { actorOf, scopeOf, type AccountViewer, type Viewer } from '../auth/viewer.ts';
import { cleanName, type EntityChanged } from './entity-curation.service.ts';
import { type TagPermissions } from './entity-access.ts';
import { entityNotFound } from './entities.service.ts';
import { toMention } from './entities.mapping.ts';
import { excerptAround } from './excerpt.ts';
import type {
  MentionResponse,
  Occurrence,
  ReviewBody,
  SpreadBody,
  SpreadPreview,
  SpreadResult,
  TagBody,
  TagResponse,
} from './mentions.schemas.ts';
import { findSpelling } from './spelling-occurrences.ts';

/** Passages a spread looks through at most, and occurrences a preview page shows. */
const SPREAD_PASSAGES = 5000;
const SPREAD_PAGE = 50;

/** An occurrence as the preview shows it, with what tagging it needs. */
interface SpreadTarget extends Occurrence {
  passageId: number;
  text: string;
}

/** The entity a person's tag or confirmation names: the one given, or one found or made for the spelling. */
type EntityChoice = { id: number; type: string } | { create: { type: string; name: string; key: string } };

const audited = (viewer: AccountViewer) => by(actorOf(viewer));

/**
 * Journalists' work on mentions: tagging a selection, confirming and rejecting the machine's
 * suggestions, and spreading one tag to the other occurrences of its spelling. Tagging needs an
 * editor (in a restricted collection, an editor member); a person's decision is never overwritten.
 */
export class MentionsService {
  constructor(
    private readonly entities: EntitiesRepository,
    private readonly mentions: EntityMentionsRepository,
    private readonly permissions: TagPermissions,
    private readonly work: UnitOfWork,
    private readonly changed: EntityChanged = () => undefined,
  ) {}

  async tag(documentId: number, body: TagBody, viewer: Viewer): Promise<TagResponse> {
    const scope = scopeOf(viewer);
    const document = await this.mentions.document(documentId, scope);
    if (!document) throw notFound('document.not_found', `There is no document with id ${documentId}.`);
    const editor = await this.permissions.requireTagger(viewer, document);
    if (!(body.start >= 0 && body.start < body.end && body.end <= document.body.length)) {
      throw new AppError(
        'entity.invalid_span',
        `The selection ${body.start}–${body.end} must be a non-empty range inside the document (0–${document.body.length}).`,
      );
    }
    const text = document.body.slice(body.start, body.end);
    if (aliasKey(text) === '') throw new AppError('entity.invalid_span', 'The selection has no letter or digit to name an entity by.');
    if ((body.entityId === undefined) === (body.entity === undefined)) {
      throw new AppError('mention.entity_required', 'Give either entityId (an existing entity) or entity (a type and name for a new one).');
    }
    const choice = await this.choose(body.entityId, body.entity, scope);
    const passages = await this.mentions.passages(documentId);
    const passage = passages.find((p) => body.start >= p.start && body.start < p.end) ?? passages.at(-1);
    const mentionId = await this.work.run(async ({ entities, mentions, audit }) => {
      const entity = await resolve(entities, choice, editor, audit);
      const id = await mentions.tag({
        documentId,
        passageId: passage?.id ?? 0,
        start: body.start,
        end: body.end,
        text,
        type: entity.type,
        entityId: entity.id,
        by: editor.name,
      });
      const dropped = await mentions.dropSuggestionsOverlapping(documentId, body.start, body.end, id);
      await entities.addAlias(entity.id, text, aliasKey(text), documentId, editor.name);
      await entities.update(entity.id, {});
      const after = { documentId, start: body.start, end: body.end, text, entityId: entity.id, replacedSuggestions: dropped };
      await audit.append({ ...audited(editor), action: 'mention.tag', subjectType: 'mention', subjectId: id, after });
      return id;
    });
    const mention = await this.mention(mentionId, scope);
    const count = mention.entity ? (await this.occurrences(mention.entity.id, text, editor)).length : 0;
    if (mention.entity) this.changed(mention.entity.id);
    return { mention, spread: { text, count } };
  }

  async review(id: number, body: ReviewBody, viewer: Viewer): Promise<MentionResponse> {
    const scope = scopeOf(viewer);
    const before = await this.mentions.mention(id, scope);
    if (!before) throw notFound('mention.not_found', `There is no mention with id ${id}.`);
    const editor = await this.permissions.requireTagger(viewer, before);
    let choice: EntityChoice | null = null;
    if (body.status === 'confirmed') {
      if (body.entityId !== undefined) choice = await this.choose(body.entityId, undefined, scope);
      else if (before.entity_id !== null) choice = { id: before.entity_id, type: before.type };
      else choice = await this.forSpelling(before.type, before.value ?? before.text, before.text, scope);
      const type = 'id' in choice ? choice.type : choice.create.type;
      if (type !== before.type && (await this.mentions.spanTaken(before.document_id, before.start, before.end, type, id))) {
        throw new AppError('mention.span_taken', `This text is already tagged as a ${type} by another mention.`, 409);
      }
    }
    await this.work.run(async ({ entities, mentions, audit }) => {
      const entity = choice ? await resolve(entities, choice, editor, audit) : null;
      await mentions.decide(id, body.status, entity?.id ?? before.entity_id, entity?.type ?? before.type, editor.name);
      if (entity) {
        await entities.addAlias(entity.id, before.text, aliasKey(before.text), before.document_id, editor.name);
        await entities.update(entity.id, {});
      }
      await audit.append({
        ...audited(editor),
        action: body.status === 'confirmed' ? 'mention.confirm' : 'mention.reject',
        subjectType: 'mention',
        subjectId: id,
        before: { status: before.status, entityId: before.entity_id },
        after: { status: body.status, entityId: entity?.id ?? before.entity_id },
      });
    });
    const after = await this.mention(id, scope);
    if (body.status === 'confirmed' && after.entity) this.changed(after.entity.id);
    return { mention: after };
  }

  async spreadPreview(entityId: number, text: string, page: number, viewer: Viewer): Promise<SpreadPreview> {
    const editor = await this.permissions.requireSomeTagging(viewer);
    const all = await this.occurrences(entityId, text, editor);
    const shown = all.slice((page - 1) * SPREAD_PAGE, page * SPREAD_PAGE).map(({ passageId: _p, text: _t, ...o }) => o);
    return { text, total: all.length, occurrences: shown };
  }

  /** Tags the occurrences the preview lists (or the chosen ones among them) as mentions of the entity, in one audited change. */
  async spread(entityId: number, body: SpreadBody, viewer: Viewer): Promise<SpreadResult> {
    const editor = await this.permissions.requireSomeTagging(viewer);
    const all = await this.occurrences(entityId, body.text, editor);
    const chosen = body.occurrences ? new Set(body.occurrences.map((o) => `${o.documentId}:${o.start}`)) : null;
    const targets = chosen ? all.filter((o) => chosen.has(`${o.documentId}:${o.start}`)) : all;
    if (targets.length === 0) return { tagged: 0 };
    const entity = (await this.entities.summary(entityId, scopeOf(editor)))!;
    const ids = await this.work.run(async ({ entities, mentions, audit }) => {
      const ids: number[] = [];
      for (const o of targets) {
        const mention = { documentId: o.documentId, passageId: o.passageId, start: o.start, end: o.end, text: o.text };
        const id = await mentions.tag({ ...mention, type: entity.type, entityId, by: editor.name });
        await mentions.dropSuggestionsOverlapping(o.documentId, o.start, o.end, id);
        ids.push(id);
      }
      await entities.addAlias(entityId, body.text.trim(), aliasKey(body.text), targets[0]!.documentId, editor.name);
      await entities.update(entityId, {});
      const after = { text: body.text, tagged: ids.length, mentionIds: ids };
      await audit.append({ ...audited(editor), action: 'entity.spread', subjectType: 'entity', subjectId: entityId, after });
      return ids;
    });
    this.changed(entityId);
    return { tagged: ids.length };
  }

  /**
   * Where else the spelling occurs as whole words, in documents the account may tag: not where a
   * person already decided (a confirmed or rejected mention overlaps), machine suggestions included.
   */
  private async occurrences(entityId: number, text: string, editor: AccountViewer): Promise<SpreadTarget[]> {
    const scope = scopeOf(editor);
    if (!(await this.entities.summary(entityId, scope))) throw entityNotFound(entityId);
    const key = aliasKey(text);
    if (key === '') throw new AppError('entity.invalid_spelling', `"${text}" has no letter or digit to look for.`);
    const mayTag = await this.permissions.tagger(editor);
    const passages = (await this.mentions.passagesMatching(key.split(' '), scope, SPREAD_PASSAGES)).rows.filter(mayTag);
    const decided = new Map<number, Array<{ start: number; end: number }>>();
    for (const m of await this.mentions.decidedIn(passages.map((p) => p.document_id))) {
      const spans = decided.get(m.document_id) ?? [];
      if (spans.length === 0) decided.set(m.document_id, spans);
      spans.push(m);
    }
    const found: SpreadTarget[] = [];
    for (const p of passages) {
      for (const o of findSpelling(p.text, key)) {
        const start = p.start + o.start;
        const end = p.start + o.end;
        if (decided.get(p.document_id)?.some((m) => m.start < end && m.end > start)) continue;
        found.push({
          documentId: p.document_id,
          documentRef: p.ref,
          documentTitle: p.title,
          passageId: p.id,
          start,
          end,
          text: p.text.slice(o.start, o.end),
          excerpt: excerptAround(p.text, o.start, o.end),
        });
      }
    }
    return found;
  }

  private async choose(entityId: number | undefined, entity: TagBody['entity'], scope: ReadScope): Promise<EntityChoice> {
    if (entityId !== undefined) {
      const row = await this.entities.summary(entityId, scope);
      if (!row) throw entityNotFound(entityId);
      return { id: row.id, type: row.type };
    }
    const { name, key } = cleanName(entity!.name);
    return this.forSpelling(entity!.type, name, name, scope, key);
  }

  /** An entity of that type with that visible spelling (dates and sums: that value), or a new one. */
  private async forSpelling(
    type: string,
    name: string,
    spelling: string,
    scope: ReadScope,
    key = aliasKey(spelling),
  ): Promise<EntityChoice> {
    if (!(await this.entities.type(type))) throw new AppError('entity.unknown_type', `There is no entity type named "${type}".`);
    const found =
      (await this.entities.findByName(type, name.trim(), scope)) ??
      (await this.entities.findBySpelling(type, aliasKey(name), scope)) ??
      (await this.entities.findBySpelling(type, key, scope));
    return found !== undefined ? { id: found, type } : { create: { type, name: name.trim(), key: aliasKey(name) } };
  }

  private async mention(id: number, scope: ReadScope) {
    const row = await this.mentions.mention(id, scope);
    if (!row) throw notFound('mention.not_found', `There is no mention with id ${id}.`);
    return toMention(row);
  }
}

/** Makes the entity a choice asks for, inside the change's transaction. */
async function resolve(
  entities: EntityCurationRepository,
  choice: EntityChoice,
  editor: AccountViewer,
  audit: AuditRepository,
): Promise<{ id: number; type: string }> {
  if ('id' in choice) return choice;
  const { type, name, key } = choice.create;
  const id = await entities.create({ type, name, description: null, labels: [], status: 'confirmed', by: editor.name });
  await entities.addAlias(id, name, key, null, editor.name);
  await audit.append({ ...audited(editor), action: 'entity.create', subjectType: 'entity', subjectId: id, after: { type, name } });
  return { id, type };
}
