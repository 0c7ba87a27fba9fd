// Browser tests need the built web app; build it once per test run so `npm test` works on a fresh clone.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export default async function setup(): Promise<void> {
  const config = resolve(import.meta.dirname, '../vite.config.ts');
  if (!existsSync(config)) return;
  const { build } = await import('vite');
  await build({ configFile: config, logLevel: 'warn' });
}
