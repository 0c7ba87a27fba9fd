import { untrack } from 'svelte';
import { api, ApiError, isAbort } from '../api/client.ts';
import type { AccountChange, AdminAccount, NewAccount } from '../api/types.ts';
import { Announcer, refused, type AdminOwner } from './admin-action.svelte.ts';

/** The accounts table of the administration page, kept in step with every change made from it. */
export class AccountsState {
  status: 'loading' | 'ready' | 'error' = $state('loading');
  accounts: AdminAccount[] = $state.raw([]);
  failure: ApiError | null = $state(null);
  announcer = new Announcer();

  /** The name of the account with this id, if it is listed. */
  nameOf(id: number): string | undefined {
    return this.accounts.find((item) => item.id === id)?.name;
  }

  constructor(private readonly owner: AdminOwner) {
    $effect(() => {
      if (!owner.enabled) return;
      const controller = new AbortController();
      untrack(() => void this.#load(controller.signal));
      return () => controller.abort();
    });
  }

  async #load(signal: AbortSignal): Promise<void> {
    this.status = 'loading';
    this.failure = null;
    try {
      this.accounts = (await api.adminAccounts(signal)).accounts;
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      this.failure = refused(error);
      this.status = 'error';
    }
  }

  #put(account: AdminAccount): void {
    const known = this.accounts.some((a) => a.id === account.id);
    this.accounts = known ? this.accounts.map((a) => (a.id === account.id ? account : a)) : [...this.accounts, account];
    this.owner.changed();
  }

  async create(account: NewAccount): Promise<AdminAccount> {
    const created = await api.createAccount(account);
    this.#put(created);
    return created;
  }

  async change(name: string, change: AccountChange): Promise<void> {
    this.#put(await api.changeAccount(name, change));
  }

  async setPassword(name: string, password: string): Promise<void> {
    await api.setPassword(name, password);
    this.owner.changed();
  }
}
