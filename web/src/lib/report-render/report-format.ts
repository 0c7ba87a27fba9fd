// Which structure a report's body has: Markdown is stored as written, an HTML page as its text with
// the offsets of its blocks kept beside it at import; anything else is shown as plain paragraphs.

import type { DocumentDetail } from '../api/types.ts';
import { htmlStructure } from './html-blocks.ts';
import { markdownStructure } from './markdown-blocks.ts';
import { plainStructure, type ReportFormat, type ReportStructure } from './report-blocks.ts';

const MARKDOWN_FILE = /\.(?:md|markdown|mdown|mkdn?|mdwn)$/i;

export function reportFormat(detail: Pick<DocumentDetail, 'sourceFile' | 'metadata'> | null): ReportFormat {
  if (!detail) return 'text';
  if (Array.isArray(detail.metadata['htmlBlocks'])) return 'html';
  return MARKDOWN_FILE.test(detail.sourceFile ?? '') ? 'markdown' : 'text';
}

export function reportStructure(body: string, detail: Pick<DocumentDetail, 'sourceFile' | 'metadata'> | null): ReportStructure {
  switch (reportFormat(detail)) {
    case 'markdown':
      return markdownStructure(body);
    case 'html':
      return htmlStructure(body, detail!.metadata['htmlBlocks'], detail!.metadata['htmlInline']);
    default:
      return plainStructure(body);
  }
}
