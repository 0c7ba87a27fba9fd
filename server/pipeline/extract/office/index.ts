// Extractors for office documents, by file extension; extract.ts merges them into its table.
// The extension says what a file should be, its first bytes what it is: a .doc is often RTF or a
// renamed .docx, and a password-protected .docx is an OLE file. Each reader is chosen by content,
// and whatever a library throws comes out as an ExtractError.
import type { Extractor, ExtractResult } from '../extract.types.ts';
import { extractDoc } from './doc.extractor.ts';
import { extractDocx } from './docx.extractor.ts';
import { encryptedOffice, guardOffice, malformedOffice } from './office-error.helper.ts';
import { extractOdt } from './odt.extractor.ts';
import { isEncryptedPackage, isOle, readOle } from './ole.helper.ts';
import { extractPptx } from './pptx.extractor.ts';
import { extractRtf, isRtf } from './rtf.extractor.ts';
import { extractSpreadsheet } from './spreadsheet.extractor.ts';
import { isZip, zipEntryNames } from './zip-parts.helper.ts';

function readText(bytes: Uint8Array, what: string): ExtractResult | Promise<ExtractResult> {
  if (isRtf(bytes)) return extractRtf(bytes);
  if (isOle(bytes)) {
    if (isEncryptedPackage(readOle(bytes, what))) throw encryptedOffice(what);
    return extractDoc(bytes);
  }
  if (isZip(bytes)) return zipEntryNames(bytes, what).includes('content.xml') ? extractOdt(bytes) : extractDocx(bytes);
  throw malformedOffice(what, 'it is not a Word, OpenDocument or RTF file');
}

function readPresentation(bytes: Uint8Array): ExtractResult {
  if (isOle(bytes) && isEncryptedPackage(readOle(bytes, 'presentation'))) throw encryptedOffice('presentation');
  if (isOle(bytes))
    throw malformedOffice('presentation', 'it is a legacy PowerPoint .ppt file, which Trove does not read: save it as .pptx');
  return extractPptx(bytes);
}

const textReader =
  (what: string): Extractor =>
  (bytes) =>
    guardOffice(what, () => readText(bytes, what));
const presentation: Extractor = (bytes) => guardOffice('presentation', () => readPresentation(bytes));
const spreadsheet: Extractor = (bytes) => guardOffice('spreadsheet', () => extractSpreadsheet(bytes));

export const OFFICE_EXTRACTORS: ReadonlyMap<string, Extractor> = new Map<string, Extractor>([
  ['.docx', textReader('Word document')],
  ['.docm', textReader('Word document')],
  ['.doc', textReader('Word document')],
  ['.odt', textReader('OpenDocument text')],
  ['.rtf', textReader('RTF document')],
  ['.xlsx', spreadsheet],
  ['.xlsm', spreadsheet],
  ['.xls', spreadsheet],
  ['.ods', spreadsheet],
  ['.pptx', presentation],
  ['.pptm', presentation],
]);
