// Splits an mbox mailbox into its messages. Works on bytes, not text: each message declares its
// own charset, and a mailbox can be larger than the longest string V8 can hold.

export interface MboxMessage {
  /** 1-based line of the message's "From " separator in the mailbox. */
  line: number;
  /** The separator's envelope: sender and date as the mail system wrote them. */
  envelope: string;
  bytes: Uint8Array;
}

const LF = 0x0a;
const FROM_ = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "
const GT = 0x3e; // ">"

// "From sender asctime-date", as mutt recognises it: a time and a four-digit year after the
// sender. A body line such as "From the consulate: no news." is not a separator, even unescaped.
const SEPARATOR = /^From \S+\s.*\b\d{1,2}:\d{2}(?::\d{2})?\b.*\b\d{4}\b/;

function startsWith(bytes: Uint8Array, at: number, prefix: readonly number[]): boolean {
  for (let i = 0; i < prefix.length; i += 1) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function lineText(bytes: Uint8Array, start: number, end: number): string {
  return new TextDecoder('latin1').decode(bytes.subarray(start, end)).replace(/\r?\n$/, '');
}

// mboxrd escapes every body line matching /^>*From / with one more ">"; mboxo escapes only
// "From " itself. Taking one ">" off every such line reads both (mboxo's own ">From " lines,
// indistinguishable from escaped ones, lose their ">": the format's known ambiguity).
function isEscapedFrom(bytes: Uint8Array, at: number, end: number): boolean {
  let i = at;
  while (i < end && bytes[i] === GT) i += 1;
  return i > at && startsWith(bytes, i, FROM_);
}

function unescape(bytes: Uint8Array, lineStarts: readonly number[], start: number, end: number): Uint8Array {
  const escaped = lineStarts.filter((at) => isEscapedFrom(bytes, at, end));
  if (escaped.length === 0) return bytes.subarray(start, end);
  const out = new Uint8Array(end - start - escaped.length);
  let from = start;
  let to = 0;
  for (const at of escaped) {
    out.set(bytes.subarray(from, at), to);
    to += at - from;
    from = at + 1;
  }
  out.set(bytes.subarray(from, end), to);
  return out;
}

// The blank line that mbox writers put before the next separator belongs to the mailbox, not the message.
function trimSeparatorBlank(bytes: Uint8Array, start: number, end: number): number {
  let stop = end;
  if (stop > start && bytes[stop - 1] === LF) stop -= 1;
  if (stop > start && bytes[stop - 1] === 0x0d) stop -= 1;
  return stop > start && bytes[stop - 1] === LF ? stop : end;
}

/** Messages in mailbox order; `null` when the bytes do not start with a "From " separator. */
export function splitMbox(bytes: Uint8Array): MboxMessage[] | null {
  const messages: MboxMessage[] = [];
  let current: { line: number; envelope: string; start: number; lineStarts: number[] } | null = null;
  const close = (end: number) => {
    if (current === null) return;
    const stop = trimSeparatorBlank(bytes, current.start, end);
    messages.push({ line: current.line, envelope: current.envelope, bytes: unescape(bytes, current.lineStarts, current.start, stop) });
  };
  let line = 0;
  for (let at = 0; at < bytes.length;) {
    line += 1;
    const newline = bytes.indexOf(LF, at);
    const next = newline === -1 ? bytes.length : newline + 1;
    if (startsWith(bytes, at, FROM_) && SEPARATOR.test(lineText(bytes, at, next))) {
      close(at);
      current = { line, envelope: lineText(bytes, at + FROM_.length, next).trim(), start: next, lineStarts: [] };
    } else if (current === null) {
      // Blank lines before the first separator are tolerated; anything else means this is no mailbox.
      if (lineText(bytes, at, next).trim() !== '') return null;
    } else if (bytes[at] === GT) {
      current.lineStarts.push(at);
    }
    at = next;
  }
  close(bytes.length);
  return current === null ? null : messages;
}
