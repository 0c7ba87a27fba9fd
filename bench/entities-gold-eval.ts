/**
 * The in-genre figure: exact-span precision, recall and F1 per entity type against the hand-made gold
 * mentions of the synthetic sample archive (fixtures/entities-gold/). The gold is for measuring only:
 * no tagger may be trained or tuned on it.
 *
 *   npx tsx bench/entities-gold-eval.ts [--layer all|rules|tagger] [--json]
 */
import { pathToFileURL } from 'node:url';
import { loadGold, loadSampleDocuments, type GoldMention, type SampleDocument } from '../fixtures/entities-gold/gold.ts';
import type { FoundMention } from '../server/pipeline/entities/entity.types.ts';

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface GoldEvaluation {
  /** Exact match on (ref, type, start, end), for every type in the gold or in the predictions. */
  byType: Record<string, Score>;
  /** Micro average over person, organization and place (PER/ORG/LOC). */
  perOrgLoc: Score;
  /** Micro average over every type. */
  all: Score;
  /** Exact span, any type: did the extractor find the mention at all? */
  spanOnly: Score;
  /** Of the type-and-span matches of dates and sums, how many carry the gold value. */
  values: Record<string, { matched: number; equal: number }>;
  documents: number;
  goldMentions: number;
}

export type Extract = (text: string, language: string | null, documentDate: string | null) => FoundMention[];

export const NAME_TYPES = ['person', 'organization', 'place'] as const;

function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

function count(gold: Set<string>, predicted: Set<string>): Score {
  let tp = 0;
  for (const key of predicted) if (gold.has(key)) tp++;
  return score(tp, predicted.size - tp, gold.size - tp);
}

const spanKey = (ref: string, m: { start: number; end: number }) => `${ref}\u0000${m.start}\u0000${m.end}`;
const typedKey = (ref: string, m: { type: string; start: number; end: number }) => `${m.type}\u0000${spanKey(ref, m)}`;

/** Scores `extract` on documents already loaded (see evaluateOnGold). */
export function scoreOnGold(extract: Extract, gold: GoldMention[], documents: SampleDocument[]): GoldEvaluation {
  const predicted: { ref: string; mention: FoundMention }[] = [];
  const refs = new Set(gold.map((m) => m.ref));
  for (const doc of documents) {
    if (!refs.has(doc.ref)) continue;
    for (const mention of extract(doc.body, doc.language, doc.date)) predicted.push({ ref: doc.ref, mention });
  }
  const types = [...new Set([...gold.map((m) => m.type), ...predicted.map((p) => p.mention.type)])].sort();
  const goldKeys = (only?: readonly string[]) => new Set(gold.filter((m) => !only || only.includes(m.type)).map((m) => typedKey(m.ref, m)));
  const predictedKeys = (only?: readonly string[]) =>
    new Set(predicted.filter((p) => !only || only.includes(p.mention.type)).map((p) => typedKey(p.ref, p.mention)));
  const byType = Object.fromEntries(types.map((type) => [type, count(goldKeys([type]), predictedKeys([type]))]));
  const goldValues = new Map(gold.map((m) => [typedKey(m.ref, m), m.value]));
  const values: GoldEvaluation['values'] = {};
  for (const { ref, mention } of predicted) {
    const expected = goldValues.get(typedKey(ref, mention));
    if (expected === undefined) continue;
    const tally = (values[mention.type] ??= { matched: 0, equal: 0 });
    tally.matched++;
    if (mention.value === expected) tally.equal++;
  }
  return {
    byType,
    perOrgLoc: count(goldKeys(NAME_TYPES), predictedKeys(NAME_TYPES)),
    all: count(goldKeys(), predictedKeys()),
    spanOnly: count(new Set(gold.map((m) => spanKey(m.ref, m))), new Set(predicted.map((p) => spanKey(p.ref, p.mention)))),
    values,
    documents: refs.size,
    goldMentions: gold.length,
  };
}

/** Imports the sample archive into a temporary database and scores `extract` on every annotated document. */
export async function evaluateOnGold(extract: Extract): Promise<GoldEvaluation> {
  return scoreOnGold(extract, loadGold(), await loadSampleDocuments());
}

const percent = (x: number) => (100 * x).toFixed(1).padStart(6);

export function formatEvaluation(evaluation: GoldEvaluation): string {
  const row = (name: string, s: Score) =>
    `${name.padEnd(24)}${percent(s.precision)}${percent(s.recall)}${percent(s.f1)}${String(s.tp).padStart(6)}${String(s.fp).padStart(6)}${String(s.fn).padStart(6)}`;
  const lines = [
    `Sample-archive gold: ${evaluation.goldMentions} mentions in ${evaluation.documents} documents (exact spans)`,
    `${'type'.padEnd(24)}${'P'.padStart(6)}${'R'.padStart(6)}${'F1'.padStart(6)}${'tp'.padStart(6)}${'fp'.padStart(6)}${'fn'.padStart(6)}`,
    ...Object.entries(evaluation.byType).map(([type, s]) => row(type, s)),
    row('micro PER/ORG/LOC', evaluation.perOrgLoc),
    row('micro all types', evaluation.all),
    row('span, any type', evaluation.spanOnly),
    ...Object.entries(evaluation.values).map(([type, v]) => `${type} values equal to the gold: ${v.equal}/${v.matched}`),
  ];
  return lines.join('\n');
}

async function main(args: string[]): Promise<void> {
  const at = args.indexOf('--layer');
  const layer = at === -1 ? 'all' : (args[at + 1] ?? 'all');
  const { extractEntities } = await import('../server/pipeline/entities/extract-entities.ts');
  const { findRuleMentions } = await import('../server/pipeline/entities/rules/index.ts');
  const { loadTagger } = await import('../server/pipeline/entities/tagger/index.ts');
  const extract: Extract =
    layer === 'rules'
      ? (text, _language, documentDate) => findRuleMentions(text, { documentDate })
      : layer === 'tagger'
        ? (text, language) => loadTagger().tag(text, language)
        : (text, language, documentDate) => extractEntities(text, { language, documentDate });
  const evaluation = await evaluateOnGold(extract);
  console.log(args.includes('--json') ? JSON.stringify(evaluation, null, 2) : formatEvaluation(evaluation));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Exit explicitly: the import may leave worker threads of other layers idling.
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
