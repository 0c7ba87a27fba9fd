// Web pages: only the article counts. Navigation, cookie banners, footers and related-story
// boxes are noise that would pollute search results and quote matching.
import { Readability } from '@mozilla/readability';
import { cleanText } from '../clean-text.ts';
import { decodeText, encodingMetadata } from './decode-text.helper.ts';
import type { DecodedText } from './decode-text.helper.ts';
import { resolveEncoding } from './detect-encoding.helper.ts';
import { extractError } from './extract-error.ts';
import type { ExtractedDocument, ExtractResult } from './extract.types.ts';
import { declaredHtmlCharset } from './html-charset.helper.ts';
import { htmlLayout } from './html-blocks.helper.ts';
import { nestingDepth, parseHtmlDocument } from './html-dom.helper.ts';
import { readHtmlMeta } from './html-meta.helper.ts';
import type { HtmlMeta } from './html-meta.helper.ts';
import { collectQuotes, htmlToText } from './html-to-text.helper.ts';
import { normaliseLanguage } from './record-fields.helper.ts';

// Readability's cost grows steeply with nesting depth and it overflows the stack a few thousand
// levels down; real pages stay well below this, hostile ones go straight to the fallback.
const READABILITY_MAX_DEPTH = 300;

/** Text of a whole HTML string, nothing removed (for e-mail bodies, which are not web pages). */
export function htmlToPlainText(html: string): string {
  const document = parseHtmlDocument(html);
  return cleanText(htmlToText(document.body));
}

const BOILERPLATE = [
  'nav, footer, aside, dialog, [aria-modal="true"]',
  '[role="navigation"], [role="contentinfo"], [role="complementary"], [role="dialog"], [role="alertdialog"]',
].join(', ');
// Consent banners rarely use semantic elements, so they are recognised by id/class words.
const CONSENT = /(?:^|[\s_-])(?:cookies?|consent|gdpr)(?:[\s_-]|$)/i;

// Readability scores these low but can still keep them when they sit inside the article's
// container; removing them first is cheaper than cleaning up afterwards.
function stripBoilerplate(document: Document): void {
  for (const element of Array.from(document.querySelectorAll(BOILERPLATE))) element.remove();
  for (const element of Array.from(document.querySelectorAll('[id], [class]'))) {
    const names = `${element.getAttribute('id') ?? ''} ${element.getAttribute('class') ?? ''}`;
    if (CONSENT.test(names)) element.remove();
  }
}

interface Article {
  root: Node;
  title?: string;
  byline?: string;
  publishedTime?: string;
  lang?: string;
  siteName?: string;
}

function readArticle(document: Document): Article | null {
  try {
    const article = new Readability<Node>(document, { serializer: (node) => node }).parse();
    if (!article?.content) return null;
    const { title, byline, publishedTime, lang, siteName } = article;
    return {
      root: article.content,
      title: title ?? undefined,
      byline: byline ?? undefined,
      publishedTime: publishedTime ?? undefined,
      lang: lang ?? undefined,
      siteName: siteName ?? undefined,
    };
  } catch {
    // Readability gives up on some malformed pages; the fallback below still finds their text.
    return null;
  }
}

interface ArticleText {
  article: Article | null;
  root: Node;
  body: string;
}

// Readability rewrites the DOM it reads, so when it fails the fallback starts from a fresh parse.
function articleText(document: Document, html: string): ArticleText {
  stripBoilerplate(document);
  if (nestingDepth(document) > READABILITY_MAX_DEPTH) return fallbackText(document, null);
  const article = readArticle(document);
  const body = article === null ? '' : cleanText(htmlToText(article.root));
  if (article !== null && body !== '') return { article, root: article.root, body };
  const fresh = parseHtmlDocument(html);
  stripBoilerplate(fresh);
  return fallbackText(fresh, article);
}

function fallbackText(document: Document, article: Article | null): ArticleText {
  const root = document.querySelector('main, article, [role="main"]') ?? document.body;
  return { article, root, body: cleanText(htmlToText(root)) };
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed;
}

interface PageText {
  html: string;
  encoding: Record<string, unknown>;
}

// A page's own <meta charset> is read before any guess. When the bytes overrule it (it names
// UTF-16, or the page is valid UTF-8 despite it), the declaration is kept beside what was used.
function decodePage(bytes: Uint8Array): PageText {
  const declared = declaredHtmlCharset(bytes);
  const decoded: DecodedText = decodeText(bytes, { declared });
  const declaredLabel = declared === undefined ? undefined : (resolveEncoding(declared)?.encoding ?? declared.toLowerCase());
  const overruled = declaredLabel !== undefined && declaredLabel !== decoded.encoding;
  return { html: decoded.text, encoding: { ...encodingMetadata(decoded), ...(overruled ? { declared_encoding: declaredLabel } : {}) } };
}

function buildDocument(
  meta: HtmlMeta,
  article: Article | null,
  root: Node,
  body: string,
  encoding: Record<string, unknown>,
): ExtractedDocument {
  const fields = {
    title: present(article?.title) ?? meta.titleTag ?? meta.ogTitle,
    author: meta.author ?? present(article?.byline),
    dateText: meta.dateText ?? present(article?.publishedTime),
    language: meta.language ?? normaliseLanguage(article?.lang),
  };
  const metadata = {
    canonicalUrl: meta.canonicalUrl,
    siteName: meta.siteName ?? present(article?.siteName),
    description: meta.description,
    htmlQuotes: root.nodeType === 1 ? collectQuotes(root as Element, cleanText) : [],
    // Headings, lists, quotes and emphasis as offsets into the body, so a report shows as published.
    ...htmlLayout(root, body),
    ...encoding,
  };
  const defined = <T extends object>(value: T): Partial<T> =>
    Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
  return { ...defined(fields), body, metadata: defined(metadata) };
}

export function extractHtml(bytes: Uint8Array): ExtractResult {
  const { html, encoding } = decodePage(bytes);
  const document = parseHtmlDocument(html);
  const meta = readHtmlMeta(document);
  const { article, root, body } = articleText(document, html);
  if (body === '') throw extractError('extract.no_text', 'The HTML page has no article text to import.');
  return { documents: [buildDocument(meta, article, root, body, encoding)], problems: [] };
}
