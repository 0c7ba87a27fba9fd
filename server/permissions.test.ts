// The permission matrix: every API route, asked by every kind of reader. A document a reader may
// not read must be invisible everywhere, and answer exactly as a document that does not exist.
import type { LightMyRequestResponse } from 'fastify';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, createToken, grant, signIn } from '../fixtures/accounts.ts';
import { ACCESS_ENTITIES, PRESS_REPORT, QUOTED_SAMPLE_CABLE, VAULT_CABLE, seedAccessFixture } from '../fixtures/access-fixture.ts';
import { EntitySeeder } from '../fixtures/entity-fixture.ts';
import { seedSearchEntities } from '../fixtures/search-entities.ts';
import { createTestApp, type TestApp } from '../fixtures/test-app.ts';
import { createServices } from './services.ts';

const ROLES = ['anonymous', 'viewer', 'editor', 'admin', 'member', 'memberEditor', 'memberToken'] as const;
type Role = (typeof ROLES)[number];
const ACCOUNT: Record<Exclude<Role, 'anonymous' | 'memberToken'>, string> = {
  viewer: 'vic',
  editor: 'ed',
  admin: 'ada',
  member: 'mo',
  memberEditor: 'mae',
};

const signedIn = (role: Role) => role !== 'anonymous';
// Admins manage the vault's membership but are not members: they do not read it.
const readsVault = (role: Role) => role === 'member' || role === 'memberEditor' || role === 'memberToken';
const editsPublic = (role: Role) => role === 'editor' || role === 'admin';

type Method = 'GET' | 'PATCH' | 'POST' | 'PUT' | 'DELETE';

/**
 * Every route the API has, each asked below by every role. Sign-in and sign-out are the same for
 * everyone and tested in auth.routes.test.ts; the OpenAPI description is public.
 */
const COVERED = [
  'GET /api/search',
  'GET /api/documents',
  'GET /api/documents/{id}',
  'GET /api/documents/by-ref/{ref}',
  'GET /api/documents/{id}/highlights',
  'GET /api/documents/{id}/quoted-in',
  'GET /api/passages/{id}/quoted-in',
  'GET /api/collections',
  'GET /api/documents/{id}/alignment',
  'GET /api/documents/{id}/original',
  'GET /api/documents/{id}/pages/{n}',
  'GET /api/documents/{id}/pages/{n}/image',
  'PUT /api/documents/{id}/alignment',
  'GET /api/reports/{id}',
  'GET /api/reports/by-ref/{ref}',
  'PATCH /api/quote-links/{id}',
  'POST /api/quote-links/{id}/detach',
  'POST /api/quotations/{id}/links',
  'PATCH /api/quotations/{id}',
  'GET /api/health',
  'GET /api/session',
  'POST /api/session',
  'DELETE /api/session',
  'GET /api/audit',
  'GET /api/admin/accounts',
  'POST /api/admin/accounts',
  'PATCH /api/admin/accounts/{name}',
  'POST /api/admin/accounts/{name}/password',
  'GET /api/admin/collections',
  'PATCH /api/admin/collections/{name}',
  'GET /api/admin/collections/{name}/members',
  'PUT /api/admin/collections/{name}/members/{account}',
  'DELETE /api/admin/collections/{name}/members/{account}',
  'GET /api/entity-types',
  'POST /api/entity-types',
  'GET /api/entities',
  'POST /api/entities',
  'GET /api/entities.csv',
  'GET /api/entities/{id}',
  'PATCH /api/entities/{id}',
  'DELETE /api/entities/{id}',
  'POST /api/entities/{id}/aliases',
  'DELETE /api/entities/{id}/aliases/{aliasId}',
  'POST /api/entities/{id}/merge',
  'POST /api/entity-merges/{id}/undo',
  'POST /api/entities/{id}/split',
  'GET /api/entities/{id}/mentions',
  'GET /api/entities/{id}/spread',
  'POST /api/entities/{id}/spread',
  'GET /api/documents/{id}/mentions',
  'POST /api/documents/{id}/mentions',
  'PATCH /api/mentions/{id}',
  'GET /api/extraction',
  'POST /api/admin/extraction',
  'GET /api/admin/ner-training',
  'POST /api/admin/ner-training',
  'GET /api/admin/jobs',
  'POST /api/admin/jobs',
  'POST /api/admin/jobs/{id}/cancel',
  'GET /api/admin/jobs/events',
];

let t: TestApp;
const headers = new Map<Role, Record<string, string>>();
const ids: Record<string, number> = {};
/** The sample pair's automatic alignment, sent back unchanged as an editor's correction. */
let samplePairs = '[]';

beforeAll(async () => {
  // One fixture serves every role: a correction's background re-extraction would rewrite the seeded
  // suggestions between roles, so it is off here (extraction.routes.test.ts tests it).
  t = await createTestApp(seedAccessFixture, { sampleArchive: true, spreadCorrections: false });
  headers.set('anonymous', {});
  for (const [role, name] of Object.entries(ACCOUNT)) headers.set(role as Role, await signIn(t.app, name));
  headers.set('memberToken', { authorization: `Bearer ${await createToken(t.db, 'mo')}` });
  const one = (query: string, ...params: unknown[]) =>
    t.db.writerConnection
      .prepare(query)
      .pluck()
      .get(...params) as number;
  ids.vaultCable = one(`select id from document where ref = 'VAULT-001'`);
  ids.vaultReport = one(`select id from document where ref = 'VAULT-REPORT'`);
  ids.vaultPassage = one(`select min(id) from passage where document_id = ?`, ids.vaultCable);
  ids.sampleCable = one(`select id from document where ref = ?`, QUOTED_SAMPLE_CABLE);
  ids.pressReport = one(`select id from document where ref = 'PRESS-REPORT'`);
  ids.newsMemo = one(`select id from document where ref = 'NEWS-001'`);
  ids.sampleOriginal = one(`select id from document where ref = 'TRV-NJF-2014-0233-FA'`);
  ids.sampleTranslation = one(`select id from document where ref = 'TRV-NJF-2014-0233'`);
  samplePairs = t.db.writerConnection
    .prepare('select alignment from document_translation where translation_id = ?')
    .pluck()
    .get(ids.sampleTranslation) as string;
  const linkOf = (reportRef: string, start: string) =>
    one(
      `select l.id from quote_link l join quotation q on q.id = l.quotation_id join document d on d.id = q.document_id
       where d.ref = ? and q.text like ? || '%'`,
      reportRef,
      start,
    );
  ids.quotedSamplePassage = one(
    `select l.passage_id from quote_link l join quotation q on q.id = l.quotation_id where q.text like 'Shopkeepers in Karrada%' and l.document_id = ?`,
    ids.sampleCable,
  );
  ids.vaultLinkToConfirm = linkOf('VAULT-REPORT', 'the courier');
  ids.vaultLinkToDetach = linkOf('VAULT-REPORT', 'payment');
  ids.vaultQuotation = one(`select quotation_id from quote_link where id = ?`, ids.vaultLinkToConfirm);
  // Attached by hand to the first passage, so that it replaces no machine link the other cases use.
  ids.vaultQuotationToAttach = one(`select quotation_id from quote_link where id = ?`, ids.vaultLinkToDetach);
  ids.pressLinkToVault = linkOf('PRESS-REPORT', 'payment');
  ids.sampleLink = one(
    `select l.id from quote_link l join quotation q on q.id = l.quotation_id join document d on d.id = q.document_id
     join collection c on c.id = d.collection_id where c.name = 'sample' order by l.id limit 1`,
  );
  ids.sampleQuotation = one(`select quotation_id from quote_link where id = ?`, ids.sampleLink);
  // An account for the administration cases to change, so that no role's own session is touched.
  await addAccount(t.db, 'zed', 'viewer');
  await grant(t.db, 'press', 'zed', 'viewer');
  // The vault cable's original file, as an import would have kept it.
  const kept = await createServices(t.db).originals!.keep('vault-001.txt', new TextEncoder().encode(VAULT_CABLE.body));
  t.db.writerConnection
    .prepare('insert into document_original (document_id, sha256, file_name, media_type, size) values (?, ?, ?, ?, ?)')
    .run(ids.vaultCable, kept.sha256, kept.fileName, kept.mediaType, kept.size);
  // The vault cable has one page (a text file: its page has no image to show).
  t.db.writerConnection
    .prepare(`insert into document_page (document_id, number, start, "end", source) values (?, 1, 0, ?, 'text')`)
    .run(ids.vaultCable, VAULT_CABLE.body.length);
  ids.sampleDocuments = one(`select count(*) from document d join collection c on c.id = d.collection_id where c.name = 'sample'`);
});
afterAll(() => t.close());

async function ask(role: Role, method: Method, url: string, payload?: object): Promise<LightMyRequestResponse> {
  return t.app.inject({ method, url, payload, headers: headers.get(role) });
}

/** The answer a reader gets for an id that exists nowhere, with that id put back: hidden must look the same. */
async function absent(role: Role, method: Method, url: string, id: number, payload?: object) {
  const response = await ask(role, method, url.replace(String(id), '999999999'), payload);
  return { status: response.statusCode, body: JSON.parse(response.body.replaceAll('999999999', String(id))) };
}

const json = (response: LightMyRequestResponse) => ({ status: response.statusCode, body: response.body ? response.json() : null });

/** A change either succeeds and is audited as the reader, answers as if `id` did not exist, or is refused with a status. */
async function expectOutcome(
  role: Role,
  method: Method,
  url: string,
  id: number,
  payload: object | undefined,
  outcome: 'ok' | 'absent' | number,
) {
  const response = json(await ask(role, method, url, payload));
  if (outcome === 'ok') {
    expect(response.status).toBeLessThan(300);
    const audit = t.db.writerConnection.prepare('select actor from audit_event order by id desc limit 1').pluck().get();
    expect(audit).toBe(ACCOUNT[role as keyof typeof ACCOUNT]);
  } else if (outcome === 'absent') {
    expect(response).toEqual(await absent(role, method, url, id, payload));
  } else {
    expect(response.status).toBe(outcome);
  }
}

const refs = (results: Array<{ document: { ref: string } }>) => results.map((r) => r.document.ref).sort();

it('covers every route the API has: a new route must be added to this matrix', async () => {
  const spec = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, object> };
  const routes = Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`),
  );
  expect(routes.sort()).toEqual([...COVERED].sort());
});

describe.each(ROLES)('as %s', (role) => {
  describe('reading', () => {
    it('search finds restricted text only for vault members, internal text only when signed in', async () => {
      const vault = (await ask(role, 'GET', '/api/search?q=vaultword')).json();
      expect(vault.total).toBe(readsVault(role) ? 2 : 0);
      expect(vault.results.length).toBe(vault.total);
      const internal = (await ask(role, 'GET', '/api/search?q=internalword')).json();
      expect(internal.total).toBe(signedIn(role) ? 1 : 0);
    });

    it('fuzzy~ expansions name only words of documents the reader may read', async () => {
      const vault = (await ask(role, 'GET', '/api/search?q=vaultwerd~1')).json();
      expect(vault.expansions[0].matched).toEqual(readsVault(role) ? ['vaultword'] : []);
      expect(vault.total).toBe(readsVault(role) ? 2 : 0);
      const internal = (await ask(role, 'GET', '/api/search?q=internalwerd~1')).json();
      expect(internal.expansions[0].matched).toEqual(signedIn(role) ? ['internalword'] : []);
    });

    it('search results, snippets, totals and facet counts leave out what the reader may not read', async () => {
      const { total, results, facets } = (await ask(role, 'GET', `/api/search?q=${encodeURIComponent('"forty thousand dollars"')}`)).json();
      const expected = readsVault(role) ? ['PRESS-REPORT', 'VAULT-001', 'VAULT-REPORT'] : ['PRESS-REPORT'];
      expect(total).toBe(expected.length);
      expect(refs(results)).toEqual(expected);
      expect(JSON.stringify(results).includes('VAULT')).toBe(readsVault(role));
      const collections = facets.collection.map((f: { value: string }) => f.value).sort();
      expect(collections).toEqual(readsVault(role) ? ['press', 'vault'] : ['press']);
      expect(facets.kind.reduce((n: number, f: { count: number }) => n + f.count, 0)).toBe(expected.length);
    });

    it('browsing and the document list count only readable documents', async () => {
      const readable = ids.sampleDocuments! + 1 + (signedIn(role) ? 1 : 0) + (readsVault(role) ? 2 : 0);
      expect((await ask(role, 'GET', '/api/search')).json().total).toBe(readable);
      expect((await ask(role, 'GET', '/api/documents?pageSize=100')).json().total).toBe(readable);
      const vaultOnly = (await ask(role, 'GET', '/api/documents?collection=vault')).json();
      expect(vaultOnly.total).toBe(readsVault(role) ? 2 : 0);
    });

    it('lists only the collections the reader may read', async () => {
      const names = (await ask(role, 'GET', '/api/collections')).json().collections.map((c: { name: string }) => c.name);
      expect(names.includes('vault')).toBe(readsVault(role));
      expect(names.includes('newsroom')).toBe(signedIn(role));
      expect(names).toEqual(expect.arrayContaining(['press', 'sample']));
    });

    it.each([
      ['/api/documents/:id', 'vaultCable'],
      ['/api/documents/:id/highlights?q=courier', 'vaultCable'],
      ['/api/documents/:id/quoted-in', 'vaultCable'],
      ['/api/passages/:id/quoted-in', 'vaultPassage'],
      ['/api/reports/:id', 'vaultReport'],
    ])('GET %s of the vault: 200 for members, else exactly the 404 of a missing id', async (route, key) => {
      const id = ids[key]!;
      const url = route.replace(':id', String(id));
      const response = json(await ask(role, 'GET', url));
      if (readsVault(role)) expect(response.status).toBe(200);
      else expect(response).toEqual(await absent(role, 'GET', url, id));
    });

    it('GET /api/documents/:id/original: the vault file for members, else exactly the 404 of a missing id; a public file for all', async () => {
      const url = `/api/documents/${ids.vaultCable}/original`;
      const response = await ask(role, 'GET', url);
      if (readsVault(role)) expect([response.statusCode, response.body]).toEqual([200, VAULT_CABLE.body]);
      else expect(json(response)).toEqual(await absent(role, 'GET', url, ids.vaultCable!));
      expect((await ask(role, 'GET', `/api/documents/${ids.sampleCable}/original`)).statusCode).toBe(200);
    });

    it('GET /api/documents/:id/pages/:n of the vault: the page for members, else exactly the 404 of a missing id', async () => {
      const url = `/api/documents/${ids.vaultCable}/pages/1`;
      const response = json(await ask(role, 'GET', url));
      if (readsVault(role)) expect(response).toMatchObject({ status: 200, body: { number: 1, words: [] } });
      else expect(response).toEqual(await absent(role, 'GET', url, ids.vaultCable!));
    });

    it('GET /api/documents/:id/pages/:n/image of the vault: the page for members, else exactly the 404 of a missing id', async () => {
      for (const n of [1, 2]) {
        const url = `/api/documents/${ids.vaultCable}/pages/${n}/image`;
        const response = json(await ask(role, 'GET', url));
        if (readsVault(role)) expect(response.body.error.code).toBe(n === 1 ? 'page.image_unsupported' : 'page.not_found');
        else expect(response).toEqual(await absent(role, 'GET', url, ids.vaultCable!));
      }
    });

    it.each([
      ['/api/documents/by-ref/VAULT-001', '/api/documents/by-ref/NO-SUCH-REF'],
      ['/api/reports/by-ref/VAULT-REPORT', '/api/reports/by-ref/NO-SUCH-REF'],
    ])('GET %s: 200 for members, else the 404 of a missing ref', async (url, missing) => {
      const response = json(await ask(role, 'GET', url));
      if (readsVault(role)) return expect(response.status).toBe(200);
      const other = json(await ask(role, 'GET', missing));
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe(other.body.error.code);
      expect(response.body.error.message.replace(/VAULT-\w+/, 'X')).toBe(other.body.error.message.replace('NO-SUCH-REF', 'X'));
    });

    it('a translation names its original, and the pairing is readable, only where the reader may read both', async () => {
      const memo = json(await ask(role, 'GET', `/api/documents/${ids.newsMemo}`));
      const alignment = `/api/documents/${ids.newsMemo}/alignment?with=${ids.vaultCable}`;
      const pairing = json(await ask(role, 'GET', alignment));
      if (!signedIn(role)) expect(memo.status).toBe(404);
      else expect(memo.body.document.original?.ref ?? null).toBe(readsVault(role) ? 'VAULT-001' : null);
      if (readsVault(role)) expect(pairing.status).toBe(200);
      else expect(pairing).toEqual(await absent(role, 'GET', alignment, ids.vaultCable!));
      const sample = json(await ask(role, 'GET', `/api/documents/${ids.sampleTranslation}/alignment?with=${ids.sampleOriginal}`));
      expect(sample.status).toBe(200);
      expect(sample.body.editable).toBe(editsPublic(role));
    });

    it('“quoted in” lists of a public cable name the vault report only to members', async () => {
      const document = (await ask(role, 'GET', `/api/documents/${ids.sampleCable}/quoted-in`)).json();
      const passage = (await ask(role, 'GET', `/api/passages/${ids.quotedSamplePassage}/quoted-in`)).json();
      for (const list of [document.quotedIn, passage.quotedIn]) {
        const reports = list.map((q: { report: { ref: string } }) => q.report.ref);
        expect(reports.includes('VAULT-REPORT')).toBe(readsVault(role));
      }
    });

    it('a public report shows its link into the vault only to members; others see the quotation unmatched', async () => {
      const report = (await ask(role, 'GET', '/api/reports/by-ref/PRESS-REPORT')).json();
      const [quotation] = report.quotations;
      const sources = quotation.links.map((l: { document: { ref: string } }) => l.document.ref);
      expect(sources).toEqual(readsVault(role) ? ['VAULT-001'] : []);
      expect(quotation.status).toBe(readsVault(role) ? 'linked' : 'unmatched');
      expect(report.counts.linked).toBe(readsVault(role) ? 1 : 0);
      expect(JSON.stringify(report)).not.toContain(readsVault(role) ? 'no-such-text' : 'VAULT-001');
    });

    it.each(['/api/audit', '/api/admin/accounts', '/api/admin/collections', '/api/admin/collections/vault/members'])(
      'GET %s is for admins only',
      async (url) => {
        const status = (await ask(role, 'GET', url)).statusCode;
        expect(status).toBe(role === 'admin' ? 200 : signedIn(role) ? 403 : 401);
      },
    );

    it('everyone may ask who they are, read the API description and ask whether the server is healthy', async () => {
      const session = (await ask(role, 'GET', '/api/session')).json();
      expect(session.account?.name ?? null).toBe(role === 'anonymous' ? null : role === 'memberToken' ? 'mo' : ACCOUNT[role]);
      expect((await ask(role, 'GET', '/api/openapi.json')).statusCode).toBe(200);
      expect(json(await ask(role, 'GET', '/api/health'))).toEqual({ status: 200, body: { status: 'ok', database: 'ok' } });
    });
  });

  describe('changing', () => {
    // Vault report: members who edit may review; members who only read are refused; nobody else learns it exists.
    const vaultReview = (role: Role) => (role === 'memberEditor' ? 'ok' : readsVault(role) ? 403 : 'absent');
    const publicReview = (role: Role) => (editsPublic(role) ? 'ok' : signedIn(role) ? 403 : 401);
    const adminOnly = (role: Role) => (role === 'admin' ? 'ok' : signedIn(role) ? 403 : 401);

    it.each([
      ['PATCH', '/api/quote-links/:id', 'vaultLinkToConfirm', { status: 'confirmed' }, vaultReview],
      ['POST', '/api/quote-links/:id/detach', 'vaultLinkToDetach', {}, vaultReview],
      ['PATCH', '/api/quotations/:id', 'vaultQuotation', { decision: null }, vaultReview],
      ['POST', '/api/quotations/:id/links', 'vaultQuotationToAttach', 'attach-vault', vaultReview],
      ['PATCH', '/api/quote-links/:id', 'sampleLink', { status: 'confirmed' }, publicReview],
      ['PATCH', '/api/quotations/:id', 'sampleQuotation', { decision: null }, publicReview],
      // A public report's link into the vault: only a vault member could see it, and only a public editor review it.
      ['PATCH', '/api/quote-links/:id', 'pressLinkToVault', { status: 'confirmed' }, (r: Role) => (readsVault(r) ? 403 : 'absent')],
      // Administration: admins only, and the same answer for everyone else whatever the collection.
      ['PATCH', '/api/admin/collections/press', 'none', { visibility: 'public' }, adminOnly],
      ['PUT', '/api/admin/collections/vault/members/mo', 'none', { role: 'viewer' }, adminOnly],
      ['PATCH', '/api/admin/accounts/zed', 'none', { role: 'viewer' }, adminOnly],
      ['POST', '/api/admin/accounts/zed/password', 'none', { password: 'another long passphrase' }, adminOnly],
      ['POST', '/api/admin/accounts', 'none', { name: 'newcomer', role: 'viewer', password: 'another long passphrase' }, adminOnly],
      ['DELETE', '/api/admin/collections/press/members/zed', 'none', undefined, adminOnly],
      // Correcting a pairing needs an editor of both sides; the vault side exists only for members.
      ['PUT', '/api/documents/:id/alignment?with=:other', 'sampleTranslation', 'sample-pairs', publicReview],
      ['PUT', '/api/documents/:id/alignment?with=:other', 'vaultCable', 'vault-pairs', (r: Role) => (readsVault(r) ? 403 : 'absent')],
    ] as const)('%s %s (%s)', async (method, route, key, body, expected) => {
      const id = ids[key] ?? 0;
      const other = key === 'vaultCable' ? ids.newsMemo : ids.sampleOriginal;
      const url = route.replace(':id', String(id)).replace(':other', String(other));
      const payload =
        body === 'attach-vault'
          ? { documentId: ids.vaultCable, fragments: [{ start: 4, end: 40 }] }
          : body === 'sample-pairs'
            ? { pairs: JSON.parse(samplePairs) }
            : body === 'vault-pairs'
              ? { pairs: [] }
              : body;
      await expectOutcome(role, method, url, id, payload, expected(role));
    });
  });
});

describe.each(ROLES)('search by entity, as %s', (role) => {
  // Seeded here and removed after, so that the entity routes' own cases count only their fixture.
  let removeEntities: () => void;
  beforeAll(() => {
    removeEntities = seedSearchEntities(t.db);
  });
  afterAll(() => removeEntities());

  const searchFor = async (q: string) => (await ask(role, 'GET', `/api/search?q=${encodeURIComponent(q)}`)).json();
  const facetNames = (body: { facets: { entity: Array<{ value: string }> } }) => body.facets.entity.map((f) => f.value);

  it('the entity facet counts only readable documents and names no entity known only from the vault', async () => {
    const body = await searchFor('"forty thousand dollars"');
    const crossing = body.facets.entity.find((f: { value: string }) => f.value === 'The Border Crossing');
    expect(crossing).toMatchObject({ count: readsVault(role) ? 3 : 1, type: 'place' });
    const storm = await searchFor('storm');
    expect(facetNames(storm).includes('Night Storm')).toBe(readsVault(role));
    const browsing = await searchFor('collection:vault');
    expect(facetNames(browsing).includes('Night Storm')).toBe(readsVault(role));
    expect(JSON.stringify([storm, browsing]).includes('Zakho')).toBe(false);
  });

  it('entity: finds what the reader may read, and a hidden entity or spelling answers as a missing one', async () => {
    const missing = await searchFor('entity:"No Such Entity Anywhere"');
    for (const [name, vaultTotal] of [
      ['Night Storm', 2],
      ['Zakho crossing', 3],
    ] as const) {
      const body = await searchFor(`entity:"${name}"`);
      if (readsVault(role)) expect(body.total).toBe(vaultTotal);
      else expect({ ...body, query: '' }).toEqual({ ...missing, query: '' });
    }
    expect((await searchFor('entity:"border crossing"')).total).toBe(readsVault(role) ? 3 : 1);
  });

  it('"also search" offers only the spellings and entities the reader may know of', async () => {
    const crossing = (await searchFor('border crossing')).alsoSearch;
    expect(crossing.spellings).toEqual(readsVault(role) ? ['The Border Crossing', 'Zakho crossing'] : ['The Border Crossing']);
    const storm = (await searchFor('"night storm"')).alsoSearch;
    if (readsVault(role)) expect(storm).toMatchObject({ name: 'Night Storm', spellings: ['Operation Night Storm'] });
    else expect(storm).toBeNull();
  });
});

describe.each(ROLES)('entities, as %s', (role) => {
  const key = role.toLowerCase();
  // By who made it: extraction of the sample archive may have made entities of the same names.
  const entity = (name: string) =>
    t.db.writerConnection.prepare(`select id from entity where name = ? and created_by = 'seed'`).pluck().get(name) as number;
  const body = (response: LightMyRequestResponse) => response.json();
  // Words of the public press report, one a role, for the mentions each role's split moves.
  const WORDS: Record<Role, string> = {
    anonymous: 'We',
    viewer: 'can',
    editor: 'reveal',
    admin: 'that',
    member: 'payment',
    memberEditor: 'approved',
    memberToken: 'informant',
  };

  beforeAll(async () => {
    const seed = new EntitySeeder(t.db);
    for (const name of Object.values(ACCESS_ENTITIES)) ids[name] = entity(name);
    ids.vaultMention = t.db.writerConnection.prepare('select id from mention where text = ?').pluck().get('vaultword') as number;
    ids.pressMention = t.db.writerConnection
      .prepare('select id from mention where text = ?')
      .pluck()
      .get('forty thousand dollars') as number;
    // Disposable entities, one set a role, so that each role's changes touch nothing another role's cases use.
    ids[`own_${key}`] = seed.entity('person', `Disposable ${key}`, { aliases: [`Spare ${key}`] });
    ids[`spare_${key}`] = t.db.writerConnection.prepare('select id from entity_alias where name = ?').pluck().get(`Spare ${key}`) as number;
    ids[`mergeable_${key}`] = seed.entity('person', `Mergeable ${key}`);
    ids[`deletable_${key}`] = seed.entity('person', `Deletable ${key}`);
    ids[`splittable_${key}`] = seed.mention('PRESS-REPORT', WORDS[role], ids[`own_${key}`]!);
    const target = seed.entity('person', `Undo target ${key}`);
    const merged = seed.entity('person', `Undone ${key}`);
    const merge = await ask('editor', 'POST', `/api/entities/${target}/merge`, { from: merged });
    ids[`merge_${key}`] = body(merge).merge.id;
  });

  describe('reading', () => {
    it('lists, counts and type-ahead leave out what is known only from the vault', async () => {
      const listed = async (q: string) => body(await ask(role, 'GET', `/api/entities?q=${encodeURIComponent(q)}`)).entities;
      const found = async (q: string, name: string) => (await listed(q)).some((e: { id: number }) => e.id === ids[name]);
      expect(await found('vaultword', ACCESS_ENTITIES.vaultOnly)).toBe(readsVault(role));
      expect(await found('officer', ACCESS_ENTITIES.vaultNeighbour)).toBe(readsVault(role));
      expect(await found('kerra', ACCESS_ENTITIES.both)).toBe(readsVault(role));
      expect(await found('40000', ACCESS_ENTITIES.publicOnly)).toBe(true);
      const [both] = (await listed('karrada')).filter((e: { id: number }) => e.id === ids[ACCESS_ENTITIES.both]);
      expect(both).toMatchObject({
        mentionCount: readsVault(role) ? 2 : 1,
        aliases: readsVault(role) ? [ACCESS_ENTITIES.vaultSpelling] : [],
      });
      // A hand-made entity with no mention yet is for those signed in.
      expect((await listed(`deletable ${key}`)).length).toBe(signedIn(role) ? 1 : 0);
      const all = body(await ask(role, 'GET', '/api/entities?pageSize=100&type=codename'));
      expect(JSON.stringify(all).includes(ACCESS_ENTITIES.vaultOnly)).toBe(readsVault(role));
    });

    it('the shared entity’s page counts readable mentions and co-mentions only', async () => {
      const page = body(await ask(role, 'GET', `/api/entities/${ids[ACCESS_ENTITIES.both]}`));
      expect(page.entity.mentionCount).toBe(readsVault(role) ? 2 : 1);
      expect(page.coMentioned.some((c: { name: string }) => c.name === ACCESS_ENTITIES.vaultNeighbour)).toBe(readsVault(role));
      expect(page.canEdit).toBe(editsPublic(role));
      const mentions = body(await ask(role, 'GET', `/api/entities/${ids[ACCESS_ENTITIES.both]}/mentions`));
      expect(mentions.mentions.map((m: { document: { ref: string } }) => m.document.ref).sort()).toEqual(
        readsVault(role) ? [QUOTED_SAMPLE_CABLE, 'VAULT-REPORT'] : [QUOTED_SAMPLE_CABLE],
      );
    });

    it.each([
      ['/api/entities/:id', ACCESS_ENTITIES.vaultOnly],
      ['/api/entities/:id/mentions', ACCESS_ENTITIES.vaultOnly],
      ['/api/entities/:id', ACCESS_ENTITIES.vaultNeighbour],
      ['/api/documents/:id/mentions', 'vaultCable'],
    ])('GET %s (%s): 200 for vault members, else exactly the 404 of a missing id', async (route, name) => {
      const id = ids[name]!;
      const url = route.replace(':id', String(id));
      const response = json(await ask(role, 'GET', url));
      if (readsVault(role)) expect(response.status).toBe(200);
      else expect(response).toEqual(await absent(role, 'GET', url, id));
    });

    it('the CSV export names only what the reader may see', async () => {
      const csv = await ask(role, 'GET', '/api/entities.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.body.includes(ACCESS_ENTITIES.vaultOnly)).toBe(readsVault(role));
      expect(csv.body.includes(ACCESS_ENTITIES.vaultSpelling)).toBe(readsVault(role));
      expect(csv.body).toContain(`${ACCESS_ENTITIES.both},place,`);
    });

    it('a document’s mentions say who may tag them; types are public', async () => {
      const sample = body(await ask(role, 'GET', `/api/documents/${ids.sampleCable}/mentions`));
      expect(sample.canTag).toBe(editsPublic(role));
      expect(sample.mentions.some((m: { entity: { name: string } | null }) => m.entity?.name === ACCESS_ENTITIES.both)).toBe(true);
      if (readsVault(role))
        expect(body(await ask(role, 'GET', `/api/documents/${ids.vaultCable}/mentions`)).canTag).toBe(role === 'memberEditor');
      expect((await ask(role, 'GET', '/api/entity-types')).statusCode).toBe(200);
    });
  });

  describe('changing', () => {
    const curate = (r: Role) => (editsPublic(r) ? 'ok' : signedIn(r) ? 403 : 401);
    // A hidden entity: curators learn nothing; everyone else is refused before the entity is looked up.
    const curateHidden = (r: Role) => (editsPublic(r) ? 'absent' : signedIn(r) ? 403 : 401);
    const vaultTag = (r: Role) => (r === 'memberEditor' ? 'ok' : readsVault(r) ? 403 : 'absent');
    const publicTag = (r: Role) => (editsPublic(r) ? 'ok' : signedIn(r) ? 403 : 401);
    const adminOnly = (r: Role) => (r === 'admin' ? 'ok' : signedIn(r) ? 403 : 401);
    const vaultSpan = (): object => ({
      start: VAULT_CABLE.body.indexOf('Erbil'),
      end: VAULT_CABLE.body.indexOf('Erbil') + 5,
      entityId: ids[ACCESS_ENTITIES.vaultOnly],
    });
    const pressSpan = (): object => ({
      start: PRESS_REPORT.body.indexOf('border'),
      end: PRESS_REPORT.body.indexOf('border') + 15,
      entityId: ids[ACCESS_ENTITIES.publicOnly],
    });

    it.each([
      ['POST', '/api/entity-types', 'none', () => ({ name: `type_${key}`, label: 'A type' }), adminOnly],
      ['POST', '/api/entities', 'none', () => ({ type: 'person', name: `Created ${key}` }), curate],
      ['PATCH', '/api/entities/:id', `own_${key}`, () => ({ labels: ['checked'] }), curate],
      ['POST', '/api/entities/:id/aliases', `own_${key}`, () => ({ name: `Another ${key}` }), curate],
      ['DELETE', `/api/entities/:own/aliases/:id`, `spare_${key}`, () => undefined, curate],
      ['POST', '/api/entities/:id/merge', `own_${key}`, () => ({ from: ids[`mergeable_${key}`] }), curate],
      ['POST', '/api/entity-merges/:id/undo', `merge_${key}`, () => ({}), curate],
      ['POST', '/api/entities/:id/split', `own_${key}`, () => ({ mentionIds: [ids[`splittable_${key}`]], name: `Split ${key}` }), curate],
      ['DELETE', '/api/entities/:id', `deletable_${key}`, () => undefined, curate],
      ['PATCH', '/api/entities/:id', ACCESS_ENTITIES.vaultOnly, () => ({ labels: ['x'] }), curateHidden],
      ['PATCH', '/api/mentions/:id', 'vaultMention', () => ({ status: 'confirmed' }), vaultTag],
      ['PATCH', '/api/mentions/:id', 'pressMention', () => ({ status: 'confirmed' }), publicTag],
      ['POST', '/api/documents/:id/mentions', 'vaultCable', vaultSpan, vaultTag],
      ['POST', '/api/documents/:id/mentions', 'pressReport', pressSpan, publicTag],
    ] as Array<[Method, string, string, () => object | undefined, (r: Role) => 'ok' | 'absent' | number]>)(
      '%s %s (%s)',
      async (method, route, name, payloadOf, expected) => {
        const id = ids[name] ?? 0;
        const url = route.replace(':own', String(ids[`own_${key}`])).replace(':id', String(id));
        const payload = payloadOf();
        await expectOutcome(role, method, url, id, payload, expected(role));
      },
    );

    it('a merge naming a hidden entity answers as one naming a missing entity', async () => {
      const url = `/api/entities/${ids[`own_${key}`]}/merge`;
      const hidden = json(await ask(role, 'POST', url, { from: ids[ACCESS_ENTITIES.vaultOnly] }));
      const missing = json(await ask(role, 'POST', url, { from: 999999999 }));
      if (readsVault(role)) return expect(hidden.status).toBe(403);
      expect(hidden.body.error.message.replace(String(ids[ACCESS_ENTITIES.vaultOnly]), 'N')).toBe(
        missing.body.error.message.replace('999999999', 'N'),
      );
      expect(hidden.status).toBe(missing.status);
    });

    it('spread: previews and tags only in documents the account may tag', async () => {
      const id = ids[ACCESS_ENTITIES.publicOnly];
      const text = encodeURIComponent('forty thousand dollars');
      const preview = json(await ask(role, 'GET', `/api/entities/${id}/spread?text=${text}`));
      const tags = editsPublic(role) || role === 'memberEditor';
      expect(preview.status).toBe(tags ? 200 : signedIn(role) ? 403 : 401);
      if (!tags) return;
      const refs = preview.body.occurrences.map((o: { documentRef: string }) => o.documentRef);
      for (const ref of refs) expect(ref.startsWith('VAULT')).toBe(role === 'memberEditor');
      const applied = json(await ask(role, 'POST', `/api/entities/${id}/spread`, { text: 'forty thousand dollars' }));
      expect(applied.body.tagged).toBe(preview.body.total);
    });
  });
});

describe.each(ROLES)('extraction and training jobs, as %s', (role) => {
  // Last in this file: an admin's run rewrites the machine suggestions of the fixture's unscanned documents.
  const outcome = (allowed: boolean) => (allowed ? 'ok' : signedIn(role) ? 403 : 401);
  const lastActor = () => t.db.writerConnection.prepare('select actor from audit_event order by id desc limit 1').pluck().get();
  const idle = async (url: string) => {
    for (let i = 0; i < 600; i++) {
      const job = (await ask('admin', 'GET', url)).json();
      if (job.state === 'idle') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${url} did not finish`);
  };
  beforeAll(() => {
    process.env.TROVE_NER_TRAINER = resolve(import.meta.dirname, '../fixtures/ner-trainer-stub.mjs');
  });
  afterAll(() => {
    delete process.env.TROVE_NER_TRAINER;
  });

  it.each([
    ['/api/extraction', editsPublic(role)],
    ['/api/admin/ner-training', role === 'admin'],
  ])('GET %s: the job state for those who may start or follow it', async (url, allowed) => {
    const response = json(await ask(role, 'GET', url));
    if (outcome(allowed) === 'ok') expect(response.body).toMatchObject({ state: expect.any(String), done: expect.any(Number) });
    else expect(response.status).toBe(outcome(allowed));
  });

  it.each(['/api/admin/extraction', '/api/admin/ner-training'])('POST %s: admins only, audited', async (url) => {
    const response = json(await ask(role, 'POST', url, {}));
    if (role !== 'admin') return expect(response.status).toBe(outcome(false));
    expect(response.status).toBe(202);
    expect(lastActor()).toBe('ada');
    await idle(url === '/api/admin/extraction' ? '/api/extraction' : '/api/admin/ner-training');
  });
});

describe.each(ROLES)('the jobs page, as %s', (role) => {
  const refusal = signedIn(role) ? 403 : 401;
  const jobState = async (id: number) => {
    for (let i = 0; i < 400; i++) {
      const state = t.db.writerConnection.prepare('select state from job where id = ?').pluck().get(id);
      if (state !== 'queued' && state !== 'running') return state;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`Job ${id} did not finish.`);
  };

  it('GET /api/admin/jobs: the list for admins only', async () => {
    const response = json(await ask(role, 'GET', '/api/admin/jobs'));
    if (role !== 'admin') return expect(response.status).toBe(refusal);
    expect(response.body).toMatchObject({ jobs: expect.any(Array), kinds: expect.any(Array) });
  });

  it('POST /api/admin/jobs and its cancel: admins only, audited', async () => {
    const started = json(await ask(role, 'POST', '/api/admin/jobs', { kind: 'quotes.index' }));
    const missing = json(await ask(role, 'POST', '/api/admin/jobs/999999999/cancel'));
    if (role !== 'admin') {
      expect(started.status).toBe(refusal);
      return expect(missing.status).toBe(refusal);
    }
    expect(started.status).toBe(202);
    expect(t.db.writerConnection.prepare('select actor from audit_event order by id desc limit 1').pluck().get()).toBe('ada');
    expect(missing.status).toBe(404);
    expect(await jobState(started.body.id)).toBe('done');
  });

  it('GET /api/admin/jobs/events: a stream of progress for admins only', async () => {
    const response = await t.app.inject({ url: '/api/admin/jobs/events', headers: headers.get(role), payloadAsStream: true });
    if (role !== 'admin') return expect(response.statusCode).toBe(refusal);
    expect(response.statusCode).toBe(200);
    const stream = response.stream();
    const first = await new Promise<string>((resolve) => stream.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    expect(first).toMatch(/event: jobs\ndata: \{"jobs":/);
    stream.destroy();
  });
});
