import { untrack } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import { isAbort, toApiError, type ApiError } from '../api/client.ts';
import { entitiesApi } from '../api/entities.ts';
import type { EntityMentionsResponse, EntityPageResponse, EntityType } from '../api/types.ts';
import { entityHref, fillMonths, parsePageQuery, type EntityPageQuery } from '../entity-url.ts';
import { uniqueBy } from '../unique.ts';
import { Announcer } from './admin-action.svelte.ts';
import { router } from './router.svelte.ts';

export const MENTIONS_PAGE_SIZE = 20;

type Status = 'loading' | 'ready' | 'error';

/**
 * One entity page: the entity with its timeline, co-mentions and merges, and a page of its mentions in the
 * order the URL asks for. Changes made on the page (see EntityEditor) call `changed()`, which asks for
 * both again with what is shown kept in place. Create it during component initialisation.
 */
export class EntityPageState {
  readonly id: number;
  query: EntityPageQuery = $derived(parsePageQuery(router.search));

  status: Status = $state('loading');
  data: EntityPageResponse | null = $state.raw(null);
  failure: ApiError | null = $state(null);

  mentionStatus: Status = $state('loading');
  mentions: EntityMentionsResponse | null = $state.raw(null);
  mentionFailure: ApiError | null = $state(null);

  types: EntityType[] = $state.raw([]);
  /** Mentions ticked for splitting off. */
  selected = new SvelteSet<number>();
  /** The polite message of the page: what the last change did. */
  announcer = new Announcer();
  /** Bumped by every change, so that both loads run again. */
  revision = $state(0);

  entity = $derived(this.data?.entity ?? null);
  canEdit = $derived(this.data?.canEdit ?? false);
  timeline = $derived(fillMonths(this.data?.timeline ?? []));
  coMentioned = $derived(uniqueBy(this.data?.coMentioned ?? [], (c) => c.id));
  /** The co-mention counts were estimated from a sample of the entity's passages. */
  coMentionedApproximate = $derived(this.data?.coMentionedApproximate ?? false);
  merges = $derived(uniqueBy(this.data?.merges ?? [], (m) => m.id));
  mentionList = $derived(uniqueBy(this.mentions?.mentions ?? [], (m) => m.id));
  mentionPages = $derived(this.mentions ? Math.max(1, Math.ceil(this.mentions.total / this.mentions.pageSize)) : 1);

  #mentionKey = $derived(`${this.query.sort}\n${this.query.page}\n${this.revision}`);

  constructor(id: number) {
    this.id = id;
    $effect(() => {
      void this.revision;
      const controller = new AbortController();
      untrack(() => void this.#loadPage(controller.signal));
      return () => controller.abort();
    });
    $effect(() => {
      void this.#mentionKey;
      const controller = new AbortController();
      untrack(() => void this.#loadMentions(controller.signal));
      return () => controller.abort();
    });
    $effect(() => {
      const controller = new AbortController();
      entitiesApi.types(controller.signal).then(
        (answer) => (this.types = answer.types),
        () => undefined,
      );
      return () => controller.abort();
    });
  }

  async #loadPage(signal: AbortSignal): Promise<void> {
    if (!this.data) this.status = 'loading';
    this.failure = null;
    try {
      this.data = await entitiesApi.page(this.id, signal);
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      this.failure = toApiError(error);
      this.data = null;
      this.status = 'error';
    }
  }

  async #loadMentions(signal: AbortSignal): Promise<void> {
    if (!this.mentions) this.mentionStatus = 'loading';
    this.mentionFailure = null;
    try {
      const { sort, page } = this.query;
      this.mentions = await entitiesApi.mentions(this.id, { sort, page, pageSize: MENTIONS_PAGE_SIZE }, signal);
      this.mentionStatus = 'ready';
      // Ticks for mentions no longer listed (split off, merged back out) would split what is not shown.
      const shown = this.mentions.mentions.map((m) => m.id);
      for (const id of [...this.selected]) if (!shown.includes(id)) this.selected.delete(id);
    } catch (error) {
      if (isAbort(error)) return;
      this.mentionFailure = toApiError(error);
      this.mentionStatus = 'error';
    }
  }

  /** True when the entity is gone (deleted, merged away) or was never visible: the page says so in words. */
  get missing(): boolean {
    return this.failure?.status === 404;
  }

  changed(): void {
    this.revision += 1;
  }

  retry(): void {
    this.changed();
  }

  toggle(mentionId: number, on: boolean): void {
    if (on) this.selected.add(mentionId);
    else this.selected.delete(mentionId);
  }

  mentionsHref = (page: number): string => entityHref(this.id, { ...this.query, page });
  sortHref = (sort: EntityPageQuery['sort']): string => entityHref(this.id, { sort, page: 1 });
}
