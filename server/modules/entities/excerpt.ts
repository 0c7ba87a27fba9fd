/** Up to `width` characters of text around [start, end), cut at spaces, and where the span lies in it. */
export function excerptAround(text: string, start: number, end: number, width = 240): { text: string; start: number; end: number } {
  const room = Math.max(0, Math.floor((width - (end - start)) / 2));
  let from = Math.max(0, start - room);
  let to = Math.min(text.length, end + room);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space >= end) to = space;
  }
  return { text: text.slice(from, to), start: start - from, end: end - from };
}
