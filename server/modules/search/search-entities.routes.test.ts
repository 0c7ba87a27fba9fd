import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, createToken } from '../../../fixtures/accounts.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { addEntityRows } from '../../../fixtures/search-entities.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import type { SearchResponse } from './search.schemas.ts';

// Synthetic cables written for these tests; each paragraph is a passage.
const PUBLIC = [
  {
    ref: 'ENT-1',
    kind: 'cable' as const,
    dateText: '2014-11-14',
    body: 'Hadi al-Amiri asked the station for the payment.\n\nThe payment was made in Basra by the courier.',
  },
  {
    ref: 'ENT-2',
    kind: 'cable' as const,
    dateText: '2015-01-10',
    body: 'A source says Hadi al-Ameri will travel.\n\nNo payment is mentioned in this paragraph about Amiri.',
  },
  { ref: 'ENT-3', kind: 'report' as const, dateText: '2016-03-01', body: 'هادی العامری در بغداد بود. The payment story is ours.' },
];
const VAULT = [{ ref: 'VAULT-ENT', kind: 'cable' as const, body: 'Blue Lantern reported the payment from Hadi al-Amiri.' }];

let t: TestApp;
let token: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp(
    async (db) => {
      await addDocuments(db, PUBLIC);
      await addDocuments(db, VAULT, 'vault', 'restricted');
      ids.amiri = addEntityRows(db, {
        name: 'Hadi al-Amiri',
        status: 'confirmed',
        aliases: ['Hadi al-Amiri', 'Hadi al-Ameri', 'هادی العامری', { name: 'H. Amiri', sourceRef: 'VAULT-ENT' }],
        mentions: [
          { ref: 'ENT-1', text: 'Hadi al-Amiri' },
          { ref: 'ENT-2', text: 'Hadi al-Ameri' },
          { ref: 'ENT-3', text: 'هادی العامری' },
          { ref: 'VAULT-ENT', text: 'Hadi al-Amiri' },
          { ref: 'ENT-2', text: 'Amiri', status: 'rejected' },
        ],
      });
      ids.basra = addEntityRows(db, { type: 'place', name: 'Basra', aliases: ['Basra'], mentions: [{ ref: 'ENT-1', text: 'Basra' }] });
      ids.lantern = addEntityRows(db, {
        type: 'codename',
        name: 'Blue Lantern',
        aliases: [
          { name: 'Blue Lantern', sourceRef: 'VAULT-ENT' },
          { name: 'Lantern Bleue', sourceRef: 'VAULT-ENT' },
        ],
        mentions: [{ ref: 'VAULT-ENT', text: 'Blue Lantern' }],
      });
      ids.untagged = addEntityRows(db, { name: 'the courier', aliases: ['the courier', 'the messenger'] });
      await addAccount(db, 'reader', 'viewer');
      token = await createToken(db, 'reader');
    },
    { spreadCorrections: false },
  );
});
afterAll(async () => t.close());

type Body = SearchResponse & { error?: { code: string; message: string } };

async function search(q: string, signedIn = false): Promise<{ status: number; body: Body }> {
  const headers = signedIn ? { authorization: `Bearer ${token}` } : {};
  const response = await t.app.inject({ url: `/api/search?q=${encodeURIComponent(q)}`, headers });
  return { status: response.statusCode, body: response.json() };
}
const refs = (body: Body) => body.results.map((r) => r.document.ref).sort();

describe('entity:"…" in a search', () => {
  it('finds the passages that mention the entity, by any of its spellings, and never by a rejected mention', async () => {
    for (const spelling of ['Hadi al-Amiri', 'HADI AL AMIRI', 'Hadi al-Ameri', 'هادی العامری']) {
      const { status, body } = await search(`payment entity:"${spelling}"`);
      expect(status).toBe(200);
      // ENT-2 mentions him in its first passage, and "payment" only in its second.
      expect(refs(body), spelling).toEqual(['ENT-1', 'ENT-3']);
    }
  });

  it('lists the documents that mention the entity when the query has no words', async () => {
    const { body } = await search('entity:"Hadi al-Ameri"');
    expect(body.total).toBe(3);
    expect(body.results.map((r) => r.document.ref)).toEqual(['ENT-3', 'ENT-2', 'ENT-1']);
    // Each with the passages that mention him, the mention marked; not the rejected "Amiri" of ENT-2.
    const ent2 = body.results[1]!.passages;
    expect(ent2.map((p) => [p.ordinal, p.snippet])).toEqual([[1, 'A source says \u0002Hadi al-Ameri\u0003 will travel.']]);
    expect(refs((await search('entity:"Hadi al-Ameri" kind:cable')).body)).toEqual(['ENT-1', 'ENT-2']);
    expect(refs((await search('entity:Basra entity:"Hadi al-Amiri"')).body)).toEqual(['ENT-1']);
  });

  it('searches the spellings as text for an entity nobody has tagged yet', async () => {
    const { body } = await search('entity:"the messenger"', true);
    expect(refs(body)).toEqual(['ENT-1']);
    expect(body.results[0]!.passages[0]!.snippet).toContain('\u0002the courier\u0003');
  });

  it('matches nothing for an entity that does not exist, and a hidden entity answers exactly the same', async () => {
    const unknown = await search('payment entity:"Nobody at all"');
    const hidden = await search('payment entity:"Blue Lantern"');
    const hiddenSpelling = await search('payment entity:"H. Amiri"');
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ total: 0, results: [], alsoSearch: null });
    const { approximate, entitiesLoading, ...facets } = unknown.body.facets;
    expect([approximate, entitiesLoading]).toEqual([false, false]);
    expect(Object.values(facets).every((values) => values.length === 0)).toBe(true);
    for (const answer of [hidden, hiddenSpelling]) {
      expect({ ...answer.body, query: '' }).toEqual({ ...unknown.body, query: '' });
    }
  });

  it('answers hostile entity: values with a 400 or a search, never a 500', async () => {
    const queries = [
      'entity:"',
      'entity:"...',
      'entity:"*"',
      'entity:NEAR(a',
      `entity:"${'x'.repeat(990)}"`,
      'entity:"\u0000"',
      'entity:"\'; drop table entity;--"',
    ];
    for (const q of queries) {
      const { status, body } = await search(q);
      expect([200, 400], q).toContain(status);
      if (status === 400) expect(body.error!.code).toBe('search.invalid_query');
    }
    expect((await search('entity:"Hadi')).body.error!.message).toBe('The query has an unclosed quote at position 8.');
  });
});

describe('the entity facet', () => {
  it('lists the entities mentioned among the results, with ids and types', async () => {
    const { body } = await search('payment');
    expect(body.facets.entity).toEqual([
      { value: 'Hadi al-Amiri', count: 2, entityId: ids.amiri, type: 'person' },
      { value: 'Basra', count: 1, entityId: ids.basra, type: 'place' },
    ]);
  });

  it('agrees with the entity: filter: its count is what the filter finds', async () => {
    const { body } = await search('payment');
    for (const facet of body.facets.entity) {
      expect((await search(`payment entity:"${facet.value}"`)).body.total).toBe(facet.count);
    }
  });
});

describe('"also search"', () => {
  it('offers the other spellings of an entity the query names, and a query that searches them all', async () => {
    const { body } = await search('Hadi al-Amiri');
    expect(body.alsoSearch).toEqual({
      entityId: ids.amiri,
      name: 'Hadi al-Amiri',
      spellings: ['Hadi al-Ameri', 'هادی العامری'],
      query: '"Hadi al-Amiri" OR "Hadi al-Ameri" OR "هادی العامری"',
    });
    const all = await search(body.alsoSearch!.query);
    expect(refs(all.body)).toEqual(['ENT-1', 'ENT-2', 'ENT-3']);
    expect(all.body.alsoSearch).toBeNull();
  });

  it('keeps the rest of the query in the one it offers', async () => {
    const { body } = await search('payment "hadi al-ameri"');
    expect(body.alsoSearch!.query).toBe('payment "hadi al-ameri" OR "Hadi al-Amiri" OR "هادی العامری"');
  });

  it('offers nothing for words that name no entity, nor the spellings and entities a reader may not know of', async () => {
    expect((await search('payment')).body.alsoSearch).toBeNull();
    expect((await search('"Blue Lantern"')).body.alsoSearch).toBeNull();
    expect(JSON.stringify((await search('Hadi al-Amiri', true)).body.alsoSearch)).not.toContain('H. Amiri');
    expect((await search('the messenger')).body.alsoSearch).toBeNull();
    expect((await search('the messenger', true)).body.alsoSearch).toMatchObject({ spellings: ['the courier'] });
  });
});
