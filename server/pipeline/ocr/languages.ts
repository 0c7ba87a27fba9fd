// Which Tesseract languages a document is read in: asked for (`--ocr-lang eng+fas`), declared by the document
// (front matter or a PDF's /Lang), or detected from the script on its first page.
import { LANGUAGE_NAMES } from './ocr.types.ts';

const FROM_ISO: Record<string, string> = { en: 'eng', fa: 'fas', per: 'fas', prs: 'fas' };
const FROM_SCRIPT: Record<string, string> = { Latin: 'eng', Arabic: 'fas' };

/** "eng+fas" → ['eng', 'fas']; refused in words when a code is not a Tesseract language code. */
export function parseLanguages(spec: string): string[] {
  const codes = spec
    .split(/[+,\s]+/)
    .map((code) => code.trim().toLowerCase())
    .filter((code) => code !== '');
  const bad = codes.find((code) => !/^[a-z]{3}(_[a-z]+)?$/.test(code));
  if (bad !== undefined || codes.length === 0) {
    throw new Error(`"${bad ?? spec}" is not a Tesseract language code; use three-letter codes joined by +, such as eng+fas.`);
  }
  return [...new Set(codes)];
}

/** The Tesseract language of an ISO 639-1 document language ('fa' → 'fas'), if Trove knows it. */
export function fromDocumentLanguage(language: string | null | undefined): string | undefined {
  return language ? FROM_ISO[language.toLowerCase().split(/[-_]/)[0]!] : undefined;
}

export function fromScript(script: string | undefined): string | undefined {
  return script === undefined ? undefined : FROM_SCRIPT[script];
}

/** "Persian OCR needs the tesseract-ocr-fas package …": what to install for a language no engine here reads. */
export function missingLanguageNote(missing: string[]): string {
  const names = missing.map((code) => LANGUAGE_NAMES[code] ?? `"${code}"`).join(' and ');
  const packages = missing.map((code) => `tesseract-ocr-${code}`).join(' ');
  return `${names} OCR needs the ${packages} package${missing.length > 1 ? 's' : ''} (Debian/Ubuntu: apt-get install tesseract-ocr ${packages}; macOS: brew install tesseract tesseract-lang), then run npx trove ocr --all.`;
}
