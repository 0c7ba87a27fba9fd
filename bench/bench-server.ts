import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { troveNodeFlags, TROVE_BIN } from '../bin/node-flags.ts';

/** `trove serve` on a benchmark database, as a separate process; resolves once it is listening. */
export async function startServer(dbPath: string, port: number): Promise<ChildProcess> {
  // Started as `npx trove serve` starts it, with the node flags of the bin's first line.
  const child = spawn(process.execPath, [...troveNodeFlags(), TROVE_BIN, 'serve', '--db', dbPath, '--port', String(port), '--no-sample'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // The benchmark is one client asking as fast as it can: the per-client search limit would stop it.
    env: { ...process.env, TROVE_SEARCHES_PER_MINUTE: '1000000' },
  });
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Trove is running') && ok());
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
  return child;
}

/** The server's resident memory now and at its peak, in MB (Linux). */
export function residentMegabytes(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
