import type { CollectionsRepository } from '../../../db/collections.repository.ts';
import type { EntitiesRepository } from '../../../db/entities.repository.ts';
import type { Visibility } from '../../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { requireRole, type AccountViewer, type Viewer } from '../auth/viewer.ts';

export interface InCollection {
  collection_id: number;
  visibility: Visibility;
}

/** Editors and admins curate entities (rename, spellings, merge, split, delete). */
export function mayCurate(viewer: Viewer): boolean {
  return viewer.kind === 'account' && (viewer.role === 'editor' || viewer.role === 'admin');
}

export function requireCurator(viewer: Viewer): AccountViewer {
  const account = requireRole(viewer, 'viewer');
  if (!mayCurate(account)) throw new AppError('auth.forbidden', 'Curating entities needs the editor role.', 403);
  return account;
}

/**
 * Who may tag, confirm and reject mentions in a document: as quotes are reviewed, editors, and in a
 * restricted collection only the members it names as editors.
 */
export class TagPermissions {
  constructor(
    private readonly collections: CollectionsRepository,
    private readonly entities: EntitiesRepository,
  ) {}

  async mayTag(viewer: Viewer, document: InCollection): Promise<boolean> {
    if (viewer.kind !== 'account') return false;
    if (document.visibility === 'restricted') return (await this.collections.membership(document.collection_id, viewer.id)) === 'editor';
    return mayCurate(viewer);
  }

  async requireTagger(viewer: Viewer, document: InCollection): Promise<AccountViewer> {
    const account = requireRole(viewer, 'viewer');
    if (!(await this.mayTag(account, document))) {
      throw new AppError('auth.forbidden', 'Tagging entities in this collection needs an editor.', 403);
    }
    return account;
  }

  /** For many documents at once (a spread): a test per collection, asked of the database once. */
  async tagger(viewer: AccountViewer): Promise<(document: InCollection) => boolean> {
    const editorOf = new Set(await this.entities.editorMemberships(viewer.id));
    const curator = mayCurate(viewer);
    return (d) => (d.visibility === 'restricted' ? editorOf.has(d.collection_id) : curator);
  }

  /** Refuses an account that may tag nowhere at all: a viewer who edits no collection. */
  async requireSomeTagging(viewer: Viewer): Promise<AccountViewer> {
    const account = requireRole(viewer, 'viewer');
    if (mayCurate(account) || (await this.entities.editorMemberships(account.id)).length > 0) return account;
    throw new AppError('auth.forbidden', 'Tagging entities needs an editor.', 403);
  }
}
