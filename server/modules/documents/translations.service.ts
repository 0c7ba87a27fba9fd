import type { ReadScope } from '../../../db/access.ts';
import type { CollectionsRepository } from '../../../db/collections.repository.ts';
import type { Visibility } from '../../../db/schema.ts';
import type {
  AlignmentPair,
  CounterpartRow,
  LinkBetweenRow,
  TranslationLink,
  TranslationsRepository,
} from '../../../db/translations.repository.ts';
import type { UnitOfWork } from '../../../db/unit-of-work.ts';
import { AppError, notFound } from '../../errors.ts';
import { alignPassages } from '../../pipeline/translation/align-passages.ts';
import { originalOfSiblings } from '../../pipeline/translation/translation-claims.ts';
import { by } from '../accounts/accounts.service.ts';
import { actorOf, requireRole, scopeOf, type Viewer } from '../auth/viewer.ts';
import type { Alignment, AlignmentBody } from './translations.schemas.ts';

/** The paragraph of an original that a translated passage renders; body.slice(start, end) === text. */
export interface OriginalPassage {
  document: { id: number; ref: string; title: string | null; language: string | null };
  passageIds: number[];
  start: number;
  end: number;
  text: string;
}

interface Candidate {
  translationId: number;
  originalId: number;
  declaredBy: TranslationLink['declaredBy'];
}

// A stated link outranks one guessed from refs: a guess never replaces it.
const STRENGTH = { record: 2, field: 2, ref_suffix: 1 } as const;

/**
 * Originals and their translations: joined after each import from what documents say about each
 * other (in either order of arrival), their passages paired automatically, and the pairing
 * corrected by editors (audited).
 */
export class TranslationsService {
  constructor(
    private readonly translations: TranslationsRepository,
    private readonly collections: CollectionsRepository,
    private readonly work: UnitOfWork,
  ) {}

  /** Joins the imported documents to their counterparts and (re)aligns every link they take part in. */
  async afterImport(documentIds: readonly number[]): Promise<number> {
    if (documentIds.length === 0) return 0;
    const rows = await this.translations.counterparts(documentIds);
    const existing = new Map((await this.translations.linksOf(documentIds)).map((link) => [link.translationId, link]));
    const candidates = await this.candidates(rows);
    const imported = new Set(documentIds);
    let linked = 0;
    for (const candidate of candidates.values()) {
      const current = existing.get(candidate.translationId);
      if (current && STRENGTH[current.declaredBy] > STRENGTH[candidate.declaredBy] && current.originalId !== candidate.originalId) continue;
      if (existing.get(candidate.originalId)?.originalId === candidate.translationId) continue;
      const same = current?.originalId === candidate.originalId;
      if (same && !imported.has(candidate.translationId) && !imported.has(candidate.originalId)) continue;
      await this.save(candidate, same ? current : undefined);
      existing.delete(candidate.translationId);
      linked++;
    }
    // Re-imported documents whose link was not restated still get their pairing refreshed.
    for (const link of existing.values()) {
      if (imported.has(link.translationId) || imported.has(link.originalId)) await this.save(link, link);
    }
    return linked;
  }

  private async candidates(rows: CounterpartRow[]): Promise<Map<number, Candidate>> {
    const siblings = rows.filter((row) => row.role === 'sibling');
    const sides = await this.translations.describe([...new Set(siblings.flatMap((row) => [row.claimantId, row.counterpartId]))]);
    const best = new Map<number, Candidate>();
    for (const row of rows) {
      let candidate: Candidate;
      if (row.role === 'original') candidate = { translationId: row.claimantId, originalId: row.counterpartId, declaredBy: row.declaredBy };
      else if (row.role === 'translation')
        candidate = { translationId: row.counterpartId, originalId: row.claimantId, declaredBy: row.declaredBy };
      else {
        const { original, translation } = originalOfSiblings(sides.get(row.claimantId)!, sides.get(row.counterpartId)!);
        candidate = { translationId: translation.id, originalId: original.id, declaredBy: 'ref_suffix' };
      }
      const held = best.get(candidate.translationId);
      if (!held || STRENGTH[candidate.declaredBy] > STRENGTH[held.declaredBy]) best.set(candidate.translationId, candidate);
    }
    return withoutReversed(best);
  }

  /** An editor's pairing survives re-import, minus passages that no longer exist; an automatic one is recomputed. */
  private async save(candidate: Candidate, current: TranslationLink | undefined): Promise<void> {
    const [original, translation] = await Promise.all([
      this.translations.passagesOf(candidate.originalId),
      this.translations.passagesOf(candidate.translationId),
    ]);
    if (current?.alignedBy === 'editor') {
      const live = new Set([...original, ...translation].map((p) => p.id));
      const kept = current.alignment
        .map((pair) => ({
          original: pair.original.filter((id) => live.has(id)),
          translation: pair.translation.filter((id) => live.has(id)),
        }))
        .filter((pair) => pair.original.length + pair.translation.length > 0);
      await this.translations.saveLink({ ...candidate, alignment: kept, alignedBy: 'editor', decidedBy: undefined });
      return;
    }
    await this.translations.saveLink({ ...candidate, alignment: alignPassages(original, translation) });
  }

  /**
   * For passages of translations, the original paragraphs they translate (through the pairing),
   * keyed by the translation's passage id. Originals the scope may not read are left out.
   */
  async originalPassages(
    passages: ReadonlyArray<{ documentId: number; passageId: number }>,
    scope: ReadScope,
  ): Promise<Map<number, OriginalPassage>> {
    const found = new Map<number, OriginalPassage>();
    const originals = await this.translations.originalsOf([...new Set(passages.map((p) => p.documentId))], scope);
    for (const original of originals) {
      const spans = new Map((await this.translations.passageSpans(original.id)).map((p) => [p.id, p]));
      const pairs = JSON.parse(original.alignment) as AlignmentPair[];
      for (const { documentId, passageId } of passages) {
        if (documentId !== original.translation_id || found.has(passageId)) continue;
        const pair = pairs.find((p) => p.translation.includes(passageId));
        const covered = (pair?.original ?? []).map((id) => spans.get(id)).filter((p) => p !== undefined);
        if (covered.length === 0) continue;
        const start = Math.min(...covered.map((p) => p.start));
        const end = Math.max(...covered.map((p) => p.end));
        found.set(passageId, {
          document: { id: original.id, ref: original.ref, title: original.title, language: original.language },
          passageIds: covered.map((p) => p.id),
          start,
          end,
          text: original.body.slice(start, end),
        });
      }
    }
    return found;
  }

  async alignment(documentId: number, withId: number, viewer: Viewer): Promise<Alignment> {
    const link = await this.requireLink(documentId, withId, scopeOf(viewer));
    return toAlignment(link, await this.mayAlign(viewer, link));
  }

  async correct(documentId: number, withId: number, body: AlignmentBody, viewer: Viewer): Promise<Alignment> {
    const scope = scopeOf(viewer);
    const link = await this.requireLink(documentId, withId, scope);
    const editor = requireRole(viewer, 'viewer');
    if (!(await this.mayAlign(editor, link)))
      throw new AppError('auth.forbidden', 'Correcting a translation’s alignment needs an editor of both documents.', 403);
    const pairs = await this.validPairs(link, body.pairs);
    await this.work.run(async ({ translations, audit }) => {
      await translations.saveLink({
        translationId: link.translation_id,
        originalId: link.original_id,
        declaredBy: link.declared_by,
        alignment: pairs,
        alignedBy: 'editor',
        decidedBy: editor.name,
      });
      await audit.append({
        ...by(actorOf(editor)),
        action: 'translation.align',
        subjectType: 'document',
        subjectId: link.translation_id,
        before: { alignedBy: link.aligned_by, pairs: JSON.parse(link.alignment) as AlignmentPair[] },
        after: { alignedBy: 'editor', pairs },
      });
    });
    return this.alignment(documentId, withId, viewer);
  }

  private async requireLink(documentId: number, withId: number, scope: ReadScope): Promise<LinkBetweenRow> {
    const link = await this.translations.linkBetween(documentId, withId, scope);
    if (!link)
      throw notFound('translation.not_found', `Document ${documentId} and document ${withId} are not an original and its translation.`);
    return link;
  }

  /** Each passage belongs to its side's document and appears at most once; every pair has a passage on some side. */
  private async validPairs(link: LinkBetweenRow, pairs: AlignmentPair[]): Promise<AlignmentPair[]> {
    const [original, translation] = await Promise.all([
      this.translations.passagesOf(link.original_id),
      this.translations.passagesOf(link.translation_id),
    ]);
    const sides = { original: new Set(original.map((p) => p.id)), translation: new Set(translation.map((p) => p.id)) };
    const used = new Set<number>();
    pairs.forEach((pair, index) => {
      if (pair.original.length + pair.translation.length === 0) throw invalid(`Pair ${index + 1} has no passages.`);
      for (const side of ['original', 'translation'] as const) {
        for (const id of pair[side]) {
          if (!sides[side].has(id)) throw invalid(`Passage ${id} in pair ${index + 1} is not a passage of the ${side}.`);
          if (used.has(id)) throw invalid(`Passage ${id} appears in more than one pair.`);
          used.add(id);
        }
      }
    });
    return pairs.map((pair) => ({
      original: [...pair.original].sort((a, b) => a - b),
      translation: [...pair.translation].sort((a, b) => a - b),
    }));
  }

  /** As quotations are reviewed: editors, and in a restricted collection only the members it names as editors (on both sides). */
  private async mayAlign(viewer: Viewer, link: LinkBetweenRow): Promise<boolean> {
    if (viewer.kind !== 'account') return false;
    const sides: Array<{ collection: number; visibility: Visibility }> = [
      { collection: link.original_collection_id, visibility: link.original_visibility },
      { collection: link.translation_collection_id, visibility: link.translation_visibility },
    ];
    for (const side of sides) {
      const allowed =
        side.visibility === 'restricted'
          ? (await this.collections.membership(side.collection, viewer.id)) === 'editor'
          : viewer.role === 'editor' || viewer.role === 'admin';
      if (!allowed) return false;
    }
    return true;
  }
}

function invalid(message: string): AppError {
  return new AppError('translation.invalid_alignment', message, 400);
}

function toAlignment(link: LinkBetweenRow, editable: boolean): Alignment {
  return {
    original: { id: link.original_id, ref: link.original_ref, language: link.original_language },
    translation: { id: link.translation_id, ref: link.translation_ref, language: link.translation_language },
    declaredBy: link.declared_by,
    alignedBy: link.aligned_by,
    decidedBy: link.decided_by,
    alignedAt: link.aligned_at,
    editable,
    pairs: JSON.parse(link.alignment) as AlignmentPair[],
  };
}

/**
 * A pair can be declared both ways: a record's own translation also looks like a ref-suffix sibling,
 * whose guess may put the other side first. The stronger declaration decides (on a tie, the lower
 * translation id), so no two documents are each other's translation.
 */
function withoutReversed(candidates: Map<number, Candidate>): Map<number, Candidate> {
  for (const candidate of [...candidates.values()]) {
    const reverse = candidates.get(candidate.originalId);
    if (reverse?.originalId !== candidate.translationId) continue;
    const reverseWins =
      STRENGTH[reverse.declaredBy] > STRENGTH[candidate.declaredBy] ||
      (STRENGTH[reverse.declaredBy] === STRENGTH[candidate.declaredBy] && reverse.translationId < candidate.translationId);
    if (reverseWins) candidates.delete(candidate.translationId);
  }
  return candidates;
}
