import { normalizeWord } from '../normalize.ts';
import { CAP_ACRONYM, CAP_ALWAYS, CAP_LOWER, CAP_MIXED, CAP_MOSTLY, packLexicon } from '../resources.ts';
import { seededRandom } from './random.ts';

/**
 * Distributional word clusters from unlabelled text: each frequent word is described by the words
 * seen just left and right of it, and spherical k-means groups words with similar contexts (names
 * with names, places with places). A second k-means over the centroids gives coarser groups. The
 * same pass records how often each word is capitalised mid-sentence, which lets the tagger read
 * ALL-CAPS lines.
 */

export interface ClusterOptions {
  fine: number;
  coarse: number;
  minCount: number;
  maxVocabulary: number;
  contextWords: number;
  iterations: number;
  seed: number;
  /** Words each side whose identity describes a word (1: its neighbours only). */
  window?: number;
}

export const DEFAULT_CLUSTERS: ClusterOptions = {
  fine: 256,
  coarse: 32,
  minCount: 3,
  maxVocabulary: 30000,
  contextWords: 1500,
  iterations: 10,
  seed: 7,
};

interface WordStats {
  count: number;
  midSentence: number;
  capitalised: number;
  allCaps: number;
}

export function buildLexicon(sentences: readonly (readonly string[])[], options = DEFAULT_CLUSTERS): Map<string, number> {
  const stats = countWords(sentences);
  const clusters = clusterWords(sentences, stats, options);
  const lexicon = new Map<string, number>();
  for (const [word, s] of stats) {
    if (s.count < 2) continue;
    const cluster = clusters.get(word);
    lexicon.set(word, packLexicon(cluster?.[0] ?? -1, cluster?.[1] ?? -1, capBucket(s)));
  }
  return lexicon;
}

function countWords(sentences: readonly (readonly string[])[]): Map<string, WordStats> {
  const stats = new Map<string, WordStats>();
  for (const words of sentences) {
    const capsLine = words.filter((w) => /\p{Lu}/u.test(w) && !/\p{Ll}/u.test(w)).length > 0.6 * words.length;
    words.forEach((raw, i) => {
      const word = normalizeWord(raw);
      let s = stats.get(word);
      if (s === undefined) stats.set(word, (s = { count: 0, midSentence: 0, capitalised: 0, allCaps: 0 }));
      s.count++;
      if (i === 0 || capsLine || !/\p{L}/u.test(raw)) return;
      s.midSentence++;
      const upperFirst = /^\p{Lu}/u.test(raw);
      if (upperFirst && raw.length > 1 && !/\p{Ll}/u.test(raw)) s.allCaps++;
      else if (upperFirst) s.capitalised++;
    });
  }
  return stats;
}

function capBucket(s: WordStats): number {
  if (s.midSentence === 0) return CAP_MIXED;
  if (s.allCaps > 0.5 * s.midSentence) return CAP_ACRONYM;
  const ratio = (s.capitalised + s.allCaps) / s.midSentence;
  if (ratio < 0.1) return CAP_LOWER;
  if (ratio < 0.5) return CAP_MIXED;
  if (ratio < 0.9) return CAP_MOSTLY;
  return CAP_ALWAYS;
}

type Sparse = { index: Int32Array; value: Float64Array };

function clusterWords(
  sentences: readonly (readonly string[])[],
  stats: Map<string, WordStats>,
  options: ClusterOptions,
): Map<string, [number, number]> {
  const byFrequency = [...stats.entries()].filter(([w, s]) => s.count >= options.minCount && /\p{L}/u.test(w));
  byFrequency.sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  const vocabulary = byFrequency.slice(0, options.maxVocabulary).map(([w]) => w);
  const contextIndex = new Map<string, number>();
  [...stats.entries()]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.contextWords)
    .forEach(([w], i) => contextIndex.set(w, i));
  const window = options.window ?? 1;
  const dims = 2 * window * (options.contextWords + 2);
  const vectors = contextVectors(sentences, vocabulary, contextIndex, options.contextWords, window);
  const fine = sphericalKMeans(vectors, dims, Math.min(options.fine, vocabulary.length), options);
  const centroidVectors: Sparse[] = fine.centroids.map((c) => toSparse(c));
  const coarse = sphericalKMeans(centroidVectors, dims, Math.min(options.coarse, centroidVectors.length), options);
  const result = new Map<string, [number, number]>();
  vocabulary.forEach((w, i) => {
    const f = fine.assignment[i]!;
    result.set(w, [f, coarse.assignment[f]!]);
  });
  return result;
}

function contextVectors(
  sentences: readonly (readonly string[])[],
  vocabulary: string[],
  contextIndex: Map<string, number>,
  contextWords: number,
  window: number,
): Sparse[] {
  const wordIndex = new Map(vocabulary.map((w, i) => [w, i]));
  const counts = vocabulary.map(() => new Map<number, number>());
  const other = contextWords;
  const boundary = contextWords + 1;
  for (const raw of sentences) {
    const words = raw.map(normalizeWord);
    words.forEach((w, i) => {
      const index = wordIndex.get(w);
      if (index === undefined) return;
      const c = counts[index]!;
      // Block d (0-based) of the vector: the word d + 1 places to the left; block window + d: to the right.
      for (let d = 0; d < window; d++) {
        const l = i - d - 1;
        const left = l >= 0 ? (contextIndex.get(words[l]!) ?? other) : boundary;
        const r = i + d + 1;
        const right = r < words.length ? (contextIndex.get(words[r]!) ?? other) : boundary;
        // Farther words count less: they say less about the word itself.
        const weight = 1 / (d + 1);
        const lk = d * (contextWords + 2) + left;
        const rk = (window + d) * (contextWords + 2) + right;
        c.set(lk, (c.get(lk) ?? 0) + weight);
        c.set(rk, (c.get(rk) ?? 0) + weight);
      }
    });
  }
  return counts.map((c) => {
    const entries = [...c.entries()].sort((a, b) => a[0] - b[0]);
    const value = Float64Array.from(entries, ([, v]) => Math.sqrt(v));
    normalise(value);
    return { index: Int32Array.from(entries, ([k]) => k), value };
  });
}

function normalise(v: Float64Array): void {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
}

function toSparse(dense: Float64Array): Sparse {
  const index: number[] = [];
  const value: number[] = [];
  dense.forEach((v, i) => {
    if (v !== 0) {
      index.push(i);
      value.push(v);
    }
  });
  const values = Float64Array.from(value);
  normalise(values);
  return { index: Int32Array.from(index), value: values };
}

function dot(v: Sparse, centroid: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.index.length; k++) s += v.value[k]! * centroid[v.index[k]!]!;
  return s;
}

function sphericalKMeans(
  vectors: Sparse[],
  dims: number,
  k: number,
  options: ClusterOptions,
): { centroids: Float64Array[]; assignment: Int32Array } {
  const random = seededRandom(options.seed);
  const centroids = initialCentroids(vectors, dims, k, random);
  const assignment = new Int32Array(vectors.length);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    vectors.forEach((v, i) => {
      let best = -Infinity;
      let arg = 0;
      for (let c = 0; c < centroids.length; c++) {
        const s = dot(v, centroids[c]!);
        if (s > best) {
          best = s;
          arg = c;
        }
      }
      assignment[i] = arg;
    });
    for (const c of centroids) c.fill(0);
    vectors.forEach((v, i) => {
      const c = centroids[assignment[i]!]!;
      for (let j = 0; j < v.index.length; j++) c[v.index[j]!]! += v.value[j]!;
    });
    centroids.forEach((c, i) => {
      if (c.every((x) => x === 0)) c.set(densify(vectors[Math.floor(random() * vectors.length)]!, dims));
      normalise(centroids[i]!);
    });
  }
  return { centroids, assignment };
}

/** k-means++ seeding on cosine distance, over a sample to keep it cheap. */
function initialCentroids(vectors: Sparse[], dims: number, k: number, random: () => number): Float64Array[] {
  const centroids: Float64Array[] = [densify(vectors[Math.floor(random() * vectors.length)]!, dims)];
  const distance = new Float64Array(vectors.length).fill(Infinity);
  while (centroids.length < k) {
    const latest = centroids[centroids.length - 1]!;
    let total = 0;
    vectors.forEach((v, i) => {
      distance[i] = Math.min(distance[i]!, Math.max(0, 1 - dot(v, latest)));
      total += distance[i]!;
    });
    let target = random() * total;
    let chosen = vectors.length - 1;
    for (let i = 0; i < vectors.length; i++) {
      target -= distance[i]!;
      if (target <= 0) {
        chosen = i;
        break;
      }
    }
    centroids.push(densify(vectors[chosen]!, dims));
  }
  return centroids;
}

function densify(v: Sparse, dims: number): Float64Array {
  const dense = new Float64Array(dims);
  for (let j = 0; j < v.index.length; j++) dense[v.index[j]!] = v.value[j]!;
  return dense;
}
