import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const TROVE_BIN = resolve(import.meta.dirname, 'trove.js');

/** The flags bin/trove.js's first line gives Node, for launching it as `npx trove` does (bench/bench-server.ts). */
export function troveNodeFlags(): string[] {
  const shebang = readFileSync(TROVE_BIN, 'utf8').split('\n', 1)[0] ?? '';
  const flags = /^#!\/usr\/bin\/env -S node(?<flags>(?: --[\w-]+(?:=\S+)?)*)$/.exec(shebang)?.groups?.flags;
  if (flags === undefined) throw new Error(`bin/trove.js does not start with a node line this reads: ${shebang}`);
  return flags.trim().split(' ').filter(Boolean);
}
