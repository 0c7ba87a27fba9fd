// The media type an original is recorded with (from its name), and the one it is served with: only
// types a browser will not run or render as a page are served as themselves, everything else as bytes.
import { extname } from 'node:path';

const BY_EXTENSION: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.jsonl': 'application/jsonl',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xhtml': 'application/xhtml+xml',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.eml': 'message/rfc822',
  '.mbox': 'application/mbox',
  '.msg': 'application/vnd.ms-outlook',
  '.pdf': 'application/pdf',
  '.rtf': 'application/rtf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
  '.zip': 'application/zip',
  '.tar': 'application/x-tar',
  '.gz': 'application/gzip',
  '.tgz': 'application/gzip',
  '.7z': 'application/x-7z-compressed',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

export const OCTET_STREAM = 'application/octet-stream';

/** Served as themselves: none of these is run or rendered as a page by a browser, even if opened. */
const SAFE_TO_SERVE = new Set([
  'text/plain',
  'text/csv',
  'text/markdown',
  'application/pdf',
  'message/rfc822',
  'application/zip',
  'application/gzip',
  'application/x-tar',
  'application/x-7z-compressed',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/tiff',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.ms-outlook',
  'application/rtf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);

/** The media type of a file by its name (the last part of `outer.zip!/inner/name.pdf`). */
export function mediaTypeOf(name: string): string {
  const base = name.split(/!\/|[/\\]/).pop() ?? name;
  return BY_EXTENSION[extname(base).toLowerCase()] ?? OCTET_STREAM;
}

/** The Content-Type an original is sent with: HTML, SVG, XML, scripts and anything unknown go as plain bytes. */
export function servedType(mediaType: string): string {
  if (!SAFE_TO_SERVE.has(mediaType)) return OCTET_STREAM;
  return mediaType;
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…`: the name without folders, control characters or
 * anything a shell or a file system would trip on; the ASCII fallback for old clients.
 */
export function contentDisposition(name: string): string {
  const base = (name.split(/!\/|[/\\]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"*:<>?|]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  const safe = base === '' ? 'original' : base;
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/[\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
