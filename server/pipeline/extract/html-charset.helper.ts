// The encoding an HTML page declares for itself, read from its bytes before anything is decoded:
// `<meta charset="windows-1256">` or `<meta http-equiv="Content-Type" content="text/html; charset=…">`.
// A simplified form of the HTML standard's prescan: the first 1024 bytes, comments skipped, the
// first declaration wins.

const PRESCAN_BYTES = 1024;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const META_TAG = /<meta(?=[\s/])[^>]*>?/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const CONTENT_CHARSET = /charset\s*=\s*["']?([^\s"';]+)/i;

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.slice('<meta'.length).matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (name !== undefined && !found.has(name)) found.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return found;
}

function charsetOf(tag: string): string | undefined {
  const attrs = attributes(tag);
  const charset = attrs.get('charset')?.trim();
  if (charset) return charset;
  if (attrs.get('http-equiv')?.trim().toLowerCase() !== 'content-type') return undefined;
  return CONTENT_CHARSET.exec(attrs.get('content') ?? '')?.[1];
}

/** The charset label the page declares in its first 1024 bytes, as written, or undefined. */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  // latin1 maps every byte to one character, so ASCII markup reads the same in any
  // ASCII-compatible encoding the page might be in.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1').replace(COMMENT, '');
  for (const [tag] of head.matchAll(META_TAG)) {
    const charset = charsetOf(tag);
    if (charset !== undefined) return charset;
  }
  return undefined;
}
