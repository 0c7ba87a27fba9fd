import { describe, expect, it } from 'vitest';
import type { DocumentMention } from '../src/lib/api/mentions.ts';
import type { Passage } from '../src/lib/api/types.ts';
import { mentionLabel } from '../src/lib/components/mentions/mention-types.ts';
import { entityTerms, hasEntityTerm, removeEntityTerm, removeEntityTerms, toggleEntityTerm } from '../src/lib/entity-query.ts';
import { mentionsByPassage, orderMentions, segmentMentions, snapToWords } from '../src/lib/mention-segments.ts';

// Synthetic text written for this test.
const BODY = 'Intro line.\n\nHadi al-Amiri met Blue Lantern in Karrada. Later al-Amiri left.';
const PASSAGES: Passage[] = [
  { id: 1, ordinal: 1, start: 0, end: 11, text: BODY.slice(0, 11) },
  { id: 2, ordinal: 2, start: 13, end: BODY.length, text: BODY.slice(13) },
];

let nextId = 1;
function mention(text: string, type = 'person', options: Partial<DocumentMention> & { from?: number } = {}): DocumentMention {
  const start = BODY.indexOf(text, options.from ?? 0);
  return {
    id: nextId++,
    start,
    end: start + text.length,
    text,
    type,
    status: 'suggested',
    source: 'model',
    value: null,
    entity: { id: 7, name: 'Hadi al-Amiri', type },
    decidedBy: null,
    decidedAt: null,
    ...options,
  };
}

describe('mention segments', () => {
  it('cuts a passage so that each mention piece is exactly body.slice(start, end)', () => {
    const list = orderMentions([mention('Blue Lantern', 'codename'), mention('Hadi al-Amiri'), mention('Karrada', 'place')]);
    const pieces = segmentMentions(PASSAGES[1]!, [], mentionsByPassage(PASSAGES, list).get(2)!);
    expect(pieces.map((p) => p.parts.map((part) => part.text).join('')).join('')).toBe(PASSAGES[1]!.text);
    for (const piece of pieces.filter((p) => p.mention)) {
      expect(piece.parts.map((part) => part.text).join('')).toBe(BODY.slice(piece.mention!.start, piece.mention!.end));
    }
    expect(pieces.filter((p) => p.mention).map((p) => p.mention!.text)).toEqual(['Hadi al-Amiri', 'Blue Lantern', 'Karrada']);
  });

  it('drops overlapping mentions, keeping the confirmed one at the same start', () => {
    const suggested = mention('Hadi al-Amiri');
    const confirmed = mention('Hadi', 'person', { status: 'confirmed' });
    const inside = mention('al-Amiri', 'person', { from: 13 });
    expect(orderMentions([suggested, confirmed, inside]).map((m) => m.id)).toEqual([confirmed.id, inside.id]);
  });

  it('nests search hits inside mentions and gives a split hit its id only once', () => {
    const m = mention('Hadi al-Amiri');
    const hitStart = BODY.indexOf('al-Amiri met');
    const hits = [{ start: hitStart, end: hitStart + 'al-Amiri met'.length, index: 0 }];
    const pieces = segmentMentions(PASSAGES[1]!, hits, [m]);
    const marked = pieces.flatMap((p) => p.parts.filter((part) => part.hit === 0));
    expect(marked.map((part) => [part.text, part.hitStart])).toEqual([
      ['al-Amiri', true],
      [' met', false],
    ]);
  });

  it('leaves out a mention no passage holds whole', () => {
    const stray = { ...mention('Intro'), end: 20 };
    expect(mentionsByPassage(PASSAGES, [stray]).size).toBe(0);
  });

  it('snaps a selection to whole words and trims punctuation', () => {
    const text = 'met “Hadi al-Amiri,” then $2,000 and هادی‌العامری.';
    const from = text.indexOf('adi');
    const partial = snapToWords(text, from, from + 6)!;
    // "adi al" widens to whole words; a hyphen joins "al-Amiri" into one.
    expect(text.slice(partial.start, partial.end)).toBe('Hadi al-Amiri');
    const quoted = text.indexOf('“');
    const span = snapToWords(text, quoted, text.indexOf(',”') + 2)!;
    expect(text.slice(span.start, span.end)).toBe('Hadi al-Amiri');
    const money = snapToWords(text, text.indexOf('$'), text.indexOf(',0') + 2)!;
    expect(text.slice(money.start, money.end)).toBe('$2,000');
    const persian = text.indexOf('العامری');
    const fa = snapToWords(text, persian + 1, persian + 3)!;
    expect(text.slice(fa.start, fa.end)).toBe('هادی‌العامری');
    expect(snapToWords(text, text.indexOf(','), text.indexOf(',') + 1)).toBeNull();
  });

  it('labels a highlight for screen readers', () => {
    expect(mentionLabel(mention('Hadi al-Amiri'))).toBe('person: Hadi al-Amiri, suggested');
    expect(mentionLabel(mention('al-Amiri', 'person', { from: 40, status: 'confirmed' }))).toBe(
      'al-Amiri, person: Hadi al-Amiri, confirmed',
    );
  });
});

describe('entity query terms', () => {
  it('finds, adds and removes entity:"Name" in the query text', () => {
    expect(toggleEntityTerm('militia', 'Hadi al-Amiri')).toBe('militia entity:"Hadi al-Amiri"');
    expect(toggleEntityTerm('militia entity:"Hadi al-Amiri"', 'hadi al-amiri')).toBe('militia');
    expect(entityTerms('a entity:Badr b entity:“Blue Lantern”').map((t) => t.name)).toEqual(['Badr', 'Blue Lantern']);
    expect(hasEntityTerm('x entity:"Blue Lantern"', 'Blue Lantern')).toBe(true);
    expect(hasEntityTerm('xentity:"Blue Lantern"', 'Blue Lantern')).toBe(false);
    expect(removeEntityTerm('entity:"A" b entity:"C"', 'A')).toBe('b entity:"C"');
    expect(removeEntityTerms('entity:"A" b entity:"C"')).toBe('b');
    expect(toggleEntityTerm('', 'Say "no"')).toBe('entity:"Say no"');
  });
});
