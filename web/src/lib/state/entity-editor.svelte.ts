import { entitiesApi } from '../api/entities.ts';
import type { EntityChange } from '../api/types.ts';
import { ENTITIES_PATH } from '../entity-url.ts';
import { Action } from './admin-action.svelte.ts';
import type { EntityPageState } from './entity-page.svelte.ts';
import { sayAfterDelete } from './entity-index.svelte.ts';
import { router } from './router.svelte.ts';

/**
 * What an editor changes on an entity page. Each control has its own Action, so that a refusal is shown
 * beside the control that caused it; every success is announced and the page asks for the entity again.
 */
export class EntityEditor {
  readonly details: Action;
  readonly aliases: Action;
  readonly merge: Action;
  readonly undo: Action;
  readonly split: Action;
  readonly remove: Action;

  constructor(private readonly page: EntityPageState) {
    const announcer = () => page.announcer;
    this.details = new Action(announcer);
    this.aliases = new Action(announcer);
    this.merge = new Action(announcer);
    this.undo = new Action(announcer);
    this.split = new Action(announcer);
    this.remove = new Action(announcer);
  }

  get #name(): string {
    return this.page.entity?.name ?? `entity ${this.page.id}`;
  }

  async #then(done: Promise<boolean>): Promise<boolean> {
    const ok = await done;
    if (ok) this.page.changed();
    return ok;
  }

  /** Name, type, description or labels; `said` is what is announced. */
  update(change: EntityChange, said: string): Promise<boolean> {
    return this.#then(
      this.details.run(
        () => entitiesApi.update(this.page.id, change),
        () => said,
      ),
    );
  }

  addAlias(name: string): Promise<boolean> {
    return this.#then(
      this.aliases.run(
        () => entitiesApi.addAlias(this.page.id, name),
        () => `Added the spelling “${name}”.`,
      ),
    );
  }

  removeAlias(aliasId: number, name: string): Promise<boolean> {
    return this.#then(
      this.aliases.run(
        () => entitiesApi.removeAlias(this.page.id, aliasId),
        () => `Removed the spelling “${name}”.`,
      ),
    );
  }

  mergeFrom(fromId: number, fromName: string): Promise<boolean> {
    return this.#then(
      this.merge.run(
        () => entitiesApi.merge(this.page.id, fromId),
        () => `Merged “${fromName}” into “${this.#name}”: its mentions and spellings are now here.`,
      ),
    );
  }

  undoMerge(mergeId: number, fromName: string): Promise<boolean> {
    return this.#then(
      this.undo.run(
        () => entitiesApi.undoMerge(mergeId),
        () => `Undid the merge of “${fromName}”: its mentions and spellings went back.`,
      ),
    );
  }

  /** The new entity, or null when the split was refused. */
  async splitOff(name: string, type: string): Promise<{ id: number; name: string } | null> {
    const mentionIds = [...this.page.selected];
    let created: { id: number; name: string } | null = null;
    const ok = await this.split.run(
      async () => {
        created = (await entitiesApi.split(this.page.id, { mentionIds, name, type })).entity;
      },
      () => `Split ${mentionIds.length} ${mentionIds.length === 1 ? 'mention' : 'mentions'} off into “${name}”.`,
    );
    if (!ok) return null;
    this.page.selected.clear();
    this.page.changed();
    return created;
  }

  /** Deletes the entity and goes to the index, which says what happened. */
  async delete(): Promise<boolean> {
    const name = this.#name;
    const ok = await this.remove.run(
      () => entitiesApi.remove(this.page.id),
      () => `Deleted “${name}”.`,
    );
    if (ok) {
      sayAfterDelete(`Deleted “${name}”. Its mentions are untagged suggestions again.`);
      router.navigate(ENTITIES_PATH);
    }
    return ok;
  }
}
