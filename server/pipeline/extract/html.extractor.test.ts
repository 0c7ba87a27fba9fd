import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sampleText } from '../../../fixtures/formats/encodings/make-encodings.ts';
import { ExtractError } from './extract-error.ts';
import { extractHtml, htmlToPlainText } from './html.extractor.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../fixtures/formats', name));
const html = (source: string) => extractHtml(new TextEncoder().encode(source));

describe('extractHtml on a news page', () => {
  const [document] = extractHtml(fixture('sample.html')).documents;
  const body = document?.body ?? '';

  it('keeps the article sentences', () => {
    expect(body).toContain('The agriculture ministry confirmed on Monday that it had signed a long-term grain supply agreement');
    expect(body).toContain('Under the agreement, deliveries will begin in the spring');
    expect(body).toContain("Farmers' unions criticised the plan");
  });

  it('drops navigation, the cookie banner, the footer and related stories', () => {
    for (const noise of [
      'Home page',
      'World section',
      'cookies',
      'Accept all',
      'Copyright 2014',
      'Related stories',
      'Bread prices rise',
      'Drought hits',
    ]) {
      expect(body).not.toContain(noise);
    }
  });

  it('never includes script or style source', () => {
    expect(body).not.toContain('TRACKING-SNIPPET');
    expect(body).not.toContain('position: fixed');
  });

  it('separates paragraphs with blank lines and keeps a blockquote as its own paragraph', () => {
    const paragraphs = body.split('\n\n');
    expect(paragraphs).toContain('This agreement secures bread for every family in the country.');
    expect(paragraphs.some((paragraph) => paragraph.startsWith('Under the agreement,'))).toBe(true);
    expect(body).not.toMatch(/\n{3}/);
  });

  it('reads title, author, date and language from the page', () => {
    expect(document).toMatchObject({
      title: 'Ministry confirms grain deal',
      author: 'Mina Rostami',
      dateText: '2014-11-03T09:30:00+03:30',
      language: 'en',
    });
  });

  it('records the canonical URL, site name and the quotes found in the article', () => {
    expect(document?.metadata).toEqual({
      canonicalUrl: 'https://ledger.example.org/2014/11/grain-deal',
      siteName: 'The Daily Ledger',
      htmlQuotes: ['This agreement secures bread for every family in the country.', 'difficult but fair'],
      htmlBlocks: expect.any(Array),
      htmlInline: expect.any(Array),
      encoding: 'utf-8',
    });
  });

  it('records each paragraph as an exact slice of the body, with the block it came from', () => {
    const blocks = document!.metadata.htmlBlocks as Array<{ start: number; end: number; tag: string }>;
    expect(blocks.length).toBeGreaterThan(0);
    const paragraphs = document!.body.split('\n\n');
    expect(blocks.map((b) => document!.body.slice(b.start, b.end))).toEqual(paragraphs);
  });
});

describe('extractHtml edge cases', () => {
  it('falls back to <title> and og:url, and to <time datetime> for the date', () => {
    const [document] = html(`<html><head><title>Short note</title>
      <meta property="og:url" content="https://example.org/note"></head>
      <body><p>Just one short paragraph of text, published <time datetime="2014-11-03">Monday</time>.</p></body></html>`).documents;
    expect(document?.title).toBe('Short note');
    expect(document?.dateText).toBe('2014-11-03');
    expect(document?.body).toBe('Just one short paragraph of text, published Monday.');
    expect(document?.metadata.canonicalUrl).toBe('https://example.org/note');
  });

  it('does not keep a javascript: canonical URL', () => {
    const [document] = html(`<html><head><link rel="canonical" href="javascript:alert(1)"></head>
      <body><p>Some article text.</p></body></html>`).documents;
    expect(document?.metadata.canonicalUrl).toBeUndefined();
  });

  it('turns <br> into line breaks and table rows into tab-separated lines', () => {
    const [document] = html(`<body><p>Line one<br>Line two</p>
      <table><tr><th>Name</th><th>Role</th></tr><tr><td>A. Karimi</td><td>Envoy</td></tr></table></body>`).documents;
    expect(document?.body).toBe('Line one\nLine two\n\nName\tRole\n\nA. Karimi\tEnvoy');
  });

  it('keeps <pre> text as written', () => {
    const [document] = html('<body><pre>\ncol1   col2\n  indented</pre></body>').documents;
    expect(document?.body).toBe('col1   col2\n  indented');
  });

  it('keeps <pre> content but not a script hidden inside it', () => {
    const [document] = html('<body><pre>line <script>alert(1)</script>one\nline two</pre></body>').documents;
    expect(document?.body).toBe('line one\nline two');
  });

  it('reports a page with no text as extract.no_text', () => {
    const error = (() => {
      try {
        html('<html><head><title>Empty</title><script>var a = "text";</script></head><body><nav>Home</nav><img src="x"></body></html>');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ExtractError);
    expect(error).toMatchObject({ code: 'extract.no_text', message: 'The HTML page has no article text to import.' });
  });

  it('copes with very deep nesting without overflowing the stack', () => {
    const depth = 6_000;
    const source = `<body>${'<span>'.repeat(depth)}deep text${'</span>'.repeat(depth)}</body>`;
    expect(html(source).documents[0]?.body).toBe('deep text');
  });
});

describe('htmlToPlainText', () => {
  it('keeps everything that is text, for HTML that is not a web page', () => {
    expect(htmlToPlainText('<style>p{}</style><p>Hello <b>there</b></p><div>Second</div><footer>Sent from my phone</footer>')).toBe(
      'Hello there\n\nSecond\n\nSent from my phone',
    );
  });
});

describe('extractHtml encodings', () => {
  const page = (head: string, text: string) =>
    `<!DOCTYPE html><html><head>${head}<title>Port report</title></head><body><article><p>${text}</p></article></body></html>`;

  it('honours <meta charset> over what a detector would guess', () => {
    // On one sentence the detector takes Mac Cyrillic for Windows-1251 (they share the lower-case
    // letters); the page's own word settles it.
    const text = 'Посольство предлагает подробнее осветить этот вопрос.';
    const [document] = extractHtml(iconv.encode(page('<meta charset="x-mac-cyrillic">', text), 'maccyrillic')).documents;
    expect(document?.body).toBe(text);
    expect(document?.metadata).toMatchObject({ encoding: 'x-mac-cyrillic' });
  });

  it('reads Arabic declared as Windows-1256', () => {
    const arabic = sampleText('arabic-report');
    const [document] = extractHtml(iconv.encode(page('<meta charset="windows-1256">', arabic), 'windows-1256')).documents;
    expect(document?.metadata).toMatchObject({ encoding: 'windows-1256' });
    expect(document?.body).toContain('الموضوع: استئناف شحنات الوقود في الميناء الجنوبي');
  });

  it('honours an http-equiv Content-Type declaration', () => {
    const russian = sampleText('russian-report');
    const head = '<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">';
    const [document] = extractHtml(iconv.encode(page(head, russian), 'koi8-r')).documents;
    expect(document?.metadata).toMatchObject({ encoding: 'koi8-r' });
    expect(document?.body).toContain('Тема: возобновление поставок топлива в южном порту');
  });

  it('reads a declared Latin-1 page with curly quotes as Windows-1252, as browsers do', () => {
    const bytes = iconv.encode(page('<meta charset="iso-8859-1">', 'The so-called \u201cnorthern berth problem\u201d.'), 'windows-1252');
    const [document] = extractHtml(bytes).documents;
    expect(document?.body).toBe('The so-called \u201cnorthern berth problem\u201d.');
    expect(document?.metadata.encoding).toBe('windows-1252');
  });

  it('detects the encoding of a page without a declaration', () => {
    const persian = sampleText('persian-cable');
    const [document] = extractHtml(iconv.encode(page('', persian), 'windows-1256')).documents;
    expect(document?.metadata).toMatchObject({ encoding: 'windows-1256' });
    expect(document?.body).toContain('سفارت پيشنهاد مي‌کند');
  });

  it('keeps valid UTF-8 as UTF-8 when an old declaration says otherwise, and notes the declaration', () => {
    const [document] = html(page('<meta charset="windows-1256">', 'گزارش محرمانه')).documents;
    expect(document?.body).toBe('گزارش محرمانه');
    expect(document?.metadata).toMatchObject({ encoding: 'utf-8', declared_encoding: 'windows-1256' });
  });

  it('ignores a declaration inside a comment', () => {
    const bytes = iconv.encode(page('<!-- <meta charset="koi8-r"> -->', sampleText('persian-cable')), 'windows-1256');
    expect(extractHtml(bytes).documents[0]?.metadata).toMatchObject({ encoding: 'windows-1256' });
  });
});
