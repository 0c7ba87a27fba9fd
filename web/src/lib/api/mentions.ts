// The reader's and search page's calls to the entity API: mentions in a document, tagging, the spread
// of a tag to other occurrences, and the entity parts of a search answer.
//
// The types below are written from the API contract of issue 8 (the generated types were not there yet
// when this was written); they declare only the fields these screens read.

import { getJson, queryString, send } from './client.ts';
import type { Facet, SearchResponse } from './types.ts';

export type MentionStatus = 'suggested' | 'confirmed' | 'rejected';
export type MentionSource = 'rule' | 'gazetteer' | 'model' | 'person';

export interface MentionEntity {
  id: number;
  name: string;
  type: string;
}

/** Offsets into the document body: body.slice(start, end) === text. */
export interface DocumentMention {
  id: number;
  start: number;
  end: number;
  text: string;
  type: string;
  status: MentionStatus;
  source: MentionSource;
  value: string | null;
  entity: MentionEntity | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface DocumentMentionsResponse {
  mentions: DocumentMention[];
  /** True when the signed-in account may tag, confirm and reject mentions in this document. */
  canTag: boolean;
}

export interface EntityType {
  name: string;
  label: string;
  builtin: boolean;
}

export interface EntitySummary {
  id: number;
  type: string;
  name: string;
  status: 'suggested' | 'confirmed';
  labels: string[];
  aliases: string[];
  mentionCount: number;
  documentCount: number;
}

export interface EntityListResponse {
  total: number;
  page: number;
  pageSize: number;
  entities: EntitySummary[];
}

/** Either an existing entity or a new one to create with the mention. */
export type MentionTarget = { entityId: number } | { entity: { type: string; name: string } };

export interface CreatedMention {
  mention: DocumentMention;
  /** Other untagged or suggested occurrences of the same spelling in documents the reader may read. */
  spread: { text: string; count: number };
}

/** Some of the passage around a mention; excerpt.text.slice(start, end) is the mention. */
export interface Excerpt {
  text: string;
  start: number;
  end: number;
}

export interface SpreadOccurrence {
  documentId: number;
  documentRef: string;
  documentTitle: string | null;
  start: number;
  end: number;
  excerpt: Excerpt;
}

export interface SpreadResponse {
  text: string;
  total: number;
  occurrences: SpreadOccurrence[];
}

export interface EntityFacet extends Facet {
  entityId: number;
  type: string;
}

export interface AlsoSearch {
  entityId: number;
  name: string;
  spellings: string[];
  /** The query that searches every spelling at once. */
  query: string;
}

/** What the search page reads from /api/search beyond the hand-kept SearchResponse. */
export interface EntitySearchParts {
  facets?: { entity?: EntityFacet[] };
  alsoSearch?: AlsoSearch | null;
}

export function entityParts(response: SearchResponse | null): EntitySearchParts {
  return (response ?? {}) as EntitySearchParts;
}

export const mentionsApi = {
  /** Rejected mentions are left out. */
  documentMentions(documentId: number, signal?: AbortSignal): Promise<DocumentMentionsResponse> {
    return getJson(`/api/documents/${documentId}/mentions`, signal);
  },
  entityTypes(signal?: AbortSignal): Promise<{ types: EntityType[] }> {
    return getJson('/api/entity-types', signal);
  },
  /** The type-ahead: q matches the start of any word of a name or alias, in any script. */
  findEntities(q: string, signal?: AbortSignal): Promise<EntityListResponse> {
    return getJson(`/api/entities${queryString({ q: q.slice(0, 200), sort: '-mentions', pageSize: 8 })}`, signal);
  },
  /** A person's confirmed mention of the span; 400 entity.invalid_span when the span is not in one passage. */
  tag(documentId: number, start: number, end: number, target: MentionTarget): Promise<CreatedMention> {
    return send('POST', `/api/documents/${documentId}/mentions`, { start, end, ...target });
  },
  decide(mentionId: number, status: 'confirmed' | 'rejected'): Promise<{ mention: DocumentMention }> {
    return send('PATCH', `/api/mentions/${mentionId}`, { status });
  },
  spreadPreview(entityId: number, text: string, signal?: AbortSignal): Promise<SpreadResponse> {
    return getJson(`/api/entities/${entityId}/spread${queryString({ text })}`, signal);
  },
  /** Without occurrences, every occurrence the preview would list is tagged. */
  spread(entityId: number, text: string, occurrences?: Array<{ documentId: number; start: number }>): Promise<{ tagged: number }> {
    return send('POST', `/api/entities/${entityId}/spread`, occurrences ? { text, occurrences } : { text });
  },
};
