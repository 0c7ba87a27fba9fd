import { performance } from 'node:perf_hooks';

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  samples: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99), samples: sorted.length };
}

/** One GET, timed to the last byte of its body; anything but 200 stops the benchmark (a broken run must not look fast). */
export async function timedGet(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) };
}

/**
 * Light reads (`paths`, taken in turn) while `clients` loops of heavy searches run at once, for
 * `seconds`: the latencies of the light reads, and how many heavy searches finished.
 */
export async function lightReadsUnderLoad(
  base: string,
  paths: string[],
  heavyQueries: string[],
  options: { clients: number; seconds: number },
): Promise<{ light: number[]; heavyDone: number; heavyShed: number; heavySeconds: number }> {
  const until = performance.now() + options.seconds * 1000;
  let heavyDone = 0;
  let heavyShed = 0;
  const heavy = Array.from({ length: options.clients }, async (_, client) => {
    for (let i = client; performance.now() < until; i++) {
      try {
        await timedGet(`${base}/api/search?q=${encodeURIComponent(heavyQueries[i % heavyQueries.length]!)}`);
        heavyDone++;
      } catch (error) {
        // A search refused after waiting too long behind the others (503 search.busy) is counted, not fatal.
        if (!(error instanceof Error && error.message.includes('HTTP 503'))) throw error;
        heavyShed++;
      }
    }
  });
  const light: number[] = [];
  const started = performance.now();
  for (let i = 0; performance.now() < until; i++) {
    light.push((await timedGet(`${base}${paths[i % paths.length]}`)).ms);
    // A reader clicking, not a flood: the lane is for many such readers, not for one that never pauses.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(heavy);
  return { light, heavyDone, heavyShed, heavySeconds: (performance.now() - started) / 1000 };
}
