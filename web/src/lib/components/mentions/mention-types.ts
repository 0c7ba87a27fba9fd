// How each entity type is shown: a label, and a letter badge that tells the types apart without colour
// (the colours themselves are in MentionPalette.svelte).

import type { DocumentMention } from '../../api/mentions.ts';
import type { EntityType } from '../../api/types.ts';

export const BUILTIN_ORDER = ['person', 'organization', 'place', 'codename', 'date', 'money', 'email', 'phone', 'reference'];

const BADGES: Record<string, string> = {
  person: 'P',
  organization: 'O',
  place: 'L',
  codename: 'C',
  date: 'D',
  money: '$',
  email: '@',
  phone: 'T',
  reference: '#',
};

const LABELS: Record<string, string> = {
  person: 'Person',
  organization: 'Organisation',
  place: 'Place',
  codename: 'Code name',
  date: 'Date',
  money: 'Money',
  email: 'E-mail',
  phone: 'Phone',
  reference: 'Reference',
};

/** The palette has colours for the built-in types; an admin's own types share a neutral one. */
export function paletteKey(type: string): string {
  return type in BADGES ? type : 'other';
}

export function typeBadge(type: string): string {
  return BADGES[type] ?? (type.charAt(0).toUpperCase() || '?');
}

export function typeLabel(type: string, types: readonly EntityType[] = []): string {
  return types.find((t) => t.name === type)?.label ?? LABELS[type] ?? type;
}

/** Types in a stable order: built-ins first as listed, then the rest by name. */
export function sortTypes(names: Iterable<string>): string[] {
  const rank = (name: string) => {
    const index = BUILTIN_ORDER.indexOf(name);
    return index < 0 ? BUILTIN_ORDER.length : index;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * What a screen reader hears for a highlight: "person: Hadi al-Amiri, suggested". When the text spells
 * the name differently it comes first, so the label still starts with what is on screen.
 */
export function mentionLabel(mention: DocumentMention, types: readonly EntityType[] = []): string {
  const type = typeLabel(mention.type, types).toLowerCase();
  const name = mention.entity?.name ?? mention.text;
  const status = mention.status === 'confirmed' ? 'confirmed' : 'suggested';
  const head = name === mention.text ? `${type}: ${name}` : `${mention.text}, ${type}: ${name}`;
  return `${head}, ${status}`;
}
