// Extractors for mail formats, by file extension; extract.ts merges them into its table.
import type { Extractor } from '../extract.types.ts';
import { extractEml } from './eml.extractor.ts';
import { extractMbox } from './mbox.extractor.ts';
import { extractMsg } from './msg.extractor.ts';

export const MAIL_EXTRACTORS: ReadonlyMap<string, Extractor> = new Map<string, Extractor>([
  ['.eml', extractEml],
  ['.mbox', extractMbox],
  ['.msg', extractMsg],
]);
