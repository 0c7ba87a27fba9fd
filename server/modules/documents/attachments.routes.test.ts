import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TroveDatabase } from '../../../db/client.ts';
import { DocumentWriter } from '../../../db/document-writer.ts';
import type { Visibility } from '../../../db/schema.ts';
import { addAccount, grant, signIn } from '../../../fixtures/accounts.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import { prepareDocument, sha256 } from '../../pipeline/prepare-document.ts';

// Synthetic: a message whose attachments landed in collections of different visibility.
let t: TestApp;
const bodies = new Map<string, string>();

async function store(db: TroveDatabase, collection: string, visibility: Visibility, ref: string, body: string, parent?: string) {
  const writer = new DocumentWriter(db);
  const collectionId = await writer.ensureCollection(collection, visibility);
  const prepared = prepareDocument({ ref, body, metadata: {} }, { file: `${ref}.eml`, fileSha256: sha256(body), siblings: 1, index: 0 });
  const existing = writer.findExisting(prepared.sha256, ref).find((row) => row.ref === ref);
  const parentSha256 = parent === undefined ? undefined : sha256(bodies.get(parent)!);
  bodies.set(ref, body);
  writer.saveAll([{ ...prepared, collectionId, parentSha256 }], new Map(existing ? [[ref, existing.id]] : []));
}

beforeAll(async () => {
  t = await createTestApp(async (db) => {
    await store(db, 'mail', 'public', 'MSG-1', 'Please find the expense report attached.');
    await store(db, 'mail', 'public', 'MSG-1-ATT-1', 'Expense report: 1,100 euros for travel.', 'MSG-1');
    await store(db, 'vault', 'restricted', 'MSG-1-ATT-2', 'A list of sources, restricted.', 'MSG-1');
    await store(db, 'vault', 'restricted', 'MSG-2', 'A restricted message.');
    await store(db, 'mail', 'public', 'MSG-2-ATT-1', 'A public attachment of a restricted message.', 'MSG-2');
    await addAccount(db, 'member', 'viewer');
    await grant(db, 'vault', 'member', 'viewer');
  });
});
afterAll(async () => t.close());

const detail = async (ref: string, headers: Record<string, string> = {}) =>
  (await t.app.inject({ url: `/api/documents/by-ref/${ref}`, headers })).json().document;

describe('attachments and the document that carried them', () => {
  it('links a message to its attachments and each attachment back to its message', async () => {
    const message = await detail('MSG-1');
    expect(message.parent).toBeNull();
    expect(message.attachments.map((a: { ref: string }) => a.ref)).toEqual(['MSG-1-ATT-1']);
    const attachment = await detail('MSG-1-ATT-1');
    expect(attachment.parent).toMatchObject({ id: message.id, ref: 'MSG-1', sourceFile: 'MSG-1.eml' });
    expect(attachment.attachments).toEqual([]);
  });

  it('shows a reader only the related documents their scope may read', async () => {
    expect((await detail('MSG-2-ATT-1')).parent).toBeNull();
    const member = await signIn(t.app, 'member');
    expect((await detail('MSG-1', member)).attachments.map((a: { ref: string }) => a.ref)).toEqual(['MSG-1-ATT-1', 'MSG-1-ATT-2']);
    expect((await detail('MSG-2-ATT-1', member)).parent).toMatchObject({ ref: 'MSG-2' });
  });

  it('keeps the link when the attachment is stored again with new content', async () => {
    await store(t.db, 'mail', 'public', 'MSG-1-ATT-1', 'Expense report, corrected: 1,200 euros.', 'MSG-1');
    expect((await detail('MSG-1')).attachments).toHaveLength(1);
  });
});
