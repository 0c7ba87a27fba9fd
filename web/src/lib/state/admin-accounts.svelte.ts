import { api } from '../api/client.ts';
import type { AccountChange, AdminAccount, NewAccount } from '../api/types.ts';
import { AdminTable } from './admin-table.svelte.ts';

/** The accounts table of the administration page, kept in step with every change made from it. */
export class AccountsState extends AdminTable<AdminAccount> {
  get accounts(): AdminAccount[] {
    return this.items;
  }

  protected async fetch(signal: AbortSignal): Promise<AdminAccount[]> {
    return (await api.adminAccounts(signal)).accounts;
  }

  #put(account: AdminAccount): void {
    const known = this.items.some((a) => a.id === account.id);
    this.items = known ? this.items.map((a) => (a.id === account.id ? account : a)) : [...this.items, account];
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
