import { untrack } from 'svelte';
import { isAbort, toApiError, type ApiError } from '../api/client.ts';
import { entitiesApi } from '../api/entities.ts';
import { mentionsApi, type DocumentMention } from '../api/mentions.ts';
import type { EntityType, Passage } from '../api/types.ts';
import { mentionLabel, sortTypes } from '../components/mentions/mention-types.ts';
import { mentionsByPassage, orderMentions } from '../mention-segments.ts';
import { uniqueBy } from '../unique.ts';
import { noticeRefusal, session } from './session.svelte.ts';

const PREFERENCES = 'trove.mentions';

interface Preferences {
  shown: boolean;
  hiddenTypes: string[];
}

/** The legend's choices, kept in this browser so that they hold from one document to the next. */
function loadPreferences(): Preferences {
  try {
    const stored = JSON.parse(localStorage.getItem(PREFERENCES) ?? 'null') as Partial<Preferences> | null;
    const hidden = Array.isArray(stored?.hiddenTypes) ? stored.hiddenTypes.filter((t): t is string => typeof t === 'string') : [];
    return { shown: stored?.shown !== false, hiddenTypes: hidden };
  } catch {
    return { shown: true, hiddenTypes: [] };
  }
}

function savePreferences(preferences: Preferences): void {
  try {
    localStorage.setItem(PREFERENCES, JSON.stringify(preferences));
  } catch {
    // Storage may be full or switched off; the choice then lasts for this page only.
  }
}

/**
 * The entity mentions of the document in the reader: which are shown (the legend's toggles), the
 * mention cursor that m/M moves, and confirming or rejecting suggestions. Create it during component
 * initialisation, with getters for the reader's document id and passages.
 */
export class MentionsState {
  #documentId: () => number | undefined = () => undefined;
  #passages: () => readonly Passage[] = () => [];

  mentions: DocumentMention[] = $state.raw([]);
  canTag = $state(false);
  status: 'idle' | 'loading' | 'ready' | 'error' = $state('idle');
  failure: ApiError | null = $state(null);
  types: EntityType[] = $state.raw([]);

  /** The legend's master toggle and the types switched off in it. */
  shown = $state(loadPreferences().shown);
  hiddenTypes: string[] = $state(loadPreferences().hiddenTypes);
  /** The mention the cursor is on (moved by m/M, by focusing a highlight, or by deciding). */
  currentId: number | null = $state(null);
  /** Polite announcements: decisions, tags, failures. */
  announcement = $state('');
  busy = $state(false);

  /** Every drawable mention in reading order, shown or not: the legend counts these. */
  all = $derived(orderMentions(uniqueBy(this.mentions, (m) => m.id)));
  presentTypes = $derived(sortTypes(this.all.map((m) => m.type)));
  visible = $derived(this.shown ? this.all.filter((m) => !this.hiddenTypes.includes(m.type)) : []);
  byPassage = $derived(mentionsByPassage(this.#passages(), this.visible));
  current = $derived(this.visible.find((m) => m.id === this.currentId) ?? null);
  suggestions = $derived(this.visible.filter((m) => m.status === 'suggested'));

  constructor(documentId: () => number | undefined, passages: () => readonly Passage[]) {
    this.#documentId = documentId;
    this.#passages = passages;
    $effect(() => {
      const id = this.#documentId();
      // Signing in or out changes what may be tagged.
      void session.account;
      if (id === undefined) return;
      const controller = new AbortController();
      untrack(() => void this.load(id, controller.signal));
      return () => controller.abort();
    });
  }

  async load(id = this.#documentId(), signal?: AbortSignal): Promise<void> {
    if (id === undefined) return;
    this.status = 'loading';
    try {
      const [answer, types] = await Promise.all([
        mentionsApi.documentMentions(id, signal),
        this.types.length > 0 ? Promise.resolve({ types: this.types }) : entitiesApi.types(signal).catch(() => ({ types: [] })),
      ]);
      this.mentions = answer.mentions;
      this.canTag = answer.canTag;
      this.types = types.types;
      this.failure = null;
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      // The document reads fine without highlights; the legend says they could not be loaded.
      this.mentions = [];
      this.canTag = false;
      this.failure = toApiError(error);
      this.status = 'error';
    }
  }

  isTypeShown(type: string): boolean {
    return !this.hiddenTypes.includes(type);
  }

  setShown(shown: boolean): void {
    this.shown = shown;
    savePreferences({ shown, hiddenTypes: this.hiddenTypes });
  }

  setTypeShown(type: string, shown: boolean): void {
    this.hiddenTypes = shown ? this.hiddenTypes.filter((t) => t !== type) : [...this.hiddenTypes, type];
    savePreferences({ shown: this.shown, hiddenTypes: this.hiddenTypes });
  }

  label(mention: DocumentMention): string {
    return mentionLabel(mention, this.types);
  }

  /** Moves the cursor through the shown mentions (wrapping) and returns the mention now current. */
  step(delta: 1 | -1, onlySuggestions = false): DocumentMention | null {
    const list = onlySuggestions ? this.suggestions : this.visible;
    if (list.length === 0) return null;
    const from = this.current ? this.current.start : delta > 0 ? -1 : Infinity;
    const next =
      delta > 0
        ? (list.find((m) => m.start > from) ?? list[0]!)
        : ([...list].reverse().find((m) => m.start < from) ?? list[list.length - 1]!);
    this.currentId = next.id;
    return next;
  }

  /**
   * Confirms or rejects a suggestion, then puts the cursor on the next suggestion after it (so a run of
   * decisions reads straight through) and returns that one, or null when none is left.
   */
  async decide(mention: DocumentMention, status: 'confirmed' | 'rejected'): Promise<DocumentMention | null> {
    if (this.busy) return null;
    this.busy = true;
    this.announcement = '';
    try {
      const { mention: updated } = await mentionsApi.decide(mention.id, status);
      this.mentions =
        status === 'rejected'
          ? this.mentions.filter((m) => m.id !== mention.id)
          : this.mentions.map((m) => (m.id === mention.id ? updated : m));
      const next = this.suggestions.find((m) => m.start > mention.start) ?? this.suggestions[0] ?? null;
      this.currentId = next?.id ?? (status === 'confirmed' ? mention.id : null);
      const what = this.label({ ...mention, status: 'confirmed' }).replace(/, confirmed$/, '');
      this.announcement = `${status === 'confirmed' ? 'Confirmed' : 'Rejected'} ${what}.${next ? '' : ' No suggestions left.'}`;
      return next;
    } catch (error) {
      this.announcement = `Could not change the mention: ${noticeRefusal(error).message}`;
      return null;
    } finally {
      this.busy = false;
    }
  }
}
