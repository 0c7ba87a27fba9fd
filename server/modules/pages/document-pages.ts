import { pageAt, type StoredPage } from '../../../db/pages.repository.ts';
import { LOW_CONFIDENCE_PAGE, type DocumentPageInfo, type DocumentPageWords } from './pages.schemas.ts';

export function isLowConfidence(page: Pick<StoredPage, 'source' | 'confidence'>): boolean {
  return page.source === 'ocr' && (page.confidence ?? 0) < LOW_CONFIDENCE_PAGE;
}

export function toPageInfo(page: StoredPage): DocumentPageInfo {
  return {
    number: page.number,
    start: page.start,
    end: page.end,
    width: page.width ?? null,
    height: page.height ?? null,
    source: page.source,
    confidence: page.confidence ?? null,
    lowConfidence: isLowConfidence(page),
  };
}

export function toPageWords(page: StoredPage): DocumentPageWords {
  return { ...toPageInfo(page), words: page.words ?? [] };
}

/** Each passage with the page holding its start, and the page list, for the document API. */
export function withPages<P extends { start: number }>(passages: readonly P[], pages: readonly StoredPage[]) {
  return {
    passages: passages.map((passage) => ({ ...passage, page: pageAt(pages, passage.start) })),
    pages: pages.map(toPageInfo),
  };
}
