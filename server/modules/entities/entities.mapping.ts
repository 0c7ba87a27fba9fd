import type { EntitySummaryRow } from '../../../db/entities.repository.ts';
import type { MentionTable } from '../../../db/schema.ts';
import { aliasKey } from '../../pipeline/entities/alias-key.ts';
import type { Alias, EntityDetail, EntitySummary } from './entities.schemas.ts';
import type { Mention } from './mentions.schemas.ts';

export interface AliasRow {
  id: number;
  entity_id: number;
  name: string;
  key: string;
  created_by: string | null;
}

const labelsOf = (json: string) => JSON.parse(json) as string[];

/** The other spellings: every visible alias but the one the canonical name already shows. */
export function toSummary(row: EntitySummaryRow, aliases: readonly AliasRow[]): EntitySummary {
  const nameKey = aliasKey(row.name);
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    status: row.status,
    labels: labelsOf(row.labels),
    aliases: aliases.filter((a) => a.entity_id === row.id && a.key !== nameKey).map((a) => a.name),
    mentionCount: Number(row.mentions),
    documentCount: Number(row.documents),
    firstDate: row.first_date,
    lastDate: row.last_date,
  };
}

export function toAlias(row: AliasRow): Alias {
  return { id: row.id, name: row.name, createdBy: row.created_by };
}

export function toDetail(row: EntitySummaryRow, aliases: readonly AliasRow[]): EntityDetail {
  return {
    ...toSummary(row, aliases),
    description: row.description,
    aliasList: aliases.filter((a) => a.entity_id === row.id).map(toAlias),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type MentionRow = Omit<MentionTable, 'id' | 'text' | 'status' | 'created_at' | 'document_date'> & {
  id: number;
  /** As read through mentionText (db/entity-mention-text.ts), never the stored column alone. */
  text: string;
  status: Mention['status'];
  entity_name: string | null;
  entity_type: string | null;
};

/** `showEntity` is false for a rejected mention whose entity the reader may not know of. */
export function toMention(row: MentionRow, showEntity = true): Mention {
  const entity = showEntity && row.entity_id !== null && row.entity_name !== null;
  return {
    id: row.id,
    start: row.start,
    end: row.end,
    text: row.text,
    type: row.type,
    status: row.status,
    source: row.source,
    value: row.value,
    entity: entity ? { id: row.entity_id!, name: row.entity_name!, type: row.entity_type! } : null,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

/** Labels as people type them: trimmed, without repeats (whatever their case), in the order given. */
export function cleanLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const label of labels.map((l) => l.trim().replace(/\s+/g, ' '))) {
    if (label === '' || seen.has(label.toLowerCase())) continue;
    seen.add(label.toLowerCase());
    out.push(label);
  }
  return out;
}
