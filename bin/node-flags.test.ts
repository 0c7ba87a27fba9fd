// Every way of starting Trove runs Node with the flags of bin/trove.js's first line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TROVE_BIN, troveNodeFlags } from './node-flags.ts';

describe('the node flags of bin/trove.js', () => {
  it('keep the young generation small, and npm start passes the same ones', () => {
    const flags = troveNodeFlags();
    expect(flags).toContain('--max-semi-space-size=4');
    const { scripts } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toContain(`node ${flags.join(' ')} bin/trove.js serve`);
  });

  it('are a first line the system runs as `npx trove` does, through env -S', () => {
    expect(execFileSync(TROVE_BIN, ['--help'], { encoding: 'utf8' })).toContain('Usage: trove');
  });
});
