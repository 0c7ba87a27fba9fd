// Rich Text Format. rtf-stream-parser tokenises the file, and its plain-text processor (fonts,
// code pages such as \ansicpg1256 or \fcharset178 for Arabic script, \uN escapes, ignorable
// destinations) turns tokens into text. ToPlainText is not in the package's index, so the
// version is pinned exactly. Tokens pass through a small filter first: the \info group becomes
// metadata instead of text, \par gets a blank line so paragraphs become passages, and table
// cells are joined by ' | ' as everywhere else.
import rtfStreamParser from 'rtf-stream-parser';
import { ToPlainText } from 'rtf-stream-parser/dist/src/ToPlainText.js';
import type { Token } from 'rtf-stream-parser/dist/src/tokenize.js';
import type { ExtractResult } from '../extract.types.ts';
import { CELL_SEPARATOR, officeResult, toOfficeProps } from './office-props.helper.ts';
import { malformedOffice } from './office-error.helper.ts';
import { codepageLabel } from './ole.helper.ts';

const WHAT = 'RTF document';
const GROUP_START = 0;
const GROUP_END = 1;
const CONTROL = 2;
const TEXT = 3;

// Destinations whose content is data, not text; ToPlainText skips only those it knows to be
// optional ({\\*\\...}), and a picture's hex would otherwise end up in the body.
const DATA_DESTINATIONS = new Set(['pict', 'object', 'objdata', 'nonshppict', 'datastore', 'themedata', 'colorschememapping', 'fldinst']);

// Real documents nest a few dozen groups deep; the plain-text processor slows quadratically with
// depth, so a file of nothing but braces would otherwise keep it busy for minutes.
const MAX_GROUP_DEPTH = 1000;

const INFO_FIELDS: Record<string, string> = {
  title: 'title',
  subject: 'subject',
  author: 'creator',
  operator: 'last_modified_by',
  keywords: 'keywords',
  doccomm: 'description',
  company: 'company',
  manager: 'manager',
  creatim: 'created',
  revtim: 'modified',
  printim: 'last_printed',
};

export function isRtf(bytes: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(bytes.subarray(0, 5)) === '{\\rtf';
}

function decodeCodepage(data: Buffer, encoding: string): string {
  const codepage = Number(/\d+/.exec(encoding)?.[0] ?? 1252);
  return new TextDecoder(codepageLabel(codepage)).decode(data);
}

/** Reads the \info group: text fields in the document's code page, dates from \yr \mo \dy \hr \min. */
class InfoReader {
  readonly fields: Record<string, string> = {};
  private field: string | undefined;
  private date: Record<string, number> = {};
  private skip = 0;

  constructor(private readonly codepage: () => number) {}

  take(token: Token, depth: number): void {
    if (token.type === CONTROL && depth === 2 && this.field === undefined && token.word !== undefined && token.word !== '*') {
      this.field = this.fieldName(token.word);
      this.date = {};
    } else if (token.type === GROUP_END && depth === 2) this.finishField();
    else if (token.type === CONTROL && token.word === 'u' && token.param !== undefined) {
      this.appendText(String.fromCharCode(token.param < 0 ? token.param + 65536 : token.param));
      this.skip = 1;
    } else if (token.type === CONTROL && token.word === "'" && token.data !== undefined) this.appendBytes(token.data);
    else if (token.type === CONTROL && token.word !== undefined && token.param !== undefined) this.date[token.word] = token.param;
    else if (token.type === TEXT && token.data !== undefined) this.appendBytes(token.data);
  }

  // The first group of a kind wins. LibreOffice writes the last editor as a second \\author rather
  // than as \\operator, so a second \\author is read as that.
  private fieldName(word: string): string {
    const taken = (name: string) => this.fields[INFO_FIELDS[name] ?? ''] !== undefined;
    if (!taken(word)) return word;
    return word === 'author' && !taken('operator') ? 'operator' : 'ignored';
  }

  private appendBytes(data: Buffer): void {
    const skipped = data.subarray(Math.min(this.skip, data.length));
    this.skip = Math.max(0, this.skip - data.length);
    this.appendText(new TextDecoder(codepageLabel(this.codepage())).decode(skipped));
  }

  private appendText(text: string): void {
    const key = this.field === undefined ? undefined : INFO_FIELDS[this.field];
    if (key !== undefined) this.fields[key] = (this.fields[key] ?? '') + text;
  }

  private finishField(): void {
    const key = this.field === undefined ? undefined : INFO_FIELDS[this.field];
    const { yr, mo, dy, hr, min, sec } = this.date;
    if (key !== undefined && yr !== undefined && yr > 0) {
      const two = (value: number | undefined) => String(value ?? 0).padStart(2, '0');
      this.fields[key] =
        `${String(yr).padStart(4, '0')}-${two(mo ?? 1)}-${two(dy ?? 1)}` + (hr === undefined ? '' : `T${two(hr)}:${two(min)}:${two(sec)}`);
    }
    this.field = undefined;
  }
}

/** Between the tokenizer and ToPlainText: diverts \info, drops data groups, doubles \par, separates cells. */
class TokenFilter {
  readonly info: InfoReader;
  private depth = 0;
  private pendingGroup = false;
  private infoDepth = 0;
  private skipDepth = 0;
  private codepage = 1252;

  constructor(private readonly forward: (token: Token) => void) {
    this.info = new InfoReader(() => this.codepage);
  }

  take(token: Token): void {
    if (token.type === GROUP_START && ++this.depth > MAX_GROUP_DEPTH) {
      throw malformedOffice(WHAT, `its groups nest more than ${MAX_GROUP_DEPTH} deep`);
    }
    if (token.type === GROUP_END) this.depth -= 1;
    if (this.infoDepth > 0) return this.takeInfo(token);
    if (this.skipDepth > 0) return this.skipData(token);
    if (this.pendingGroup) {
      this.pendingGroup = false;
      if (token.type === CONTROL && token.word === 'info') {
        this.infoDepth = 1;
        return;
      }
      if (token.type === CONTROL && DATA_DESTINATIONS.has(token.word ?? '')) {
        this.skipDepth = 1;
        return;
      }
      this.forward({ type: GROUP_START } as Token);
    }
    if (token.type === GROUP_START) this.pendingGroup = true;
    else if (token.type === CONTROL && token.word === 'ansicpg' && token.param !== undefined) {
      this.codepage = token.param;
      this.forward(token);
    } else if (token.type === CONTROL && (token.word === 'par' || token.word === 'row')) {
      this.forward({ type: CONTROL, word: 'par' } as Token);
      this.forward({ type: CONTROL, word: token.word === 'row' ? 'par' : 'line' } as Token);
    } else if (token.type === CONTROL && token.word === 'cell') this.forward({ type: TEXT, data: Buffer.from(CELL_SEPARATOR) } as Token);
    else this.forward(token);
  }

  end(): void {
    if (this.pendingGroup) this.forward({ type: GROUP_START } as Token);
    this.pendingGroup = false;
  }

  private skipData(token: Token): void {
    if (token.type === GROUP_START) this.skipDepth += 1;
    else if (token.type === GROUP_END) this.skipDepth -= 1;
  }

  private takeInfo(token: Token): void {
    if (token.type === GROUP_START) this.infoDepth += 1;
    this.info.take(token, this.infoDepth);
    if (token.type === GROUP_END) this.infoDepth -= 1;
  }
}

function rtfText(bytes: Uint8Array): { text: string; info: Record<string, string> } {
  const fail = (error?: unknown) => {
    if (error !== undefined && error !== null) throw error;
  };
  const tokenizer = new rtfStreamParser.Tokenize();
  const plain = new ToPlainText({ decode: decodeCodepage, warn: () => undefined });
  const chunks: string[] = [];
  const filter = new TokenFilter((token) => plain._transform(token, undefined, fail));
  tokenizer.push = (token: Token) => {
    filter.take(token);
    return true;
  };
  plain.push = (chunk: string) => {
    chunks.push(chunk);
    return true;
  };
  tokenizer._transform(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), undefined, fail);
  tokenizer._flush(fail);
  filter.end();
  plain._flush(fail);
  return { text: chunks.join(''), info: filter.info.fields };
}

export function extractRtf(bytes: Uint8Array): ExtractResult {
  const { text, info } = rtfText(bytes);
  // \cell ends each cell, so a row line ends in a separator of its own.
  const body = text.replace(/ \| (?=\r?\n)/g, '').replace(/ \| $/, '');
  return officeResult(WHAT, body, toOfficeProps(info));
}
