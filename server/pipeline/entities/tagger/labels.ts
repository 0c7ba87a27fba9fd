/** BIO labels over the four CoNLL classes; MISC is learnt (it keeps nationalities and works out of PER/ORG/LOC) but never reported. */
export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Label = (typeof LABELS)[number];
export const LABEL_COUNT = LABELS.length;

export const CLASS_TO_TYPE: Record<string, string | undefined> = { PER: 'person', ORG: 'organization', LOC: 'place' };

export function labelIndex(tag: string): number {
  const i = (LABELS as readonly string[]).indexOf(tag);
  return i < 0 ? 0 : i;
}

export function isInside(label: number): boolean {
  return label > 0 && label % 2 === 0;
}

export function isBegin(label: number): boolean {
  return label % 2 === 1;
}

/** The class name of a B- or I- label (`PER`), or null for O. */
export function labelClass(label: number): string | null {
  return label === 0 ? null : LABELS[label]!.slice(2);
}

/** Whether `current` may follow `previous` (-1: sentence start) in a well-formed BIO sequence. */
export function allowedTransition(previous: number, current: number): boolean {
  if (!isInside(current)) return true;
  return previous === current || previous === current - 1;
}

export interface Span {
  start: number;
  end: number;
  cls: string;
}

/** Spans of a label sequence, in token indices [start, end). */
export function labelsToSpans(labels: ArrayLike<number>): Span[] {
  const spans: Span[] = [];
  let open: Span | null = null;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const cls = labelClass(label);
    if (open !== null && (cls !== open.cls || isBegin(label))) {
      open.end = i;
      spans.push(open);
      open = null;
    }
    if (cls !== null && open === null) open = { start: i, end: i + 1, cls };
  }
  if (open !== null) {
    open.end = labels.length;
    spans.push(open);
  }
  return spans;
}
