import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, createToken, grant, setVisibility, TEST_ACTOR } from '../../fixtures/accounts.ts';
import { addDocuments } from '../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../fixtures/test-app.ts';
import { createServices } from '../services.ts';
import { compressionPlugin } from './compression.ts';

// Synthetic cables, enough of them that a search page is well over the 1 KB compression threshold.
const CABLES = Array.from({ length: 25 }, (_, i) => ({
  ref: `CBL-${i}`,
  title: `Cable ${i} on the harbour`,
  body: `The harbour master reported shipment ${i} at the harbour gate.\n\nThe harbour police logged the ship.`,
}));

let t: TestApp;
let publicId: number;
let vaultId: number;
let reader: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp(async (db) => {
    await addDocuments(db, CABLES);
    await addDocuments(db, [{ ref: 'VLT-1', body: 'The vault ledger of the harbour.' }], 'vault', 'restricted');
    await addDocuments(db, [{ ref: 'OPEN-1', body: 'An open note about the harbour.' }], 'open', 'public');
    await addAccount(db, 'rana', 'viewer');
    await grant(db, 'vault', 'rana', 'viewer');
    reader = { authorization: `Bearer ${await createToken(db, 'rana')}` };
  });
  const ids = await t.db.writer.selectFrom('document').select(['id', 'ref']).execute();
  publicId = ids.find((d) => d.ref === 'OPEN-1')!.id;
  vaultId = ids.find((d) => d.ref === 'VLT-1')!.id;
});
afterAll(async () => t.close());

describe('compression', () => {
  // A client on another machine (TEST-NET-3): app.inject otherwise comes from 127.0.0.1.
  const REMOTE = '203.0.113.7';

  it('sends a large search response gzip-encoded, or brotli to a client that asks only for that', async () => {
    const plain = await t.app.inject({ url: '/api/search?q=harbour', headers: { 'accept-encoding': 'identity' }, remoteAddress: REMOTE });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const br = await t.app.inject({ url: '/api/search?q=harbour', headers: { 'accept-encoding': 'br' }, remoteAddress: REMOTE });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    const gzip = await t.app.inject({ url: '/api/search?q=harbour', headers: { 'accept-encoding': 'br, gzip' }, remoteAddress: REMOTE });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(plain.json());
  });

  it('sends plain JSON to a client on the same machine, unless a proxy passed the request on', async () => {
    const local = await t.app.inject({ url: '/api/search?q=harbour', headers: { 'accept-encoding': 'gzip' } });
    expect(local.headers['content-encoding']).toBeUndefined();
    expect(local.json().total).toBeGreaterThan(0);
    const proxied = await t.app.inject({ url: '/api/search?q=harbour', headers: { 'accept-encoding': 'gzip', 'x-forwarded-for': REMOTE } });
    expect(proxied.headers['content-encoding']).toBe('gzip');
  });

  it('leaves small responses alone', async () => {
    const small = await t.app.inject({ url: '/api/search?q=nowhere', headers: { 'accept-encoding': 'br' }, remoteAddress: REMOTE });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('never compresses originals or page images, whatever their type', async () => {
    const app = Fastify();
    await app.register(compressionPlugin);
    const big = JSON.stringify({ text: 'harbour '.repeat(1000) });
    for (const url of ['/documents/1/original', '/documents/1/pages/2/image', '/documents/1']) {
      app.get(url, async (_request, reply) => reply.header('content-type', 'application/json').send(big));
    }
    const encoding = async (url: string) =>
      (await app.inject({ url, headers: { 'accept-encoding': 'br, gzip' }, remoteAddress: REMOTE })).headers['content-encoding'];
    expect(await encoding('/documents/1/original')).toBeUndefined();
    expect(await encoding('/documents/1/pages/2/image')).toBeUndefined();
    expect(await encoding('/documents/1')).toBe('gzip');
    await app.close();
  });
});

describe('document revalidation', () => {
  const get = (id: number, headers: Record<string, string> = {}) => t.app.inject({ url: `/api/documents/${id}`, headers });

  it('tags a document, keeps it private and revalidated, and answers 304 to its tag', async () => {
    const first = await get(publicId);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^W\/".+"$/);
    const again = await get(publicId, { 'if-none-match': tag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(tag);
    expect((await get(publicId, { 'if-none-match': 'W/"something-else"' })).statusCode).toBe(200);
    // by-ref is the same document, so the same tag.
    expect((await t.app.inject({ url: '/api/documents/by-ref/OPEN-1', headers: { 'if-none-match': tag } })).statusCode).toBe(304);
  });

  it('answers 200 with a new tag once the document has changed', async () => {
    const tag = (await get(publicId)).headers.etag as string;
    await t.db.writer
      .updateTable('document')
      .set({ title: 'A retitled note', updated_at: new Date().toISOString() })
      .where('id', '=', publicId)
      .execute();
    const changed = await get(publicId, { 'if-none-match': tag });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().document.title).toBe('A retitled note');
    expect(changed.headers.etag).not.toBe(tag);
  });

  it('answers 404, never 304, to a reader who may not see the document, even with its tag', async () => {
    const granted = await get(vaultId, reader);
    expect(granted.statusCode).toBe(200);
    // Restricted text is never stored by the browser; an anonymous reader's public document may be (above).
    expect(granted.headers['cache-control']).toBe('private, no-store');
    const tag = granted.headers.etag as string;
    expect((await get(vaultId, { ...reader, 'if-none-match': tag })).statusCode).toBe(304);
    const anonymous = await get(vaultId, { 'if-none-match': tag });
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.headers.etag).toBeUndefined();
    await createServices(t.db).collections.revoke('vault', 'rana', TEST_ACTOR);
    const revoked = await get(vaultId, { ...reader, 'if-none-match': tag });
    expect(revoked.statusCode).toBe(404);
    expect(revoked.headers.etag).toBeUndefined();
  });

  it('answers 404 once a public collection turns restricted', async () => {
    const tag = (await get(publicId)).headers.etag as string;
    await setVisibility(t.db, 'open', 'restricted');
    expect((await get(publicId, { 'if-none-match': tag })).statusCode).toBe(404);
  });
});
