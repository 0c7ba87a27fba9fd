// Extractors for office documents, by file extension; extract.ts merges them into its table.
import type { Extractor } from '../extract.types.ts';

export const OFFICE_EXTRACTORS: ReadonlyMap<string, Extractor> = new Map<string, Extractor>([]);
