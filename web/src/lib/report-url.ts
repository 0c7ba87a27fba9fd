// The report reader keeps its selection in the fragment: #q7 selects quotation 7 and #q7-l19 shows it
// beside link 19 rather than the best one, so any view can be shared as a link.

export interface QuoteSelection {
  ordinal: number | null;
  linkId: number | null;
}

export function parseQuoteHash(hash: string): QuoteSelection {
  const match = /^#q(\d+)(?:-l(\d+))?$/.exec(hash);
  if (!match) return { ordinal: null, linkId: null };
  return { ordinal: Number(match[1]), linkId: match[2] === undefined ? null : Number(match[2]) };
}

export function quoteHash(ordinal: number, linkId?: number | null): string {
  return linkId === undefined || linkId === null ? `#q${ordinal}` : `#q${ordinal}-l${linkId}`;
}

export function reportHref(ref: string, ordinal?: number): string {
  return `/reports/${encodeURIComponent(ref)}${ordinal === undefined ? '' : quoteHash(ordinal)}`;
}
