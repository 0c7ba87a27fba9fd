// The permission matrix: every API route, asked by every kind of reader. A document a reader may
// not read must be invisible everywhere, and answer exactly as a document that does not exist.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, createToken, grant, signIn } from '../fixtures/accounts.ts';
import { QUOTED_SAMPLE_CABLE, seedAccessFixture } from '../fixtures/access-fixture.ts';
import { seedSearchEntities } from '../fixtures/search-entities.ts';
import { createTestApp, type TestApp } from '../fixtures/test-app.ts';

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
  'GET /api/reports/{id}',
  'GET /api/reports/by-ref/{ref}',
  'PATCH /api/quote-links/{id}',
  'POST /api/quote-links/{id}/detach',
  'POST /api/quotations/{id}/links',
  'PATCH /api/quotations/{id}',
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
];

let t: TestApp;
const headers = new Map<Role, Record<string, string>>();
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp(seedAccessFixture, { sampleArchive: true });
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

    it('everyone may ask who they are and read the API description', async () => {
      const session = (await ask(role, 'GET', '/api/session')).json();
      expect(session.account?.name ?? null).toBe(role === 'anonymous' ? null : role === 'memberToken' ? 'mo' : ACCOUNT[role]);
      expect((await ask(role, 'GET', '/api/openapi.json')).statusCode).toBe(200);
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
    ] as const)('%s %s (%s)', async (method, route, key, body, expected) => {
      const id = ids[key] ?? 0;
      const url = route.replace(':id', String(id));
      const payload = body === 'attach-vault' ? { documentId: ids.vaultCable, fragments: [{ start: 4, end: 40 }] } : body;
      const response = json(await ask(role, method, url, payload));
      const outcome = expected(role);
      if (outcome === 'ok') {
        expect(response.status).toBeLessThan(300);
        const audit = t.db.writerConnection.prepare('select actor from audit_event order by id desc limit 1').pluck().get();
        expect(audit).toBe(ACCOUNT[role as keyof typeof ACCOUNT]);
      } else if (outcome === 'absent') {
        expect(response).toEqual(await absent(role, method, url, id, payload));
      } else {
        expect(response.status).toBe(outcome);
      }
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
