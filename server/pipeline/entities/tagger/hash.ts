/**
 * 32-bit hashing for feature keys. Features are hashed instead of interned so that tagging builds no
 * strings per token beyond the word itself; 32-bit keys over a few hundred thousand kept features
 * collide rarely enough not to matter for accuracy.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Long tokens (URLs, a 1 MB run of letters) are hashed on their first characters only. */
const MAX_HASHED = 64;

export function hashString(value: string, seed = 0): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  const n = Math.min(value.length, MAX_HASHED);
  for (let i = 0; i < n; i++) h = Math.imul(h ^ value.charCodeAt(i), FNV_PRIME);
  return fmix(h ^ value.length);
}

/** Murmur3's finaliser: spreads every input bit over the whole word. */
export function fmix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function mix2(a: number, b: number): number {
  return fmix(Math.imul(a ^ 0x9e3779b9, 0x27d4eb2f) ^ b);
}

export function mix3(a: number, b: number, c: number): number {
  return mix2(mix2(a, b), c);
}
