import { gunzipSync, gzipSync } from 'node:zlib';
import { LABELS, LABEL_COUNT } from './labels.ts';
import { LinearModel } from './linear-model.ts';
import { buildGazetteerStarts, type TaggerResources } from './resources.ts';

/**
 * The shipped weights file: gzip of `TNER`, a JSON header and binary sections. Feature keys are sorted
 * and stored as varint deltas; each row's weights as int8 with one float scale per row.
 */

const MAGIC = 0x52454e54; // 'TNER' little-endian
const FORMAT_VERSION = 1;

export interface TrainedModel {
  language: string;
  model: LinearModel;
  resources: TaggerResources;
  /** Free-form provenance: corpora, epochs, seed, scores on dev. */
  info: Record<string, unknown>;
}

interface Header {
  version: number;
  language: string;
  labels: string[];
  rows: number;
  transitions: number[];
  titles: string[];
  extendedFeatures: boolean;
  morphology?: boolean;
  info: Record<string, unknown>;
  sections: Record<string, [number, number]>;
}

export function encodeModel(trained: TrainedModel): Buffer {
  const { model, resources } = trained;
  const order = Array.from(model.featureKeys.keys()).sort((a, b) => model.featureKeys[a]! - model.featureKeys[b]!);
  const keyBytes: number[] = [];
  const scales = new Float32Array(order.length);
  const quantised = new Int8Array(order.length * LABEL_COUNT);
  let previous = 0;
  order.forEach((row, i) => {
    const key = model.featureKeys[row]!;
    writeVarint(keyBytes, key - previous);
    previous = key;
    let max = 0;
    for (let c = 0; c < LABEL_COUNT; c++) max = Math.max(max, Math.abs(model.weights[row * LABEL_COUNT + c]!));
    const scale = max / 127 || 1;
    scales[i] = scale;
    for (let c = 0; c < LABEL_COUNT; c++) quantised[i * LABEL_COUNT + c] = Math.round(model.weights[row * LABEL_COUNT + c]! / scale);
  });
  const words = [...resources.lexicon.keys()];
  const packed = Uint32Array.from(words.map((w) => resources.lexicon.get(w)!));
  const phrases = [...resources.gazetteer.keys()];
  const bits = Uint8Array.from(phrases.map((p) => resources.gazetteer.get(p)!));
  const memory = resources.memory ?? new Map<string, number>();
  const remembered = [...memory.keys()];
  const sections: [string, Uint8Array][] = [
    ['keys', Uint8Array.from(keyBytes)],
    ['scales', new Uint8Array(scales.buffer)],
    ['weights', new Uint8Array(quantised.buffer)],
    ['lexiconWords', Buffer.from(words.join('\n'), 'utf8')],
    ['lexiconPacked', new Uint8Array(packed.buffer)],
    ['gazetteerPhrases', Buffer.from(phrases.join('\n'), 'utf8')],
    ['gazetteerBits', bits],
    ['memoryPhrases', Buffer.from(remembered.join('\n'), 'utf8')],
    ['memoryBits', Uint8Array.from(remembered.map((p) => memory.get(p)!))],
  ];
  const placed: Record<string, [number, number]> = {};
  let offset = 0;
  for (const [name, bytes] of sections) {
    placed[name] = [offset, bytes.length];
    offset += align4(bytes.length);
  }
  const header: Header = {
    version: FORMAT_VERSION,
    language: trained.language,
    labels: [...LABELS],
    rows: order.length,
    transitions: Array.from(model.transitions, (t) => Math.round(t * 1000) / 1000),
    titles: [...resources.titles],
    extendedFeatures: resources.extendedFeatures,
    morphology: resources.morphology === true,
    info: trained.info,
    sections: placed,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = 8 + align4(headerBytes.length);
  const out = Buffer.alloc(start + offset);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(out, 8);
  for (const [name, bytes] of sections) out.set(bytes, start + placed[name]![0]);
  return gzipSync(out, { level: 9 });
}

export function decodeModel(file: Uint8Array): TrainedModel {
  const raw = gunzipSync(file);
  if (raw.readUInt32LE(0) !== MAGIC) throw new Error('Not a Trove NER model file.');
  const headerLength = raw.readUInt32LE(4);
  const header = JSON.parse(raw.subarray(8, 8 + headerLength).toString('utf8')) as Header;
  if (header.version !== FORMAT_VERSION || header.labels.join() !== LABELS.join()) {
    throw new Error(`NER model format ${header.version} with labels ${header.labels.join(',')} is not the one this Trove reads.`);
  }
  const start = 8 + align4(headerLength);
  const section = (name: string): Uint8Array => {
    const [offset, length] = header.sections[name]!;
    return new Uint8Array(raw.buffer.slice(raw.byteOffset + start + offset, raw.byteOffset + start + offset + length));
  };
  const keys = readVarintDeltas(section('keys'), header.rows);
  const scales = new Float32Array(section('scales').buffer);
  const quantised = new Int8Array(section('weights').buffer);
  const weights = new Float32Array(quantised.length);
  for (let i = 0; i < quantised.length; i++) weights[i] = quantised[i]! * scales[Math.floor(i / LABEL_COUNT)]!;
  const words = textList(section('lexiconWords'));
  const packed = new Uint32Array(section('lexiconPacked').buffer);
  const lexicon = new Map<string, number>();
  words.forEach((w, i) => lexicon.set(w, packed[i]!));
  const phrases = textList(section('gazetteerPhrases'));
  const bits = section('gazetteerBits');
  const gazetteer = new Map<string, number>();
  phrases.forEach((p, i) => gazetteer.set(p, bits[i]!));
  const model = new LinearModel(keys, weights, Float32Array.from(header.transitions));
  // Models written before the training-data memory have no such sections.
  const memory = header.sections.memoryPhrases ? readPhrases(section('memoryPhrases'), section('memoryBits')) : null;
  const resources: TaggerResources = {
    lexicon,
    gazetteer,
    gazetteerStarts: buildGazetteerStarts(gazetteer),
    titles: new Set(header.titles),
    extendedFeatures: header.extendedFeatures,
    morphology: header.morphology === true,
    ...(memory !== null && memory.size > 0 ? { memory, memoryStarts: buildGazetteerStarts(memory) } : {}),
  };
  return { language: header.language, model, resources, info: header.info };
}

function readPhrases(text: Uint8Array, bits: Uint8Array): Map<string, number> {
  const phrases = new Map<string, number>();
  textList(text).forEach((p, i) => phrases.set(p, bits[i]!));
  return phrases;
}

function textList(bytes: Uint8Array): string[] {
  if (bytes.length === 0) return [];
  return Buffer.from(bytes).toString('utf8').split('\n');
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function writeVarint(out: number[], value: number): void {
  let v = value >>> 0;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

function readVarintDeltas(bytes: Uint8Array, count: number): Uint32Array {
  const keys = new Uint32Array(count);
  let pos = 0;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
    }
    previous = (previous + value) >>> 0;
    keys[i] = previous;
  }
  return keys;
}
