import { ApiError } from '../api/client.ts';
import { noticeRefusal } from './session.svelte.ts';

/** A refusal may mean the session ended or the account lost its admin role, so the header and the page are told too. */
export const refused = noticeRefusal;

/** What the panels of the administration page share: whether to ask the server at all, and a count of changes made. */
export interface AdminOwner {
  readonly enabled: boolean;
  readonly revision: number;
  changed(): void;
}

/** The polite message of one panel: what the last change did. */
export class Announcer {
  message = $state('');

  say(text: string): void {
    this.message = text;
  }
}

/** One control's change in flight: busy while it runs, and the API's refusal in words to show beside it. */
export class Action {
  busy = $state(false);
  error: ApiError | null = $state(null);

  /** `announcer` is read when a change is made, so that components may pass their props through it. */
  constructor(private readonly announcer: () => Announcer) {}

  /** True when the work succeeded; `done` is then announced. */
  async run(work: () => Promise<unknown>, done: () => string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    // Emptied first, so that the same message twice is announced twice.
    this.announcer().say('');
    try {
      await work();
      this.announcer().say(done());
      return true;
    } catch (error) {
      this.error = refused(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  reset(): void {
    this.error = null;
  }
}
