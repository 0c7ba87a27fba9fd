/** The types every archive has; admins add more (see the entity_type table). */
export const BUILTIN_ENTITY_TYPES = [
  'person',
  'organization',
  'place',
  'date',
  'money',
  'codename',
  'email',
  'phone',
  'reference',
] as const;
export type BuiltinEntityType = (typeof BUILTIN_ENTITY_TYPES)[number];

/** Where a machine suggestion came from; 'person' marks what a journalist tagged by hand. */
export type MachineSource = 'rule' | 'gazetteer' | 'model';

/**
 * One mention an extraction layer found. Offsets are UTF-16 code units of the text it was given, and
 * `text === input.slice(start, end)` always holds.
 */
export interface FoundMention {
  type: string;
  start: number;
  end: number;
  text: string;
  source: MachineSource;
  /** What rules normalise: an ISO date (`2014-11-14`, `2014-11`), an amount (`62.5 EUR`), a lower-cased e-mail. */
  value?: string;
  /** The gazetteer's match: the confirmed entity this spelling belongs to. */
  entityId?: number;
}

/** A spelling the gazetteer looks for, and the confirmed entity it belongs to. */
export interface GazetteerEntry {
  entityId: number;
  type: string;
  name: string;
}
