// The entity index's and entity page's calls to the API. Every type here is derived from the server's
// schemas (see types.ts and generated/openapi.d.ts). Reads answer only what the reader may see: an entity
// known only from documents they may not read is 404 entity.not_found, like a missing one.

import { getJson, queryString, send } from './client.ts';
import type {
  AliasResponse,
  EntityChange,
  EntityListParams,
  EntityListResponse,
  EntityMentionsParams,
  EntityMentionsResponse,
  EntityPageResponse,
  EntityResponse,
  EntityTypesResponse,
  MergeResponse,
  SplitBody,
} from './types.ts';

export const entitiesApi = {
  list(params: EntityListParams, signal?: AbortSignal): Promise<EntityListResponse> {
    return getJson(`/api/entities${queryString(params)}`, signal);
  },
  types(signal?: AbortSignal): Promise<EntityTypesResponse> {
    return getJson('/api/entity-types', signal);
  },
  page(id: number, signal?: AbortSignal): Promise<EntityPageResponse> {
    return getJson(`/api/entities/${id}`, signal);
  },
  mentions(id: number, params: EntityMentionsParams, signal?: AbortSignal): Promise<EntityMentionsResponse> {
    return getJson(`/api/entities/${id}/mentions${queryString(params)}`, signal);
  },
  // Changes: editors only (401 auth.required signed out, 403 auth.forbidden for viewers). A new name
  // keeps the old one as a spelling.
  update(id: number, change: EntityChange): Promise<EntityResponse> {
    return send('PATCH', `/api/entities/${id}`, change);
  },
  /** Its mentions become untagged suggestions. */
  async remove(id: number): Promise<void> {
    await send('DELETE', `/api/entities/${id}`);
  },
  addAlias(id: number, name: string): Promise<AliasResponse> {
    return send('POST', `/api/entities/${id}/aliases`, { name });
  },
  /** The canonical name's spelling cannot be removed. */
  async removeAlias(id: number, aliasId: number): Promise<void> {
    await send('DELETE', `/api/entities/${id}/aliases/${aliasId}`);
  },
  /** `from`'s mentions and spellings move into `into`; 400 entity.merge_self. */
  merge(into: number, from: number): Promise<MergeResponse> {
    return send('POST', `/api/entities/${into}/merge`, { from });
  },
  /** 409 entity_merge.undone when someone undid it already. */
  undoMerge(mergeId: number): Promise<EntityResponse> {
    return send('POST', `/api/entity-merges/${mergeId}/undo`, {});
  },
  /** Answers with the new entity. */
  split(id: number, body: SplitBody): Promise<EntityResponse> {
    return send('POST', `/api/entities/${id}/split`, body);
  },
};
