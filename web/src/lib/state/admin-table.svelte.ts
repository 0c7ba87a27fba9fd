import { untrack } from 'svelte';
import { ApiError, isAbort } from '../api/client.ts';
import { Announcer, refused, type AdminOwner } from './admin-action.svelte.ts';

/** A table of the administration page (accounts, collections): loaded once an admin is signed in, reloaded never. */
export abstract class AdminTable<T extends { id: number; name: string }> {
  status: 'loading' | 'ready' | 'error' = $state('loading');
  items: T[] = $state.raw([]);
  failure: ApiError | null = $state(null);
  announcer = new Announcer();

  constructor(readonly owner: AdminOwner) {
    $effect(() => {
      if (!owner.enabled) return;
      const controller = new AbortController();
      untrack(() => void this.#load(controller.signal));
      return () => controller.abort();
    });
  }

  protected abstract fetch(signal: AbortSignal): Promise<T[]>;

  /** The name of the row with this id, if it is listed. */
  nameOf(id: number): string | undefined {
    return this.items.find((item) => item.id === id)?.name;
  }

  async #load(signal: AbortSignal): Promise<void> {
    this.status = 'loading';
    this.failure = null;
    try {
      this.items = await this.fetch(signal);
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      this.failure = refused(error);
      this.status = 'error';
    }
  }
}
