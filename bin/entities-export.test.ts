import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { EntitySeeder } from '../fixtures/entity-fixture.ts';
import { addDocuments } from '../fixtures/factories.ts';
import { createTestDatabase } from '../fixtures/test-db.ts';
import { runInProcess } from './cli-in-process.ts';
import { registerEntitiesCommands } from './entities-commands.ts';

const ROOT = resolve(import.meta.dirname, '..');
let file: { path: string; cleanup(): void };

// Synthetic documents written for this test; the vault's entity is exported too (the operator reads everything).
beforeAll(async () => {
  file = await createTestDatabase();
  const db = await openDatabase(file.path, { readers: 0 });
  await addDocuments(db, [{ ref: 'EXP-1', dateText: '2014-03-01', body: 'Hadi al-Amiri met "Blue Lantern", Hadi al-Ameri said.' }]);
  await addDocuments(db, [{ ref: 'EXP-2', dateText: '2015-06-01', body: 'Hadi al-Amiri again.' }], 'vault', 'restricted');
  const seed = new EntitySeeder(db);
  const amiri = seed.entity('person', 'Hadi al-Amiri', { aliases: ['Hadi al-Ameri'] });
  seed.mention('EXP-1', 'Hadi al-Amiri', amiri);
  seed.mention('EXP-2', 'Hadi al-Amiri', amiri);
  seed.mention('EXP-1', 'Blue Lantern', seed.entity('codename', '=Blue Lantern'));
  await db.close();
});
afterAll(() => file.cleanup());

function trove(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/trove.js'), '--db', file.path, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same command in this process (bin/cli-in-process.ts); the CSV test runs the real one. */
const inProcess = (...args: string[]) => runInProcess(registerEntitiesCommands, file.path, args);

describe('trove entities export', () => {
  it('prints CSV, most mentioned first, with formula-looking names defused', () => {
    const { status, stdout } = trove('entities', 'export', '--format', 'csv');
    expect(status).toBe(0);
    expect(stdout.trim().split('\r\n')).toEqual([
      'name,type,aliases,mentions,first_date,last_date',
      'Hadi al-Amiri,person,Hadi al-Ameri,2,2014-03-01,2015-06-01',
      "'=Blue Lantern,codename,,1,2014-03-01,2014-03-01",
    ]);
  });

  it('prints one JSON object a line, filtered by type', async () => {
    const { status, stdout } = await inProcess('entities', 'export', '--format', 'jsonl', '--type', 'person');
    expect(status).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ name: 'Hadi al-Amiri', type: 'person', aliases: ['Hadi al-Ameri'], mentionCount: 2, documentCount: 2 }),
    ]);
  });

  it('refuses an unknown format', async () => {
    const refused = await inProcess('entities', 'export', '--format', 'xml');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("argument 'xml' is invalid. Allowed choices are csv, jsonl.");
  });
});
