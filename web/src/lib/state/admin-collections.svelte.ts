import { untrack } from 'svelte';
import { api, ApiError, isAbort } from '../api/client.ts';
import type { AdminCollection, CollectionMember, MemberRole, Visibility } from '../api/types.ts';
import { refused } from './admin-action.svelte.ts';
import { AdminTable } from './admin-table.svelte.ts';

/** The collections table of the administration page: visibility, and counts kept in step with member changes. */
export class CollectionsState extends AdminTable<AdminCollection> {
  get collections(): AdminCollection[] {
    return this.items;
  }

  protected async fetch(signal: AbortSignal): Promise<AdminCollection[]> {
    return (await api.adminCollections(signal)).collections;
  }

  update(name: string, change: Partial<AdminCollection>): void {
    this.items = this.items.map((c) => (c.name === name ? { ...c, ...change } : c));
  }

  async setVisibility(name: string, visibility: Visibility): Promise<void> {
    await api.setVisibility(name, visibility);
    this.update(name, { visibility });
    this.owner.changed();
  }
}

/** The members of one collection, loaded when its row is expanded. */
export class MembersState {
  status: 'loading' | 'ready' | 'error' = $state('loading');
  members: CollectionMember[] = $state.raw([]);
  failure: ApiError | null = $state(null);

  constructor(
    private readonly collections: () => CollectionsState,
    private readonly name: () => string,
  ) {
    $effect(() => {
      const collection = this.name();
      const controller = new AbortController();
      untrack(() => void this.#load(collection, controller.signal));
      return () => controller.abort();
    });
  }

  async #load(collection: string, signal?: AbortSignal): Promise<void> {
    this.failure = null;
    try {
      this.#show(collection, (await api.members(collection, signal)).members);
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      this.failure = refused(error);
      this.status = 'error';
    }
  }

  #show(collection: string, members: CollectionMember[]): void {
    this.members = members;
    this.collections().update(collection, { memberCount: members.length });
  }

  /** Adds a member or changes their role, then reads the list back as the server spells it. */
  async put(account: string, role: MemberRole): Promise<void> {
    const collection = this.name();
    await api.putMember(collection, account, role);
    this.collections().owner.changed();
    this.#show(collection, (await api.members(collection)).members);
  }

  async remove(account: string): Promise<void> {
    const collection = this.name();
    await api.removeMember(collection, account);
    this.collections().owner.changed();
    this.#show(
      collection,
      this.members.filter((m) => m.name !== account),
    );
  }
}
