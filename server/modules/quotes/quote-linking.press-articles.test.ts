import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../db/access.ts';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { createTestDatabase } from '../../../fixtures/test-db.ts';
import { createServices, type Services } from '../../services.ts';
import { OPERATOR_VIEWER } from '../auth/viewer.ts';
import type { Quotation } from './quotes.schemas.ts';

/**
 * Synthetic press articles (fixtures/press-articles/) quoting the sample archive the way real
 * copy does: mixed and missing marks, no-break spaces, round-bracket edits, quotations over two
 * paragraphs of the article or of the cable, and quotations that are in no cable. Measures the
 * share of expected quotations found, and found and linked to the right cable (or, for those in no
 * cable, left unlinked), and prints it.
 */
const FOLDER = resolve(import.meta.dirname, '../../../fixtures/press-articles');

interface Expected {
  quote: string;
  source: string | null;
  kinds: string[];
}

const expected = JSON.parse(readFileSync(join(FOLDER, 'expected.json'), 'utf8')) as Record<string, Expected[]>;
const squash = (text: string) => text.replace(/\s+/gu, ' ').trim();

let file: { path: string; cleanup(): void };
let db: TroveDatabase;
let services: Services;

beforeAll(async () => {
  file = await createTestDatabase({ sampleArchive: true });
  db = await openDatabase(file.path, { readers: 0 });
  services = createServices(db);
  const articles = readdirSync(FOLDER)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .map((name) => join(FOLDER, name));
  await services.import.importPaths(articles, { collection: 'press', maxFileBytes: 1e8, baseDir: FOLDER });
}, 120_000);
afterAll(async () => {
  await db.close();
  file.cleanup();
});

interface Outcome {
  article: string;
  expected: Expected;
  quotation: Quotation | undefined;
  right: boolean;
}

async function outcomes(): Promise<Outcome[]> {
  const result: Outcome[] = [];
  for (const [ref, list] of Object.entries(expected)) {
    const report = await services.quotes.reportByRef(ref, OPERATOR_VIEWER);
    for (const item of list) {
      const quotation = report.quotations.find((q) => squash(q.text).includes(squash(item.quote)));
      const linked = quotation?.status === 'linked';
      const right =
        quotation !== undefined && (item.source === null ? !linked : linked && quotation.links[0]!.document.ref === item.source);
      result.push({ article: ref, expected: item, quotation, right });
    }
  }
  return result;
}

describe('press articles quoting the sample archive', () => {
  it('finds and links the quotations a reader sees, and links none that is not in the archive', async () => {
    const all = await outcomes();
    const inArchive = all.filter((o) => o.expected.source !== null);
    const absent = all.filter((o) => o.expected.source === null);
    const found = all.filter((o) => o.quotation !== undefined).length;
    const right = inArchive.filter((o) => o.right).length;
    const absentLinked = absent.filter((o) => o.quotation?.status === 'linked').length;
    const percent = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
    console.log(
      `Press articles: ${Object.keys(expected).length} articles, ${all.length} quotations (${absent.length} not in the archive): ` +
        `found ${found}/${all.length} (${percent(found, all.length)}), ` +
        `linked to the right cable ${right}/${inArchive.length} (${percent(right, inArchive.length)}), ` +
        `not-in-archive linked ${absentLinked}/${absent.length}.`,
    );
    for (const o of all.filter((x) => !x.right)) {
      const got = o.quotation ? `${o.quotation.status} ${o.quotation.links[0]?.document.ref ?? ''}` : 'not found';
      console.log(`  ✗ ${o.article}: “${o.expected.quote}…” (${o.expected.kinds.join(', ')}) → ${got}`);
    }
    expect(found).toBe(all.length);
    expect(absentLinked).toBe(0);
    expect(right / inArchive.length).toBeGreaterThanOrEqual(0.95);
  });

  it('links a quotation that runs from one cable paragraph into the next, with a fragment in each passage', async () => {
    const report = await services.quotes.reportByRef('PRESS-kirkuk-found-empty', OPERATOR_VIEWER);
    const quotation = report.quotations.find((q) => q.text.startsWith('He also asked for medical treatment'))!;
    const [link] = quotation.links;
    expect(link!.document.ref).toBe('TRV-SUL-2014-0188');
    const body = (await services.documents.byRef('TRV-SUL-2014-0188', OPERATOR)).document.body;
    expect(link!.fragments.map((f) => body.slice(f.start, f.end))).toEqual([
      'He also asked for medical treatment in Tehran for his elderly mother.',
      'The case officer gave Falconer USD 6,000, described as help with his party work, and a carpet for his home.',
    ]);
    expect(link!.differences).toEqual([]);
  });
});
