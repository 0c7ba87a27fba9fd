import { isAbort, toApiError, type ApiError } from '../api/client.ts';
import { entitiesApi } from '../api/entities.ts';
import type { EntitySummary } from '../api/types.ts';
import { uniqueBy } from '../unique.ts';

const PAUSE_MS = 150;
const OPTIONS = 8;

/**
 * A type-ahead over entity names and spellings in any script (the ARIA combobox pattern): typing asks the
 * server after a pause; arrows move through the options, Enter picks one, Escape closes the list.
 */
export class EntityPickerState {
  text = $state('');
  options: EntitySummary[] = $state.raw([]);
  open = $state(false);
  /** Index of the highlighted option; -1 when none. */
  active = $state(-1);
  loading = $state(false);
  failure: ApiError | null = $state(null);
  chosen: EntitySummary | null = $state.raw(null);

  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | null = null;

  /** `exclude`: an entity never offered (the page's own, for a merge). */
  constructor(private readonly exclude: () => number | null = () => null) {}

  input(text: string): void {
    this.text = text;
    this.chosen = null;
    clearTimeout(this.#timer);
    this.#controller?.abort();
    if (!text.trim()) {
      this.options = [];
      this.open = false;
      this.loading = false;
      return;
    }
    this.loading = true;
    this.#timer = setTimeout(() => void this.#ask(text.trim()), PAUSE_MS);
  }

  async #ask(q: string): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    this.failure = null;
    try {
      const answer = await entitiesApi.list({ q, pageSize: OPTIONS + 1, sort: '-mentions' }, controller.signal);
      const skip = this.exclude();
      this.options = uniqueBy(answer.entities, (e) => e.id)
        .filter((e) => e.id !== skip)
        .slice(0, OPTIONS);
      this.active = -1;
      this.open = true;
    } catch (error) {
      if (isAbort(error)) return;
      this.failure = toApiError(error);
      this.options = [];
      this.open = false;
    } finally {
      if (this.#controller === controller) this.loading = false;
    }
  }

  choose(entity: EntitySummary): void {
    this.chosen = entity;
    this.text = entity.name;
    this.open = false;
    this.active = -1;
  }

  close(): void {
    this.open = false;
    this.active = -1;
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.text = '';
    this.options = [];
    this.chosen = null;
    this.loading = false;
    this.close();
  }

  onkeydown = (event: KeyboardEvent): void => {
    const count = this.options.length;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      this.open = true;
      this.active = (this.active + 1) % count;
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      this.open = true;
      this.active = this.active <= 0 ? count - 1 : this.active - 1;
    } else if (event.key === 'Enter' && this.open && this.active >= 0) {
      event.preventDefault();
      const option = this.options[this.active];
      if (option) this.choose(option);
    } else if (event.key === 'Escape' && this.open) {
      event.preventDefault();
      event.stopPropagation();
      this.close();
    }
  };

  destroy(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
  }
}
