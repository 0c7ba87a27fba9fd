// Names for the files a message carries. The name chooses the extractor and is shown as
// `mail.eml!/name`, so a sender's filename is evidence to keep but also hostile input: it may
// hold a path, control or bidi characters (`report\u202Efdp.exe`), or be missing altogether.

const EXTENSIONS = new Map<string, string>([
  ['application/pdf', '.pdf'],
  ['text/plain', '.txt'],
  ['text/html', '.html'],
  ['text/markdown', '.md'],
  ['text/csv', '.csv'],
  ['text/calendar', '.ics'],
  ['text/rtf', '.rtf'],
  ['application/rtf', '.rtf'],
  ['application/json', '.json'],
  ['message/rfc822', '.eml'],
  ['application/vnd.ms-outlook', '.msg'],
  ['application/msword', '.doc'],
  ['application/vnd.ms-excel', '.xls'],
  ['application/vnd.ms-powerpoint', '.ppt'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', '.pptx'],
  ['application/vnd.oasis.opendocument.text', '.odt'],
  ['application/vnd.oasis.opendocument.spreadsheet', '.ods'],
  ['application/zip', '.zip'],
  ['application/x-zip-compressed', '.zip'],
  ['application/gzip', '.gz'],
  ['application/x-tar', '.tar'],
  ['application/x-7z-compressed', '.7z'],
  ['image/jpeg', '.jpg'],
  ['image/png', '.png'],
  ['image/gif', '.gif'],
  ['image/tiff', '.tif'],
  ['image/webp', '.webp'],
]);

export const MAX_ATTACHMENT_NAME_LENGTH = 200;

// Controls, format characters (bidi overrides, zero-width joiners) and path separators.
const UNSAFE = /[\p{Cc}\p{Cf}\\/]+/gu;

export function extensionForMimeType(mimeType: string): string {
  return EXTENSIONS.get(mimeType.trim().toLowerCase()) ?? '.bin';
}

function shorten(name: string): string {
  if (name.length <= MAX_ATTACHMENT_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, MAX_ATTACHMENT_NAME_LENGTH - extension.length) + extension;
}

/** The sender's filename made safe, or a name made from the MIME type (`attachment-2.pdf`). */
export function attachmentName(filename: string | null | undefined, mimeType: string, position: number): string {
  const given = (filename ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = given.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const usable = cleaned !== '' && !/^\.+$/.test(cleaned);
  const extension = extensionForMimeType(mimeType);
  let name = usable ? cleaned : `attachment-${position}${extension}`;
  // A forwarded message is read as mail whatever the sender called it.
  if ((extension === '.eml' || extension === '.msg') && !name.toLowerCase().endsWith(extension)) name += extension;
  return shorten(name);
}

/** Two attachments called `report.pdf` become `report.pdf` and `report (2).pdf`, so each has its own path. */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    const dot = name.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${stem} (${n})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
