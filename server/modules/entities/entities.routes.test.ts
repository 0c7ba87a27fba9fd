import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, grant, signIn } from '../../../fixtures/accounts.ts';
import { EntitySeeder } from '../../../fixtures/entity-fixture.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';

// Synthetic documents written for these tests.
const PUBLIC_DOCS = [
  {
    ref: 'ENT-A',
    kind: 'cable' as const,
    title: 'Meeting in Baghdad',
    dateText: '2014-11-14',
    body: 'Hadi al-Amiri met the minister in Baghdad.\n\nLater HADI AL AMIRI left for Basra. Ameri said nothing.\n\nKarim Saadi arrived.',
  },
  {
    ref: 'ENT-B',
    kind: 'cable' as const,
    title: 'Return',
    dateText: '2015-01-02',
    body: 'Hadi al-Amiri returned to Baghdad on 14 November 2014.\n\nKarim Saadi and karim saadi’s driver waited. =HYPERLINK was typed here.',
  },
];
const VAULT_DOCS = [
  {
    ref: 'ENT-VAULT',
    kind: 'cable' as const,
    title: 'Courier',
    dateText: '2015-02-01',
    body: 'The courier Blue Lantern met Hadi al-Amiri, also called Abu Mahdi.\n\nKarim Saadi was there too.',
  },
];

let t: TestApp;
let seed: EntitySeeder;
const as: Record<string, Record<string, string>> = { anonymous: {} };
const e: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp(
    async (db) => {
      await addDocuments(db, PUBLIC_DOCS, 'open', 'public');
      await addDocuments(db, VAULT_DOCS, 'vault', 'restricted');
      for (const [name, role] of [
        ['ed', 'editor'],
        ['vic', 'viewer'],
        ['mo', 'viewer'],
        ['mae', 'viewer'],
      ] as const)
        await addAccount(db, name, role);
      await grant(db, 'vault', 'mo', 'viewer');
      await grant(db, 'vault', 'mae', 'editor');
      seed = new EntitySeeder(db);
      e.amiri = seed.entity('person', 'Hadi al-Amiri', { status: 'confirmed', aliases: [['Abu Mahdi', 'ENT-VAULT'], 'هادی العامری'] });
      e.ameri = seed.entity('person', 'Ameri');
      e.baghdad = seed.entity('place', 'Baghdad');
      e.lantern = seed.entity('codename', 'Blue Lantern', { aliases: [['Blue Lantern', 'ENT-VAULT']] });
      seed.mention('ENT-A', 'Hadi al-Amiri', e.amiri);
      seed.mention('ENT-A', 'HADI AL AMIRI', e.amiri, { status: 'confirmed' });
      seed.mention('ENT-B', 'Hadi al-Amiri', e.amiri);
      seed.mention('ENT-VAULT', 'Hadi al-Amiri', e.amiri);
      seed.mention('ENT-A', 'Ameri', e.ameri);
      seed.mention('ENT-A', 'Baghdad', e.baghdad);
      seed.mention('ENT-B', 'Baghdad', e.baghdad);
      seed.mention('ENT-VAULT', 'Blue Lantern', e.lantern);
      e.rejected = seed.mention('ENT-A', 'minister', e.baghdad, { status: 'rejected', type: 'place' });
      e.loose = seed.mention('ENT-B', '14 November 2014', null, { type: 'date', source: 'rule', value: '2014-11-14' });
    },
    { spreadCorrections: false },
  );
  for (const name of ['ed', 'vic', 'mo', 'mae']) as[name] = await signIn(t.app, name);
});
afterAll(() => t.close());

const ask = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: as[who] });
const get = async (who: string, url: string) => (await ask(who, 'GET', url)).json();
const names = (list: { entities: Array<{ name: string }> }) => list.entities.map((x) => x.name).sort();
describe('reading entities', () => {
  it('lists what the reader may see, counting readable documents only', async () => {
    const outsider = await get('anonymous', '/api/entities');
    expect(names(outsider)).toEqual(['Ameri', 'Baghdad', 'Hadi al-Amiri']);
    expect(outsider.entities[0]).toMatchObject({
      name: 'Hadi al-Amiri',
      mentionCount: 3,
      documentCount: 2,
      firstDate: '2014-11-14',
      lastDate: '2015-01-02',
    });
    expect(outsider.entities[0].aliases).toEqual(['هادی العامری']);
    const member = await get('mo', '/api/entities');
    expect(names(member)).toEqual(['Ameri', 'Baghdad', 'Blue Lantern', 'Hadi al-Amiri']);
    expect(member.entities[0]).toMatchObject({ name: 'Hadi al-Amiri', mentionCount: 4, documentCount: 3, lastDate: '2015-02-01' });
    expect(member.entities[0].aliases.sort()).toEqual(['Abu Mahdi', 'هادی العامری']);
    expect((await get('anonymous', '/api/entities?type=place')).total).toBe(1);
    expect(await get('anonymous', '/api/entities?page=50')).toMatchObject({ total: 3, page: 50, entities: [] });
    expect(names(await get('anonymous', '/api/entities?sort=name&pageSize=1'))).toEqual(['Ameri']);
  });

  it('type-ahead matches the start of any word of a visible spelling, in any script', async () => {
    expect(names(await get('anonymous', '/api/entities?q=amir'))).toEqual(['Hadi al-Amiri']);
    expect(names(await get('anonymous', '/api/entities?q=AL%20AM'))).toEqual(['Hadi al-Amiri']);
    expect(names(await get('anonymous', `/api/entities?q=${encodeURIComponent('العامري')}`))).toEqual(['Hadi al-Amiri']);
    expect(names(await get('anonymous', '/api/entities?q=mahdi'))).toEqual([]);
    expect(names(await get('mo', '/api/entities?q=mahdi'))).toEqual(['Hadi al-Amiri']);
    expect(names(await get('anonymous', '/api/entities?q=lantern'))).toEqual([]);
    expect(names(await get('mo', '/api/entities?q=lantern'))).toEqual(['Blue Lantern']);
    expect(names(await get('anonymous', '/api/entities?q=mir'))).toEqual([]);
    expect((await get('anonymous', '/api/entities?q=%25')).total).toBe(3);
  });

  it('an entity page: counts, timeline, co-mentions, and a hidden entity exactly like a missing one', async () => {
    const page = await get('anonymous', `/api/entities/${e.amiri}`);
    expect(page.entity).toMatchObject({ name: 'Hadi al-Amiri', mentionCount: 3, createdBy: 'seed' });
    expect(page.entity.aliasList.map((a: { name: string }) => a.name)).toEqual(['Hadi al-Amiri', 'هادی العامری']);
    expect(page.timeline).toEqual([
      { month: '2014-11', count: 2 },
      { month: '2015-01', count: 1 },
    ]);
    expect(page.coMentioned).toEqual([
      { id: e.baghdad, name: 'Baghdad', type: 'place', count: 2 },
      { id: e.ameri, name: 'Ameri', type: 'person', count: 1 },
    ]);
    expect(page.canEdit).toBe(false);
    expect((await get('ed', `/api/entities/${e.amiri}`)).canEdit).toBe(true);
    expect((await get('mo', `/api/entities/${e.amiri}`)).coMentioned.map((c: { name: string }) => c.name)).toEqual([
      'Baghdad',
      'Ameri',
      'Blue Lantern',
    ]);
    const hidden = await ask('anonymous', 'GET', `/api/entities/${e.lantern}`);
    const missing = await ask('anonymous', 'GET', `/api/entities/999999`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body.replace(String(e.lantern), 'N')).toBe(missing.body.replace('999999', 'N'));
    expect((await ask('mo', 'GET', `/api/entities/${e.lantern}`)).statusCode).toBe(200);
  });

  it('lists an entity’s mentions with excerpts that locate them, by date either way', async () => {
    const list = await get('anonymous', `/api/entities/${e.amiri}/mentions`);
    expect(list.total).toBe(3);
    for (const m of list.mentions) expect(m.excerpt.text.slice(m.excerpt.start, m.excerpt.end)).toBe(m.text);
    expect(list.mentions.map((m: { document: { ref: string } }) => m.document.ref)).toEqual(['ENT-A', 'ENT-A', 'ENT-B']);
    const newest = await get('mo', `/api/entities/${e.amiri}/mentions?sort=-date&pageSize=1`);
    expect(newest).toMatchObject({ total: 4, pageSize: 1 });
    expect(newest.mentions[0].document.ref).toBe('ENT-VAULT');
    expect((await ask('anonymous', 'GET', `/api/entities/${e.lantern}/mentions`)).statusCode).toBe(404);
  });

  it('a document’s mentions leave out rejected ones unless asked, and say who may tag', async () => {
    const id = seed.documentId('ENT-A');
    const { mentions, canTag } = await get('anonymous', `/api/documents/${id}/mentions`);
    expect(canTag).toBe(false);
    expect(mentions.map((m: { text: string }) => m.text)).toEqual(['Hadi al-Amiri', 'Baghdad', 'HADI AL AMIRI', 'Ameri']);
    expect(mentions[0].entity).toEqual({ id: e.amiri, name: 'Hadi al-Amiri', type: 'person' });
    const rejected = (await get('anonymous', `/api/documents/${id}/mentions?status=rejected`)).mentions;
    expect(rejected.map((m: { text: string }) => m.text)).toEqual(['minister']);
    expect((await get('ed', `/api/documents/${id}/mentions`)).canTag).toBe(true);
    expect((await get('mae', `/api/documents/${id}/mentions`)).canTag).toBe(false);
    expect((await get('mae', `/api/documents/${seed.documentId('ENT-VAULT')}/mentions`)).canTag).toBe(true);
    expect((await ask('anonymous', 'GET', `/api/documents/${seed.documentId('ENT-VAULT')}/mentions`)).statusCode).toBe(404);
  });

  it('exports CSV of what the reader may see, with formula-looking cells defused', async () => {
    const response = await ask('anonymous', 'GET', '/api/entities.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe('name,type,aliases,mentions,first_date,last_date');
    expect(lines).toContain('Hadi al-Amiri,person,هادی العامری,3,2014-11-14,2015-01-02');
    expect(response.body).not.toContain('Lantern');
    expect(response.body).not.toContain('Mahdi');
    expect((await ask('mo', 'GET', '/api/entities.csv?type=codename')).body).toContain('Blue Lantern,codename,,1,2015-02-01,2015-02-01');
  });

  it('lists entity types', async () => {
    const { types } = await get('anonymous', '/api/entity-types');
    expect(types.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['person', 'codename', 'money']));
  });
});

describe('validation answers 4xx, never 500', () => {
  it.each([
    ['GET', '/api/entities?sort=sideways', undefined, 400, 'request.invalid'],
    ['GET', '/api/entities?pageSize=1000', undefined, 400, 'request.invalid'],
    ['GET', '/api/entities/abc', undefined, 400, 'request.invalid'],
    ['POST', '/api/entities', { type: 'person' }, 400, 'request.invalid'],
    ['POST', '/api/entities', { type: 'nosuchtype', name: 'X' }, 400, 'entity.unknown_type'],
    ['POST', '/api/entities', { type: 'person', name: '  …  ' }, 400, 'entity.invalid_name'],
    ['POST', '/api/entities', { type: 'person', name: 'X', labels: ['x'.repeat(41)] }, 400, 'request.invalid'],
    ['POST', '/api/entities', { type: 'person', name: 'hadi AL-amiri' }, 409, 'entity.exists'],
    ['PATCH', '/api/entities/999999', { name: 'X' }, 404, 'entity.not_found'],
    ['POST', '/api/entities/:amiri/merge', { from: ':amiri' }, 400, 'entity.merge_self'],
    ['POST', '/api/entities/:amiri/split', { mentionIds: [], name: 'X' }, 400, 'request.invalid'],
    ['POST', '/api/entities/:amiri/split', { mentionIds: [999999], name: 'X' }, 404, 'mention.not_found'],
    ['POST', '/api/entities/:amiri/aliases', { name: 'HADI al amiri' }, 409, 'entity.alias_exists'],
    ['POST', '/api/entity-merges/999999/undo', {}, 404, 'entity_merge.not_found'],
    ['PATCH', '/api/mentions/999999', { status: 'confirmed' }, 404, 'mention.not_found'],
    ['PATCH', '/api/mentions/1', { status: 'maybe' }, 400, 'request.invalid'],
    ['GET', '/api/entities/:amiri/spread', undefined, 400, 'request.invalid'],
  ] as const)('%s %s', async (method, url, body, status, code) => {
    const fill = (s: string) => s.replaceAll(':amiri', String(e.amiri));
    const payload = body === undefined ? undefined : JSON.parse(fill(JSON.stringify(body)).replace(`"${e.amiri}"`, String(e.amiri)));
    const response = await ask('ed', method, fill(url), payload);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  it.each([[{ start: 5, end: 5 }], [{ start: -1, end: 3 }], [{ start: 0, end: 100000 }], [{ start: 13, end: 14 }]])(
    'a tag outside the body or without letters is refused: %j',
    async (span) => {
      const response = await ask('ed', 'POST', `/api/documents/${seed.documentId('ENT-A')}/mentions`, { ...span, entityId: e.amiri });
      expect(response.statusCode).toBe(400);
      expect(['entity.invalid_span', 'request.invalid']).toContain(response.json().error.code);
    },
  );
});
