// Browser tests need the built web app; build it once per test run so `npm test` works on a fresh clone.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { TEMPLATES_ENV } from '../../fixtures/test-templates.ts';

const WEB = resolve(import.meta.dirname, '..');
const STAMP = join(WEB, 'dist', '.source-hash');

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A hash of everything the build reads, so an unchanged app is not rebuilt under a running server. */
function sourceHash(): string {
  const inputs = [
    join(WEB, 'index.html'),
    join(WEB, 'vite.config.ts'),
    resolve(WEB, '../package-lock.json'),
    ...files(join(WEB, 'src')),
    ...files(join(WEB, 'public')),
  ].sort();
  const hash = createHash('sha256');
  for (const file of inputs) {
    if (!existsSync(file)) continue;
    hash.update(relative(WEB, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export default async function setup(): Promise<() => void> {
  // The workers copy their test databases from templates built once per run in here (fixtures/test-db.ts).
  const templates = mkdtempSync(join(tmpdir(), 'trove-test-templates-'));
  process.env[TEMPLATES_ENV] = templates;
  const teardown = () => rmSync(templates, { recursive: true, force: true });
  const config = join(WEB, 'vite.config.ts');
  if (!existsSync(config)) return teardown;
  const hash = sourceHash();
  const built = existsSync(join(WEB, 'dist', 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash;
  if (!built) {
    const { build } = await import('vite');
    await build({ configFile: config, logLevel: 'warn' });
    writeFileSync(STAMP, hash);
  }
  // @sparticuz/chromium unpacks its browser into the temp folder on first use; doing it here, once,
  // stops two test workers from racing to write the same binary.
  const { default: chromium } = await import('@sparticuz/chromium');
  await chromium.executablePath();
  return teardown;
}
