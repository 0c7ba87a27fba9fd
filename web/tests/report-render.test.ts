import { describe, expect, it } from 'vitest';
import { cleanText } from '../../server/pipeline/clean-text.ts';
import { htmlLayout } from '../../server/pipeline/extract/html-blocks.helper.ts';
import { parseHtmlDocument } from '../../server/pipeline/extract/html-dom.helper.ts';
import { htmlToText } from '../../server/pipeline/extract/html-to-text.helper.ts';
import type { Quotation } from '../src/lib/api/types.ts';
import { htmlStructure } from '../src/lib/report-render/html-blocks.ts';
import { markdownStructure } from '../src/lib/report-render/markdown-blocks.ts';
import { leaves, plainStructure, type ReportBlock } from '../src/lib/report-render/report-blocks.ts';
import { reportFormat } from '../src/lib/report-render/report-format.ts';
import { layoutStructure, type LaidBlock, type LaidLeaf, type LaidPiece, type Run } from '../src/lib/report-render/report-layout.ts';

function quotationOf(body: string, text: string, ordinal = 1): Quotation {
  const start = body.indexOf(text);
  expect(start, `the body should hold “${text}”`).toBeGreaterThanOrEqual(0);
  return {
    id: ordinal,
    ordinal,
    start,
    end: start + text.length,
    text,
    style: 'marks',
    status: 'unmatched',
    tooShort: false,
    decision: null,
    decidedBy: null,
    decidedAt: null,
    fragments: [{ start, end: start + text.length }],
    insertions: [],
    ellipses: [],
    links: [],
  };
}

const pieceRuns = (piece: LaidPiece): Run[] => (piece.kind === 'text' ? piece.runs : piece.parts.flatMap((part) => part.runs));
const laidLeaves = (blocks: LaidBlock[]): LaidLeaf[] => leaves(blocks as ReportBlock[]) as LaidLeaf[];
/** What a reader sees of a block: its runs without the hidden markup. */
const visible = (leaf: LaidLeaf) =>
  leaf.pieces
    .flatMap(pieceRuns)
    .filter((run) => !run.hidden)
    .map((run) => run.text)
    .join('');

const REPORT = `# The ledger *files*

Intro with a [link](javascript:alert(1)) and ![a chart](x.png) and \`code\`.

## Two currencies

> The clerk wrote “the money went
> to the harbour” on the last page.

- first point
- second **strong** point

3. three
4. four

\`\`\`
raw <script>
\`\`\`

---
`;

describe('Markdown report structure', () => {
  const structure = markdownStructure(REPORT);
  const blocks = structure.blocks;

  it('finds headings, paragraphs, block quotes, lists and code with their levels', () => {
    expect(blocks.map((b) => (b.kind === 'leaf' ? `${b.tag}${b.level || ''}` : b.kind))).toEqual([
      'heading1',
      'paragraph',
      'heading2',
      'quote',
      'list',
      'list',
      'code',
      'rule',
    ]);
    const [bullets, numbers] = blocks.filter((b) => b.kind === 'list');
    expect(bullets!.ordered).toBe(false);
    expect(bullets!.items).toHaveLength(2);
    expect(numbers!.ordered && numbers!.first).toBe(3);
  });

  it('hides the markup and shows the text, links and images as text', () => {
    const laid = laidLeaves(layoutStructure(REPORT, structure, []));
    expect(laid.map(visible).map((text) => text.trim())).toEqual([
      'The ledger files',
      'Intro with a link and a chart and code.',
      'Two currencies',
      'The clerk wrote “the money went\nto the harbour” on the last page.',
      'first point',
      'second strong point',
      'three',
      'four',
      'raw <script>',
      '',
    ]);
    const intro = laid[1]!.pieces.flatMap(pieceRuns);
    expect(intro.find((run) => run.text === 'link')?.marks).toEqual(['link']);
    expect(intro.find((run) => run.text === 'a chart')?.marks).toEqual(['image']);
    expect(intro.filter((run) => run.hidden).map((run) => run.text)).toContain('(javascript:alert(1))');
    expect(laid[0]!.pieces.flatMap(pieceRuns).find((run) => run.text === 'files')?.marks).toEqual(['emphasis']);
  });

  it('cuts every run from the body, so a quotation’s pieces are body.slice(start, end) exactly', () => {
    const q = quotationOf(REPORT, '“the money went\n> to the harbour”');
    const laid = laidLeaves(layoutStructure(REPORT, structure, [q]));
    for (const leaf of laid)
      for (const run of leaf.pieces.flatMap(pieceRuns)) expect(run.text).toBe(REPORT.slice(run.start, run.start + run.text.length));
    const quoted = laid.flatMap((leaf) => leaf.pieces).filter((p) => p.kind === 'quote');
    expect(quoted).toHaveLength(1);
    expect(
      quoted
        .flatMap(pieceRuns)
        .map((r) => r.text)
        .join(''),
    ).toBe(REPORT.slice(q.start, q.end));
    // The block quote's `> ` inside the quotation is markup, hidden, not text.
    expect(
      quoted
        .flatMap(pieceRuns)
        .filter((r) => r.hidden)
        .map((r) => r.text),
    ).toEqual(['> ']);
  });

  it('gives a quotation across two blocks one anchor', () => {
    const body = '“First paragraph of the quotation\n\n“and its second paragraph,” he said.';
    const q = quotationOf(body, body.slice(0, body.indexOf('”') + 1));
    const pieces = laidLeaves(layoutStructure(body, markdownStructure(body), [q])).flatMap((leaf) => leaf.pieces);
    expect(pieces.filter((p) => p.kind === 'quote').map((p) => p.kind === 'quote' && p.first)).toEqual([true, false]);
  });

  it('stays quick and whole on hostile nesting', () => {
    const body = `${'> '.repeat(2000)}deep\n\n${'*'.repeat(5000)} stars ${'['.repeat(3000)}`;
    const started = performance.now();
    const structure = markdownStructure(body);
    expect(performance.now() - started).toBeLessThan(3000);
    const runs = laidLeaves(layoutStructure(body, structure, [])).flatMap((leaf) => leaf.pieces.flatMap(pieceRuns));
    expect(runs.map((r) => r.text).join('')).toContain('deep');
  });
});

describe('HTML report structure', () => {
  const body = 'Inside the network\n\nThe first paragraph.\n\nOne item\n\nAnother item\n\nA quoted paragraph.';
  const at = (text: string) => ({ start: body.indexOf(text), end: body.indexOf(text) + text.length });
  const entries = [
    { ...at('Inside the network'), tag: 'h1', within: [] },
    { ...at('The first paragraph.'), tag: 'p', within: [] },
    { ...at('One item'), tag: 'li', within: ['ul:1', 'li:2'] },
    { ...at('Another item'), tag: 'li', within: ['ul:1', 'li:3'] },
    { ...at('A quoted paragraph.'), tag: 'p', within: ['blockquote:4'] },
    { start: 5, end: 9999, tag: 'h2', within: [] },
    'junk',
  ];

  it('rebuilds headings, lists and block quotes from the entries kept at import', () => {
    const { blocks } = htmlStructure(body, entries, [
      { kind: 'emphasis', ...at('first') },
      { kind: 'script', ...at('item') },
    ]);
    expect(blocks.map((b) => (b.kind === 'leaf' ? `${b.tag}${b.level || ''}` : b.kind))).toEqual([
      'heading1',
      'paragraph',
      'list',
      'quote',
    ]);
    const list = blocks[2]!;
    expect(list.kind === 'list' && list.items.map((item) => item.children.length)).toEqual([1, 1]);
    expect(
      htmlStructure(body, entries, [
        { kind: 'emphasis', ...at('first') },
        { kind: 'script', ...at('item') },
      ]).inline,
    ).toEqual([{ kind: 'emphasis', ...at('first') }]);
  });

  it('reads what the import keeps for a page (html-blocks.helper.ts)', () => {
    const root = parseHtmlDocument(
      '<article><h2>A <em>heading</em></h2><p>Text.</p><ul><li>One</li><li>Two</li></ul><blockquote><p>Quoted.</p></blockquote></article>',
    ).querySelector('article')!;
    const page = cleanText(htmlToText(root));
    const kept = htmlLayout(root, page);
    const structure = htmlStructure(page, kept.htmlBlocks, kept.htmlInline);
    expect(structure.blocks.map((b) => (b.kind === 'leaf' ? `${b.tag}${b.level || ''}` : b.kind))).toEqual([
      'heading2',
      'paragraph',
      'list',
      'quote',
    ]);
    const laid = laidLeaves(layoutStructure(page, structure, []));
    expect(laid[0]!.pieces.flatMap(pieceRuns).map((r) => [r.text, r.marks])).toEqual([
      ['A ', []],
      ['heading', ['emphasis']],
    ]);
  });

  it('shows a body without entries as plain paragraphs', () => {
    expect(htmlStructure(body, undefined).blocks).toEqual(plainStructure(body).blocks);
  });
});

describe('report format', () => {
  it('is Markdown for a .md file, HTML when the import kept blocks, else plain text', () => {
    expect(reportFormat({ sourceFile: 'reports/a.md', metadata: {} })).toBe('markdown');
    expect(reportFormat({ sourceFile: 'reports/a.html', metadata: { htmlBlocks: [] } })).toBe('html');
    expect(reportFormat({ sourceFile: 'reports/a.txt', metadata: {} })).toBe('text');
    expect(reportFormat(null)).toBe('text');
  });
});
