/**
 * The tagger's own tokenizer. It follows the tokenisation of its training data (Penn Treebank style
 * for English: `do n't`, `John 's`, hyphens apart; ParsTwiNER for Persian: clitics and ZWNJ stay inside
 * the word) and keeps every token's UTF-16 offsets into the original text.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
}

const WORD_CHAR = String.raw`\p{L}\p{M}\p{N}`;
const PATTERNS = {
  url: String.raw`(?:https?:\/\/|www\.)[^\s<>"«»]+[^\s<>"«».,;:!?)\]]`,
  email: String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`,
  tag: String.raw`[@#][${WORD_CHAR}_]+`,
  initials: String.raw`(?:\p{Lu}\.){2,}`,
  number: String.raw`\p{N}+(?:[.,:/]\p{N}+)*`,
  word: String.raw`[${WORD_CHAR}](?:[${WORD_CHAR}\u200c\u200d]*[${WORD_CHAR}])?(?:['’][\p{L}\p{M}]+)*`,
  other: String.raw`([^\s\p{C}])\1*`,
};
// Order matters: the first alternative that matches at a position wins. Text without an `@` (most of
// it) uses a pattern without the e-mail alternative, which would otherwise scan every word twice.
const TOKEN_RE = new RegExp(Object.values(PATTERNS).join('|'), 'gu');
const TOKEN_RE_NO_AT = new RegExp(
  Object.entries(PATTERNS)
    .filter(([name]) => name !== 'email')
    .map(([, p]) => p)
    .join('|'),
  'gu',
);

/** Abbreviations that keep their full stop, as the training data writes them. */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st prof gen col lt sgt capt maj gov sen rep jr sr inc co corp ltd no vs etc rev hon adm cmdr gens brig mt ft ave dept univ jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);

const CLITIC_RE = /(?:n['’]t|['’](?:s|ll|re|ve|d|m))$/iu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = text.includes('@') ? TOKEN_RE : TOKEN_RE_NO_AT;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    const word = m[0];
    const end = start + word.length;
    if (text.charCodeAt(end) === 46 /* . */ && ABBREVIATIONS.has(word.toLowerCase())) {
      tokens.push({ text: word + '.', start, end: end + 1 });
      re.lastIndex = end + 1;
      continue;
    }
    pushWithClitic(tokens, word, start);
  }
  return tokens;
}

function pushWithClitic(tokens: Token[], word: string, start: number): void {
  const clitic = word.length > 3 ? CLITIC_RE.exec(word) : null;
  if (clitic === null) {
    tokens.push({ text: word, start, end: start + word.length });
    return;
  }
  const cut = clitic.index;
  tokens.push({ text: word.slice(0, cut), start, end: start + cut });
  tokens.push({ text: word.slice(cut), start: start + cut, end: start + word.length });
}

const SENTENCE_END = new Set(['.', '!', '?', '؟', '…', '...']);
/** Viterbi is linear, but a bound keeps one pathological line from holding a huge lattice. */
const MAX_SENTENCE = 250;

/**
 * Groups tokens into sentences: after a full stop, question or exclamation mark, at a line break, and
 * every MAX_SENTENCE tokens at most.
 */
export function splitSentences(text: string, tokens: Token[]): Token[][] {
  const sentences: Token[][] = [];
  let current: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = current[current.length - 1];
    if (previous !== undefined && (hasLineBreak(text, previous.end, token.start) || current.length >= MAX_SENTENCE)) {
      sentences.push(current);
      current = [];
    }
    current.push(token);
    if (SENTENCE_END.has(token.text)) {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}
