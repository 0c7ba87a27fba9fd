// Node 20's JSON.parse often reports "Unexpected token" without any position, so after a failed
// parse this scanner walks the text again to say where the first error is. It is iterative:
// deeply nested input ("[[[[…") must not overflow the stack.

export interface JsonErrorLocation {
  offset: number;
  line: number;
  column: number;
  reason: string;
}

type Expect = 'value' | 'firstValue' | 'key' | 'firstKey' | 'after';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

class JsonScanner {
  private i = 0;
  private readonly stack: string[] = [];
  private expect: Expect = 'value';
  /** Offsets where each element of a top-level array starts. */
  readonly elementStarts: number[] = [];

  constructor(private readonly text: string) {}

  /** Returns the reason for the first error, or null when the text is valid JSON. */
  run(): string | null {
    for (;;) {
      while (WHITESPACE.has(this.text[this.i] ?? '')) this.i += 1;
      const ch = this.text[this.i];
      if (ch === undefined) {
        return this.expect === 'after' && this.stack.length === 0 ? null : 'Unexpected end of input';
      }
      const reason = this.step(ch);
      if (reason !== null) return reason;
    }
  }

  get offset(): number {
    return this.i;
  }

  private step(ch: string): string | null {
    switch (this.expect) {
      case 'firstValue':
        return ch === ']' ? this.close() : ((this.expect = 'value'), null);
      case 'firstKey':
        return ch === '}' ? this.close() : ((this.expect = 'key'), null);
      case 'key':
        return this.key(ch);
      case 'after':
        return this.after(ch);
      default:
        return this.value(ch);
    }
  }

  private value(ch: string): string | null {
    if (this.stack.length === 1 && this.stack[0] === '[') this.elementStarts.push(this.i);
    if (ch === '{' || ch === '[') {
      this.stack.push(ch);
      this.i += 1;
      this.expect = ch === '{' ? 'firstKey' : 'firstValue';
      return null;
    }
    this.expect = 'after';
    if (ch === '"') return this.string();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.i)) return ((this.i += literal.length), null);
    }
    NUMBER.lastIndex = this.i;
    if (NUMBER.test(this.text)) return ((this.i = NUMBER.lastIndex), null);
    return `Unexpected character ${JSON.stringify(ch)} where a value was expected`;
  }

  private key(ch: string): string | null {
    if (ch !== '"') return 'Expected a double-quoted property name';
    const problem = this.string();
    if (problem !== null) return problem;
    while (WHITESPACE.has(this.text[this.i] ?? '')) this.i += 1;
    if (this.text[this.i] !== ':') return "Expected ':' after the property name";
    this.i += 1;
    this.expect = 'value';
    return null;
  }

  private after(ch: string): string | null {
    const open = this.stack.at(-1);
    if (open === undefined) return 'Unexpected text after the end of the JSON value';
    const closer = open === '{' ? '}' : ']';
    if (ch === closer) return this.close();
    if (ch !== ',') return `Expected ',' or '${closer}'`;
    this.i += 1;
    this.expect = open === '{' ? 'key' : 'value';
    return null;
  }

  private close(): null {
    this.stack.pop();
    this.i += 1;
    this.expect = 'after';
    return null;
  }

  private string(): string | null {
    const start = this.i;
    this.i += 1;
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined) return ((this.i = start), 'Unterminated string');
      if (ch === '"') return ((this.i += 1), null);
      if (ch < ' ') return 'Control character inside a string (escape it, e.g. \\n)';
      if (ch === '\\') {
        const escape = this.text[this.i + 1] ?? '';
        const ok = ESCAPES.has(escape) || (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6)));
        if (!ok) return 'Invalid escape sequence in a string';
        this.i += escape === 'u' ? 6 : 2;
      } else {
        this.i += 1;
      }
    }
  }
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where the first syntax error in `text` is, or null if the text is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  const scanner = new JsonScanner(text);
  const reason = scanner.run();
  if (reason === null) return null;
  return { offset: scanner.offset, ...position(text, scanner.offset), reason };
}

/** 1-based line on which each element of a top-level JSON array starts (valid JSON only). */
export function arrayElementLines(text: string): number[] {
  const scanner = new JsonScanner(text);
  scanner.run();
  // Offsets come out in ascending order, so one pass over the text numbers them all.
  const lines: number[] = [];
  let line = 1;
  let cursor = 0;
  for (const offset of scanner.elementStarts) {
    for (let index = text.indexOf('\n', cursor); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
      line += 1;
      cursor = index + 1;
    }
    lines.push(line);
  }
  return lines;
}
