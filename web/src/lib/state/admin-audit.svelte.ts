import { untrack } from 'svelte';
import { api, ApiError, isAbort } from '../api/client.ts';
import type { AuditEvent } from '../api/types.ts';
import { auditFilters } from '../audit-url.ts';
import { uniqueBy } from '../unique.ts';
import { refused, type AdminOwner } from './admin-action.svelte.ts';
import { router } from './router.svelte.ts';

const PAGE_SIZE = 50;

/** The audit log, newest first: the first page follows the URL's filters and every change made on the page. */
export class AuditState {
  filters = $derived(auditFilters(router.search));
  status: 'loading' | 'ready' | 'error' = $state('loading');
  events: AuditEvent[] = $state.raw([]);
  nextBefore: number | null = $state(null);
  failure: ApiError | null = $state(null);
  /** True while the first page is asked for again, with the rows already shown kept in place. */
  refreshing = $state(false);
  loadingOlder = $state(false);
  olderFailure: ApiError | null = $state(null);

  #key = $derived(`${this.filters.actor}\n${this.filters.action}`);

  constructor(owner: AdminOwner) {
    $effect(() => {
      if (!owner.enabled) return;
      void this.#key;
      void owner.revision;
      const controller = new AbortController();
      untrack(() => void this.#loadFirst(controller.signal));
      return () => controller.abort();
    });
  }

  async #loadFirst(signal: AbortSignal): Promise<void> {
    // Rows already shown stay while a change reloads the log, rather than flashing away.
    if (this.status !== 'ready') this.status = 'loading';
    this.refreshing = true;
    this.failure = null;
    this.olderFailure = null;
    try {
      const answer = await api.audit({ ...this.filters, limit: PAGE_SIZE }, signal);
      this.events = answer.events;
      this.nextBefore = answer.nextBefore;
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      this.failure = refused(error);
      this.status = 'error';
    } finally {
      if (!signal.aborted) this.refreshing = false;
    }
  }

  /** Appends the next page of older events. */
  async loadOlder(): Promise<void> {
    const before = this.nextBefore;
    if (before === null || this.loadingOlder) return;
    this.loadingOlder = true;
    this.olderFailure = null;
    try {
      const answer = await api.audit({ ...this.filters, before, limit: PAGE_SIZE });
      this.events = uniqueBy([...this.events, ...answer.events], (e) => e.id);
      this.nextBefore = answer.nextBefore;
    } catch (error) {
      this.olderFailure = refused(error);
    } finally {
      this.loadingOlder = false;
    }
  }
}
