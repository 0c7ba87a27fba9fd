// The text of an office XML part: a block per paragraph, a table as rows of cells joined by ' | '
// (in row blocks), text boxes as paragraphs of their own. WordprocessingML, DrawingML (slides)
// and OpenDocument differ only in element names, which a dialect lists. What a reader of the
// document does not see stays out of the body: deleted revisions (kept apart, since they are
// often the interesting part of a leak), field codes, and the fallback copy of a drawing that
// Word writes next to its modern form.
import { CELL_SEPARATOR, rowBlocks } from './office-props.helper.ts';
import { walkXml } from './xml-walk.helper.ts';

type Container = { kind: 'blocks' | 'cell' | 'row' | 'table'; items: string[] };
type Characters = Record<string, (attributes: Readonly<Record<string, string>>) => string>;

export interface Dialect {
  paragraphs: ReadonlySet<string>;
  /** Elements whose text is document text; `undefined`: all text inside a paragraph is. */
  textElements?: ReadonlySet<string>;
  table: string;
  row: string;
  cell: string;
  /** Empty elements that stand for a character (tab, line break, runs of spaces). */
  characters: Characters;
  skipped: ReadonlySet<string>;
  /** Elements whose text is a tracked deletion, and those whose end closes one. */
  deletedText: ReadonlySet<string>;
  deletionEnd: ReadonlySet<string>;
  collapseSpace: boolean;
}

const fixed = (text: string) => () => text;

export const OOXML_DIALECT: Dialect = {
  paragraphs: new Set(['p']),
  textElements: new Set(['t']),
  table: 'tbl',
  row: 'tr',
  cell: 'tc',
  characters: { tab: fixed('\t'), br: fixed('\n'), cr: fixed('\n'), noBreakHyphen: fixed('-') },
  skipped: new Set(['Fallback', 'instrText', 'delInstrText', 'moveFrom', 'pPr', 'rPr', 'sectPr', 'tblPr', 'trPr', 'tcPr']),
  deletedText: new Set(['delText']),
  deletionEnd: new Set(['del']),
  collapseSpace: false,
};

export const ODF_DIALECT: Dialect = {
  paragraphs: new Set(['p', 'h']),
  table: 'table',
  row: 'table-row',
  cell: 'table-cell',
  characters: {
    s: (attributes) => ' '.repeat(Math.min(Math.max(Number(attributes.c ?? 1) || 1, 1), 100)),
    tab: fixed('\t'),
    'line-break': fixed('\n'),
  },
  skipped: new Set(['note', 'annotation', 'change-info', 'tracked-changes-view', 'bookmark-ref', 'sequence-decls', 'forms']),
  deletedText: new Set(['deletion']),
  deletionEnd: new Set(['deletion']),
  collapseSpace: true,
};

export class TextCollector {
  readonly deleted: string[] = [];
  private readonly containers: Container[] = [{ kind: 'blocks', items: [] }];
  private readonly paragraphs: string[] = [];
  private skipDepth = 0;
  private deletionDepth = 0;
  private textDepth = 0;
  private deletion = '';

  constructor(private readonly dialect: Dialect) {}

  open(name: string, attributes: Readonly<Record<string, string>> = {}): void {
    const dialect = this.dialect;
    if (this.skipDepth > 0 || dialect.skipped.has(name)) this.skipDepth += 1;
    else if (this.deletionDepth > 0 || dialect.deletedText.has(name)) this.deletionDepth += 1;
    else if (dialect.paragraphs.has(name)) this.paragraphs.push('');
    else if (dialect.textElements?.has(name)) this.textDepth += 1;
    else if (name === dialect.table) this.containers.push({ kind: 'table', items: [] });
    else if (name === dialect.row) this.containers.push({ kind: 'row', items: [] });
    else if (name === dialect.cell) this.containers.push({ kind: 'cell', items: [] });
    else if (Object.hasOwn(dialect.characters, name)) this.append(dialect.characters[name]!(attributes));
  }

  close(name: string): void {
    const dialect = this.dialect;
    if (this.skipDepth > 0) this.skipDepth -= 1;
    else if (this.deletionDepth > 0) {
      this.deletionDepth -= 1;
      if (this.deletionDepth === 0 && dialect.deletionEnd.has(name)) this.endDeletion();
    } else if (dialect.deletionEnd.has(name)) this.endDeletion();
    else if (dialect.paragraphs.has(name)) this.deliver(this.paragraphs.pop() ?? '');
    else if (dialect.textElements?.has(name)) this.textDepth = Math.max(0, this.textDepth - 1);
    else if (name === dialect.table || name === dialect.row || name === dialect.cell) this.closeContainer();
  }

  text(text: string): void {
    if (this.skipDepth > 0) return;
    const clean = this.dialect.collapseSpace ? text.replace(/[ \t\r\n]+/g, ' ') : text;
    if (this.deletionDepth > 0) this.deletion += clean;
    else if (this.dialect.textElements === undefined || this.textDepth > 0) this.append(clean);
  }

  /** The blocks collected so far, and forgets them (a notes part asks once per note). */
  take(): string[] {
    return this.containers[0]!.items.splice(0);
  }

  private append(text: string): void {
    const last = this.paragraphs.length - 1;
    if (last >= 0) this.paragraphs[last] += text;
  }

  private endDeletion(): void {
    const text = this.deletion.replace(/\s+/g, ' ').trim();
    if (text !== '') this.deleted.push(text);
    this.deletion = '';
  }

  private deliver(text: string): void {
    const container = this.containers[this.containers.length - 1]!;
    const trimmed = text.trim();
    if (trimmed === '') return;
    // A cell's paragraphs share its line.
    container.items.push(container.kind === 'cell' ? trimmed.replace(/\s*\n\s*/g, ' ') : trimmed);
  }

  private closeContainer(): void {
    if (this.containers.length === 1) return; // an unbalanced close in a damaged part
    const container = this.containers.pop()!;
    const parent = this.containers[this.containers.length - 1]!;
    if (container.kind === 'cell') parent.items.push(container.items.join(' '));
    else if (container.kind === 'row') {
      const cells = container.items;
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      if (cells.length > 0) parent.items.push(cells.join(CELL_SEPARATOR));
    } else if (parent.kind === 'blocks') parent.items.push(...rowBlocks(container.items));
    else parent.items.push(container.items.join(' / '));
  }
}

export interface PartText {
  blocks: string[];
  deleted: string[];
}

/** Blocks of one part, and the text its tracked deletions removed. */
export function partText(bytes: Uint8Array, part: string, what: string, dialect: Dialect): PartText {
  const collector = new TextCollector(dialect);
  walkXml(bytes, part, what, collector);
  return { blocks: collector.take(), deleted: collector.deleted };
}
