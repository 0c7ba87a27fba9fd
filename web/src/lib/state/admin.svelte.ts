import type { AuditEvent } from '../api/types.ts';
import type { AdminOwner } from './admin-action.svelte.ts';
import { AccountsState } from './admin-accounts.svelte.ts';
import { AuditState } from './admin-audit.svelte.ts';
import { CollectionsState } from './admin-collections.svelte.ts';
import { session } from './session.svelte.ts';

/**
 * State of the administration page: accounts, collections and the audit log. Nothing is asked of the
 * server unless an admin is signed in. Create it during component initialisation.
 */
export class AdminState implements AdminOwner {
  enabled = $derived(session.account?.role === 'admin');
  /** Counts the changes made here, so that the audit log shows them as they happen. */
  revision = $state(0);
  accounts: AccountsState;
  collections: CollectionsState;
  audit: AuditState;

  constructor() {
    this.accounts = new AccountsState(this);
    this.collections = new CollectionsState(this);
    this.audit = new AuditState(this);
  }

  changed(): void {
    this.revision += 1;
  }

  /** What an event is about, by name where this page knows it: "account vic" rather than "account 7". */
  subject(event: AuditEvent): string {
    const id = Number(event.subjectId);
    const name =
      event.subjectType === 'account'
        ? this.accounts.nameOf(id)
        : event.subjectType === 'collection'
          ? this.collections.nameOf(id)
          : undefined;
    return `${event.subjectType.replace(/_/g, ' ')} ${name ?? event.subjectId}`;
  }
}
