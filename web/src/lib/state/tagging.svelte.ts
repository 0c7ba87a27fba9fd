import { isAbort, toApiError, type ApiError } from '../api/client.ts';
import { entitiesApi } from '../api/entities.ts';
import { mentionsApi, type MentionTarget, type SpreadResponse } from '../api/mentions.ts';
import type { EntitySummary, Passage } from '../api/types.ts';
import { snapToWords } from '../mention-segments.ts';
import { selectedSpan } from '../selection.ts';
import { noticeRefusal } from './session.svelte.ts';

export interface ChosenSpan {
  start: number;
  end: number;
  text: string;
}

type Stage = 'closed' | 'pick' | 'spread';

const CROSSES = 'A mention must lie inside one paragraph: select text within a single paragraph to tag it.';

/** The selected span of one passage, snapped to whole words; or why the selection cannot be tagged. */
export function spanFromSelection(
  selection: Selection | null,
  root: Element | undefined,
  passages: readonly Passage[],
): { span: ChosenSpan | null; problem: string | null } {
  if (!root || !selection || selection.isCollapsed || selection.rangeCount === 0) return { span: null, problem: null };
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) && !root.contains(range.endContainer)) return { span: null, problem: null };
  const raw = selectedSpan(selection, root);
  if (!raw) return { span: null, problem: CROSSES };
  const passage = passages.find((p) => p.start <= raw.start && raw.end <= p.start + p.text.length);
  if (!passage) return { span: null, problem: CROSSES };
  const snapped = snapToWords(passage.text, raw.start - passage.start, raw.end - passage.start);
  if (!snapped) return { span: null, problem: 'Select a word or a name to tag it: the selection holds only spaces or punctuation.' };
  return {
    span: { start: passage.start + snapped.start, end: passage.start + snapped.end, text: passage.text.slice(snapped.start, snapped.end) },
    problem: null,
  };
}

/**
 * The "Tag as entity" dialog: pick an existing entity by type-ahead or create one, then offer to tag
 * the other occurrences of the same spelling. Calls `onchange` after anything was tagged, and waits for it
 * (the reader reloads its mentions) before going on.
 */
export class TaggingState {
  stage: Stage = $state('closed');
  span: ChosenSpan | null = $state(null);
  query = $state('');
  results: EntitySummary[] = $state.raw([]);
  searching = $state(false);
  newType = $state('person');
  newName = $state('');
  busy = $state(false);
  error: ApiError | null = $state(null);

  /** The entity just tagged, and the spread on offer for its spelling. */
  tagged: { id: number; name: string; type: string } | null = $state(null);
  spread: SpreadResponse | null = $state.raw(null);
  spreadLoading = $state(false);
  /** Occurrences left out of the spread, as "documentId:start". */
  excluded: string[] = $state([]);

  #documentId: () => number | undefined;
  #onchange: (message: string) => Promise<void>;
  #searchController: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(documentId: () => number | undefined, onchange: (message: string) => Promise<void>) {
    this.#documentId = documentId;
    this.#onchange = onchange;
  }

  open(span: ChosenSpan): void {
    this.span = span;
    this.stage = 'pick';
    this.query = span.text;
    this.newName = span.text;
    this.error = null;
    this.tagged = null;
    this.spread = null;
    this.excluded = [];
    this.search(span.text);
  }

  close(): void {
    this.stage = 'closed';
    this.#searchController?.abort();
    clearTimeout(this.#timer);
  }

  /** The type-ahead, a moment after typing stops; any script, matched by the server. */
  search(q: string): void {
    this.query = q;
    clearTimeout(this.#timer);
    this.#searchController?.abort();
    if (!q.trim()) {
      this.results = [];
      this.searching = false;
      return;
    }
    this.searching = true;
    this.#timer = setTimeout(() => void this.#runSearch(q.trim()), 150);
  }

  async #runSearch(q: string): Promise<void> {
    const controller = new AbortController();
    this.#searchController = controller;
    try {
      // The type-ahead: q matches the start of any word of a name or alias, in any script.
      this.results = (await entitiesApi.list({ q: q.slice(0, 200), sort: '-mentions', pageSize: 8 }, controller.signal)).entities;
      this.searching = false;
    } catch (error) {
      if (isAbort(error)) return;
      this.results = [];
      this.searching = false;
      this.error = toApiError(error);
    }
  }

  tagAs(entity: EntitySummary): Promise<void> {
    return this.#tag({ entityId: entity.id }, { id: entity.id, name: entity.name, type: entity.type });
  }

  createAndTag(): Promise<void> {
    const name = this.newName.trim();
    if (!name) {
      this.error = toApiError(new Error('Give the new entity a name.'));
      return Promise.resolve();
    }
    return this.#tag({ entity: { type: this.newType, name } }, null);
  }

  async #tag(target: MentionTarget, known: { id: number; name: string; type: string } | null): Promise<void> {
    const id = this.#documentId();
    const span = this.span;
    if (id === undefined || !span || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const created = await mentionsApi.tag(id, span.start, span.end, target);
      const entity = created.mention.entity ?? known;
      this.tagged = entity;
      await this.#onchange(`Tagged “${span.text}” as ${entity ? `${entity.type}: ${entity.name}` : 'an entity'}.`);
      if (entity && created.spread.count > 0) {
        this.stage = 'spread';
        await this.#loadSpread(entity.id, created.spread.text);
      } else {
        this.close();
      }
    } catch (error) {
      this.error = noticeRefusal(error);
    } finally {
      this.busy = false;
    }
  }

  async #loadSpread(entityId: number, text: string): Promise<void> {
    this.spreadLoading = true;
    try {
      this.spread = await mentionsApi.spreadPreview(entityId, text);
    } catch (error) {
      this.error = toApiError(error);
    } finally {
      this.spreadLoading = false;
    }
  }

  isIncluded(documentId: number, start: number): boolean {
    return !this.excluded.includes(`${documentId}:${start}`);
  }

  setIncluded(documentId: number, start: number, included: boolean): void {
    const key = `${documentId}:${start}`;
    this.excluded = included ? this.excluded.filter((k) => k !== key) : [...this.excluded, key];
  }

  /** How many occurrences the confirm button would tag. */
  get spreadCount(): number {
    if (!this.spread) return 0;
    return this.excluded.length === 0
      ? this.spread.total
      : this.spread.occurrences.filter((o) => this.isIncluded(o.documentId, o.start)).length;
  }

  async applySpread(): Promise<void> {
    const entity = this.tagged;
    const spread = this.spread;
    if (!entity || !spread || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      // All of them (the preview may list only a first page) unless some were unticked.
      const chosen =
        this.excluded.length === 0
          ? undefined
          : spread.occurrences
              .filter((o) => this.isIncluded(o.documentId, o.start))
              .map((o) => ({ documentId: o.documentId, start: o.start }));
      const { tagged } = await mentionsApi.spread(entity.id, spread.text, chosen);
      await this.#onchange(`Tagged ${tagged} more ${tagged === 1 ? 'occurrence' : 'occurrences'} of “${spread.text}” as ${entity.name}.`);
      this.close();
    } catch (error) {
      this.error = noticeRefusal(error);
    } finally {
      this.busy = false;
    }
  }
}
