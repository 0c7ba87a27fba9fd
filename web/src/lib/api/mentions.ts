// The reader's and search page's calls to the entity API: mentions in a document, tagging, the spread
// of a tag to other occurrences.
//
// Every type here is derived from the server's own schemas (generated/openapi.d.ts, see types.ts).

import { getJson, queryString, send } from './client.ts';
import type { ApiBody, ApiResponse, SearchResponse } from './types.ts';

export type DocumentMentionsResponse = ApiResponse<'/api/documents/{id}/mentions', 'get'>;
/** Offsets into the document body: body.slice(start, end) === text. */
export type DocumentMention = DocumentMentionsResponse['mentions'][number];
export type MentionStatus = DocumentMention['status'];
export type MentionEntity = NonNullable<DocumentMention['entity']>;

type TagBody = ApiBody<'/api/documents/{id}/mentions', 'post'>;
/** Either an existing entity or a new one to create with the mention. */
export type MentionTarget = Required<Pick<TagBody, 'entityId'>> | Required<Pick<TagBody, 'entity'>>;
/** The mention, and how many other untagged or suggested occurrences of its spelling the reader may tag. */
export type CreatedMention = ApiResponse<'/api/documents/{id}/mentions', 'post', 201>;
export type SpreadResponse = ApiResponse<'/api/entities/{id}/spread', 'get'>;
export type SpreadOccurrence = SpreadResponse['occurrences'][number];

export type EntityFacet = SearchResponse['facets']['entity'][number];
export type AlsoSearch = NonNullable<SearchResponse['alsoSearch']>;

export const mentionsApi = {
  /** Rejected mentions are left out. */
  documentMentions(documentId: number, signal?: AbortSignal): Promise<DocumentMentionsResponse> {
    return getJson(`/api/documents/${documentId}/mentions`, signal);
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
