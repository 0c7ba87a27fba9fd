import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { backgroundStdout } from './log-destination.ts';

let dir: string;
let file: string;
let fd: number;
const written = () =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { msg: string; level: number });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trove-log-'));
  file = join(dir, 'out.log');
  fd = openSync(file, 'w');
});
afterEach(() => {
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
});

it('queues info lines, writes an error line at once after them, and writes the rest out on flush', async () => {
  const destination = backgroundStdout(fd);
  const log = pino({ hooks: destination.hooks }, destination.stream).child({ reqId: 'req-1' });
  for (let i = 0; i < 200; i++) log.info(`line ${i}`);
  log.error('the request failed');
  // Read back before the event loop turns: nothing asynchronous has had a chance to run.
  const atOnce = written();
  expect(atOnce.map((line) => line.msg)).toContain('the request failed');
  // All but the first, whose write may still be on its way (it was started in the background, and is not lost).
  expect(atOnce.filter((line) => line.level === 30).length).toBeGreaterThanOrEqual(199);
  log.info('after the error');
  destination.flush();
  const all = await vi.waitFor(() => {
    const lines = written().map((line) => line.msg);
    expect(lines).toHaveLength(202);
    return lines;
  });
  expect(new Set(all)).toEqual(new Set([...Array.from({ length: 200 }, (_, i) => `line ${i}`), 'the request failed', 'after the error']));
  // Only the first line's background write can land out of order; the rest keep the order they were logged in.
  const order = all.filter((msg) => msg !== 'line 0');
  expect(order.slice(-2)).toEqual(['the request failed', 'after the error']);
});
