import { api, ApiError, toApiError } from '../api/client.ts';
import type { Account } from '../api/types.ts';

/**
 * Who is signed in. Loaded once when the app starts; signing in or out changes what the reader may
 * see, so the pages then load the app afresh (see SignInPage and AccountMenu) rather than patch it.
 */
export class Session {
  status: 'loading' | 'ready' | 'error' = $state('loading');
  account: Account | null = $state.raw(null);
  /** True from sending a sign-in or sign-out until its answer, or until the page is replaced. */
  busy = $state(false);
  /** Why the last sign-in failed, in words a person can act on. */
  signInError: ApiError | null = $state(null);
  signOutError: ApiError | null = $state(null);

  #loading: Promise<void> | null = null;

  /** Asks the server once; later calls share the first answer. */
  load(): Promise<void> {
    this.#loading ??= this.refresh();
    return this.#loading;
  }

  /** Asks the server again, for when an answer suggests the session ended under us. */
  async refresh(): Promise<void> {
    try {
      this.account = (await api.session()).account;
      this.status = 'ready';
    } catch {
      // The reader can still read public collections; the header offers to sign in.
      this.account = null;
      this.status = 'error';
    }
  }

  /** True once signed in; the caller then replaces the page. Stays busy on success for that reason. */
  async signIn(name: string, password: string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    // Emptied first, so that the same failure twice is announced twice.
    this.signInError = null;
    try {
      this.account = (await api.signIn(name, password)).account;
      this.status = 'ready';
      return true;
    } catch (error) {
      this.signInError = toApiError(error);
      this.busy = false;
      return false;
    }
  }

  /** True once signed out; the caller then replaces the page. */
  async signOut(): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.signOutError = null;
    try {
      await api.signOut();
      this.account = null;
      return true;
    } catch (error) {
      this.signOutError = toApiError(error);
      this.busy = false;
      return false;
    }
  }
}

export const session = new Session();

/** A failed change in words; a refusal may mean the session ended or lost its role, so the header is told too. */
export function noticeRefusal(error: unknown): ApiError {
  const failure = toApiError(error);
  if (failure.status === 401 || failure.status === 403) void session.refresh();
  return failure;
}
