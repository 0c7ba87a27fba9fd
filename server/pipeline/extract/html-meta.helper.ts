// Reads document-level facts from an HTML page's <head> and markup. Runs before Readability,
// which rewrites the DOM it is given.
import { normaliseLanguage } from './record-fields.helper.ts';

export interface HtmlMeta {
  titleTag?: string;
  ogTitle?: string;
  author?: string;
  dateText?: string;
  language?: string;
  canonicalUrl?: string;
  siteName?: string;
  description?: string;
}

function attribute(document: Document, selector: string, name: string): string | undefined {
  const value = document.querySelector(selector)?.getAttribute(name)?.replace(/\s+/g, ' ').trim();
  return value === '' ? undefined : value;
}

function meta(document: Document, ...selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = attribute(document, selector, 'content');
    if (value !== undefined) return value;
  }
  return undefined;
}

// Only absolute http(s) URLs are kept: the UI may turn this into a link, and a `javascript:`
// canonical URL in a hostile page must not become one.
function webUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function publishedDate(document: Document): string | undefined {
  return (
    meta(document, 'meta[property="article:published_time"]', 'meta[name="date"]', 'meta[name="DC.date"]') ??
    attribute(document, 'article time[datetime]', 'datetime') ??
    attribute(document, 'time[datetime]', 'datetime')
  );
}

export function readHtmlMeta(document: Document): HtmlMeta {
  const found: HtmlMeta = {
    titleTag: document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() || undefined,
    ogTitle: meta(document, 'meta[property="og:title"]'),
    author: meta(document, 'meta[name="author"]'),
    dateText: publishedDate(document),
    language: normaliseLanguage(document.documentElement?.getAttribute('lang')),
    canonicalUrl: webUrl(attribute(document, 'link[rel="canonical"]', 'href')) ?? webUrl(meta(document, 'meta[property="og:url"]')),
    siteName: meta(document, 'meta[property="og:site_name"]'),
    description: meta(document, 'meta[name="description"]', 'meta[property="og:description"]'),
  };
  return Object.fromEntries(Object.entries(found).filter(([, value]) => value !== undefined));
}
