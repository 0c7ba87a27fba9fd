import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../clean-text.ts';
import { htmlLayout } from './html-blocks.helper.ts';
import { parseHtmlDocument } from './html-dom.helper.ts';
import { htmlToText } from './html-to-text.helper.ts';

/** The body extraction would store for this root, and the layout beside it. */
function layoutOf(html: string, selector = 'body') {
  const root = parseHtmlDocument(html).querySelector(selector)!;
  const body = cleanText(htmlToText(root));
  return { body, ...htmlLayout(root, body) };
}

const PAGE = `<article>
  <h1>Inside   the network</h1>
  <p>The first <em>paragraph</em> with <strong>strong <i>nested</i></strong> words and <a href="javascript:alert(1)">a link</a>.</p>
  <h2>Lists</h2>
  <ul><li>One item</li><li>Another <code>item</code>
    <ol><li>A nested item</li></ol></li></ul>
  <blockquote><p>A quoted paragraph.</p><p>And a second one.</p></blockquote>
  <pre>  keep
   this</pre>
  <div>Loose text<br>on two lines</div>
</article>`;

describe('htmlLayout', () => {
  const { body, htmlBlocks = [], htmlInline = [] } = layoutOf(PAGE, 'article');
  const texts = htmlBlocks.map((b) => body.slice(b.start, b.end));

  it('gives every paragraph of the body its block and containers, as offsets into the body', () => {
    expect(texts).toEqual(body.split('\n\n'));
    expect(htmlBlocks.map((b) => b.tag)).toEqual(['h1', 'p', 'h2', 'li', 'li', 'li', 'p', 'p', 'pre', 'p']);
    const [one, another, nested] = htmlBlocks.filter((b) => b.tag === 'li');
    expect(one!.within).toHaveLength(2);
    expect(another!.within[0]).toBe(one!.within[0]);
    expect(another!.within[1]).not.toBe(one!.within[1]);
    expect(nested!.within).toHaveLength(4);
    expect(nested!.within.slice(0, 2)).toEqual(another!.within);
    const quoted = htmlBlocks.filter((b) => b.within.some((w) => w.startsWith('blockquote:')));
    expect(quoted.map((b) => body.slice(b.start, b.end))).toEqual(['A quoted paragraph.', 'And a second one.']);
  });

  it('places emphasis, strong text, code and links on their words', () => {
    expect(htmlInline.map((m) => [m.kind, body.slice(m.start, m.end)])).toEqual([
      ['emphasis', 'paragraph'],
      ['strong', 'strong nested'],
      ['emphasis', 'nested'],
      ['link', 'a link'],
      ['code', 'item'],
    ]);
  });

  it('keeps the offsets of the sample HTML report', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../../fixtures/sample-archive/reports/report-shadow-network.html'), 'utf8');
    const sample = layoutOf(html, 'article');
    expect(sample.htmlBlocks!.map((b) => sample.body.slice(b.start, b.end))).toEqual(sample.body.split('\n\n'));
    expect(sample.htmlBlocks!.some((b) => b.tag === 'h2')).toBe(true);
    for (const mark of sample.htmlInline!) expect(mark.end).toBeGreaterThan(mark.start);
  });

  it('gives nothing when the body is not the text of the root', () => {
    const root = parseHtmlDocument('<p>One</p>').body;
    expect(htmlLayout(root, 'Something else')).toEqual({});
  });

  it('stays flat and quick on hostile nesting', () => {
    const deep = `${'<blockquote>'.repeat(5000)}deep text${'</blockquote>'.repeat(5000)}`;
    const started = performance.now();
    const { htmlBlocks: blocks = [] } = layoutOf(deep);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.within.length).toBeLessThanOrEqual(12);
  });
});
