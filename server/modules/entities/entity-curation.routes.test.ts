import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { addAccount, grant, signIn } from '../../../fixtures/accounts.ts';
import { EntitySeeder } from '../../../fixtures/entity-fixture.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';

// Synthetic documents written for these tests.
const DOCS = [
  {
    ref: 'CUR-A',
    kind: 'cable' as const,
    dateText: '2014-11-14',
    body: 'Hadi al-Amiri met Ameri in Baghdad.\n\nKarim Saadi spoke. Later KARIM SAADI left.\n\nThe Karim Saadiyat hotel is unrelated.',
  },
  {
    ref: 'CUR-B',
    kind: 'cable' as const,
    dateText: '2015-01-02',
    body: 'Hadi al-Ameri returned. Karim Saadi waited, and karim saadi’s driver too.',
  },
];
const VAULT = [{ ref: 'CUR-VAULT', kind: 'cable' as const, dateText: '2015-02-01', body: 'Karim Saadi met the courier in secret.' }];

let t: TestApp;
let seed: EntitySeeder;
const as: Record<string, Record<string, string>> = { anonymous: {} };
const e: Record<string, number> = {};

// Each test changes data, so each gets its own database.
beforeEach(async () => {
  t = await createTestApp(
    async (db) => {
      await addDocuments(db, DOCS, 'open', 'public');
      await addDocuments(db, VAULT, 'vault', 'restricted');
      await addAccount(db, 'ed', 'editor');
      await addAccount(db, 'vic', 'viewer');
      await addAccount(db, 'mae', 'viewer');
      await grant(db, 'vault', 'mae', 'editor');
      seed = new EntitySeeder(db);
      e.amiri = seed.entity('person', 'Hadi al-Amiri', { status: 'confirmed' });
      e.ameri = seed.entity('person', 'Hadi al-Ameri', { aliases: [['Ameri', 'CUR-A']] });
      e.m1 = seed.mention('CUR-A', 'Hadi al-Amiri', e.amiri);
      e.m2 = seed.mention('CUR-A', 'Ameri', e.ameri);
      e.m3 = seed.mention('CUR-B', 'Hadi al-Ameri', e.ameri);
      e.m4 = seed.mention('CUR-B', 'returned', e.ameri, { status: 'rejected' });
      e.loose = seed.mention('CUR-A', 'Baghdad', null, { type: 'place' });
      e.saadiSuggestion = seed.mention('CUR-B', 'Karim', null, { type: 'person' });
    },
    { spreadCorrections: false },
  );
  for (const name of ['ed', 'vic', 'mae']) as[name] = await signIn(t.app, name);
});
afterEach(() => t.close());

const ask = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: as[who] });
const get = async (who: string, url: string) => (await ask(who, 'GET', url)).json();
const mentionRow = (id: number | undefined) =>
  t.db.writerConnection.prepare('select entity_id, status, type, decided_by from mention where id = ?').get(id) as {
    entity_id: number | null;
    status: string;
    type: string;
    decided_by: string | null;
  };
const audits = () =>
  t.db.writerConnection.prepare('select actor, action, subject_type, subject_id from audit_event order by id').all() as Array<{
    actor: string;
    action: string;
    subject_type: string;
    subject_id: string;
  }>;
const lastAudit = () => audits().at(-1)!;

describe('merge and undo', () => {
  it('moves mentions and spellings, records the merge, and undo moves exactly those back', async () => {
    const response = await ask('ed', 'POST', `/api/entities/${e.amiri}/merge`, { from: e.ameri });
    expect(response.statusCode).toBe(200);
    const { merge, entity } = response.json();
    expect(merge).toMatchObject({ fromId: e.ameri, fromName: 'Hadi al-Ameri', mergedBy: 'ed', undoneAt: null });
    expect(entity.mentionCount).toBe(3);
    expect(entity.aliases.sort()).toEqual(['Ameri', 'Hadi al-Ameri']);
    expect(mentionRow(e.m4)).toMatchObject({ entity_id: e.amiri, status: 'rejected' });
    expect((await ask('ed', 'GET', `/api/entities/${e.ameri}`)).statusCode).toBe(404);
    expect(lastAudit()).toMatchObject({ actor: 'ed', action: 'entity.merge', subject_type: 'entity_merge', subject_id: String(merge.id) });
    expect((await get('anonymous', `/api/entities/${e.amiri}`)).merges).toHaveLength(1);

    // A mention split off after the merge stays where it went.
    const split = (await ask('ed', 'POST', `/api/entities/${e.amiri}/split`, { mentionIds: [e.m3], name: 'Someone Else' })).json();
    const undo = await ask('ed', 'POST', `/api/entity-merges/${merge.id}/undo`, {});
    expect(undo.statusCode).toBe(200);
    expect(undo.json().entity).toMatchObject({ id: e.ameri, name: 'Hadi al-Ameri', mentionCount: 1 });
    expect(mentionRow(e.m2).entity_id).toBe(e.ameri);
    expect(mentionRow(e.m4).entity_id).toBe(e.ameri);
    expect(mentionRow(e.m3).entity_id).toBe(split.entity.id);
    expect((await get('ed', `/api/entities/${e.amiri}`)).entity).toMatchObject({ mentionCount: 1, aliases: [] });
    expect(lastAudit()).toMatchObject({ action: 'entity_merge.undo', subject_type: 'entity_merge' });
    const again = await ask('ed', 'POST', `/api/entity-merges/${merge.id}/undo`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('entity_merge.undone');
  });

  it('refuses viewers, and merging into itself', async () => {
    expect((await ask('vic', 'POST', `/api/entities/${e.amiri}/merge`, { from: e.ameri })).statusCode).toBe(403);
    expect((await ask('anonymous', 'POST', `/api/entities/${e.amiri}/merge`, { from: e.ameri })).statusCode).toBe(401);
    expect((await ask('ed', 'POST', `/api/entities/${e.amiri}/merge`, { from: 999999 })).json().error.code).toBe('entity.not_found');
    expect(audits().filter((a) => a.action.startsWith('entity'))).toEqual([]);
  });
});

describe('split', () => {
  it('moves the mentions to a new confirmed entity with the spellings only they used', async () => {
    const response = await ask('ed', 'POST', `/api/entities/${e.ameri}/split`, { mentionIds: [e.m2], name: 'Ameri', type: 'organization' });
    expect(response.statusCode).toBe(201);
    const { entity } = response.json();
    expect(entity).toMatchObject({ name: 'Ameri', type: 'organization', status: 'confirmed', mentionCount: 1 });
    expect(mentionRow(e.m2)).toMatchObject({ entity_id: entity.id, status: 'confirmed', type: 'organization', decided_by: 'ed' });
    expect((await get('ed', `/api/entities/${e.ameri}`)).entity).toMatchObject({ mentionCount: 1, aliases: [] });
    expect(lastAudit()).toMatchObject({ action: 'entity.split', subject_type: 'entity', subject_id: String(entity.id) });
  });

  it('refuses mentions of another entity', async () => {
    const response = await ask('ed', 'POST', `/api/entities/${e.ameri}/split`, { mentionIds: [e.m1], name: 'X' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('mention.not_found');
  });
});

describe('confirm and reject', () => {
  it('a rejected mention stays rejected and leaves the counts', async () => {
    const response = await ask('ed', 'PATCH', `/api/mentions/${e.m1}`, { status: 'rejected' });
    expect(response.json().mention).toMatchObject({ status: 'rejected', decidedBy: 'ed' });
    expect((await get('ed', `/api/entities/${e.amiri}`)).entity.mentionCount).toBe(0);
    expect((await get('anonymous', `/api/entities`)).entities.map((x: { name: string }) => x.name)).not.toContain('Hadi al-Amiri');
    expect(lastAudit()).toMatchObject({ action: 'mention.reject', subject_type: 'mention', subject_id: String(e.m1) });
    // Tagging the same span again is a new decision by a person, and confirms it.
    const body = DOCS[0]!.body;
    const tag = await ask('ed', 'POST', `/api/documents/${seed.documentId('CUR-A')}/mentions`, {
      start: body.indexOf('Hadi'),
      end: body.indexOf('Hadi') + 13,
      entityId: e.amiri,
    });
    expect(tag.json().mention).toMatchObject({ id: e.m1, status: 'confirmed' });
  });

  it('confirming a mention without an entity makes one, and the next of that spelling joins it', async () => {
    const first = (await ask('ed', 'PATCH', `/api/mentions/${e.loose}`, { status: 'confirmed' })).json().mention;
    expect(first.entity).toMatchObject({ name: 'Baghdad', type: 'place' });
    expect(
      audits()
        .map((a) => a.action)
        .slice(-2),
    ).toEqual(['entity.create', 'mention.confirm']);
    expect((await get('ed', `/api/entities/${first.entity.id}`)).entity.status).toBe('confirmed');
    const a = seed.mention('CUR-A', 'KARIM SAADI', null, { type: 'person' });
    const b = seed.mention('CUR-B', 'Karim Saadi', null, { type: 'person' });
    const one = (await ask('ed', 'PATCH', `/api/mentions/${a}`, { status: 'confirmed' })).json().mention;
    const two = (await ask('ed', 'PATCH', `/api/mentions/${b}`, { status: 'confirmed' })).json().mention;
    expect(two.entity.id).toBe(one.entity.id);
    expect((await get('ed', `/api/entities/${one.entity.id}`)).entity).toMatchObject({ name: 'KARIM SAADI', mentionCount: 2 });
  });

  it('confirming with another entity moves the mention to it', async () => {
    const response = await ask('ed', 'PATCH', `/api/mentions/${e.m2}`, { status: 'confirmed', entityId: e.amiri });
    expect(response.json().mention.entity.id).toBe(e.amiri);
    expect((await get('ed', `/api/entities/${e.amiri}`)).entity.aliases).toEqual(['Ameri']);
  });

  it('a vault mention is decided by vault editors only', async () => {
    const vaultMention = seed.mention('CUR-VAULT', 'Karim Saadi', null, { type: 'person' });
    expect((await ask('ed', 'PATCH', `/api/mentions/${vaultMention}`, { status: 'rejected' })).statusCode).toBe(404);
    expect((await ask('mae', 'PATCH', `/api/mentions/${e.loose}`, { status: 'rejected' })).statusCode).toBe(403);
    const ok = await ask('mae', 'PATCH', `/api/mentions/${vaultMention}`, { status: 'confirmed' });
    expect(ok.statusCode).toBe(200);
    // The entity is known only from the vault: outsiders do not see it.
    const id = ok.json().mention.entity.id;
    expect((await ask('ed', 'GET', `/api/entities/${id}`)).statusCode).toBe(404);
    expect((await ask('mae', 'GET', `/api/entities/${id}`)).statusCode).toBe(200);
    // Rejected, it has no live mention left; its name still came from the vault, so outsiders still do not see it.
    await ask('mae', 'PATCH', `/api/mentions/${vaultMention}`, { status: 'rejected' });
    expect((await ask('ed', 'GET', `/api/entities/${id}`)).statusCode).toBe(404);
    expect((await get('ed', '/api/entities?q=karim')).total).toBe(0);
  });
});

describe('tagging and spread', () => {
  it('tags a selection as a new person, offers the other occurrences, and spreads to them', async () => {
    const docA = seed.documentId('CUR-A');
    const body = DOCS[0]!.body;
    const start = body.indexOf('Karim Saadi');
    const tag = await ask('ed', 'POST', `/api/documents/${docA}/mentions`, {
      start,
      end: start + 11,
      entity: { type: 'person', name: 'Karim Saadi' },
    });
    expect(tag.statusCode).toBe(201);
    const { mention, spread } = tag.json();
    expect(mention).toMatchObject({
      text: 'Karim Saadi',
      status: 'confirmed',
      source: 'person',
      entity: { name: 'Karim Saadi', type: 'person' },
    });
    // KARIM SAADI in A, Karim Saadi and karim saadi’s in B; not Saadiyat; not the vault (ed cannot read it).
    expect(spread).toEqual({ text: 'Karim Saadi', count: 3 });
    const id = mention.entity.id;
    const preview = await get('ed', `/api/entities/${id}/spread?text=${encodeURIComponent('Karim Saadi')}`);
    expect(preview.total).toBe(3);
    const bodies: Record<number, string> = { [docA]: body, [seed.documentId('CUR-B')]: DOCS[1]!.body };
    for (const o of preview.occurrences) {
      expect(bodies[o.documentId]!.slice(o.start, o.end).toLowerCase()).toBe('karim saadi');
      expect(o.excerpt.text.slice(o.excerpt.start, o.excerpt.end).toLowerCase()).toBe('karim saadi');
    }
    // A person's rejection at one occurrence is never overwritten.
    const rejected = seed.mention('CUR-B', 'karim saadi', null, { type: 'person', status: 'rejected' });
    const applied = await ask('ed', 'POST', `/api/entities/${id}/spread`, { text: 'Karim Saadi' });
    expect(applied.json()).toEqual({ tagged: 2 });
    expect(mentionRow(rejected).status).toBe('rejected');
    // The overlapping machine suggestion ("Karim") gave way to the person's tag.
    expect(t.db.writerConnection.prepare('select count(*) from mention where id = ?').pluck().get(e.saadiSuggestion)).toBe(0);
    expect((await get('ed', `/api/entities/${id}`)).entity.mentionCount).toBe(3);
    expect((await get('ed', `/api/entities/${id}/spread?text=Karim%20Saadi`)).total).toBe(0);
    expect(lastAudit()).toMatchObject({ action: 'entity.spread', subject_type: 'entity', subject_id: String(id) });
  });

  it('a vault editor spreads within the vault only; viewers may not spread', async () => {
    const vault = seed.documentId('CUR-VAULT');
    const tag = await ask('mae', 'POST', `/api/documents/${vault}/mentions`, {
      start: 0,
      end: 11,
      entity: { type: 'person', name: 'Karim Saadi' },
    });
    expect(tag.statusCode).toBe(201);
    expect(tag.json().spread.count).toBe(0);
    expect((await ask('vic', 'GET', `/api/entities/${tag.json().mention.entity.id}/spread?text=Karim`)).statusCode).toBe(403);
    expect((await ask('anonymous', 'POST', `/api/entities/${tag.json().mention.entity.id}/spread`, { text: 'Karim' })).statusCode).toBe(
      401,
    );
  });

  it('tagging needs an editor of the document’s collection', async () => {
    const payload = { start: 0, end: 4, entityId: e.amiri };
    expect((await ask('vic', 'POST', `/api/documents/${seed.documentId('CUR-A')}/mentions`, payload)).statusCode).toBe(403);
    expect((await ask('mae', 'POST', `/api/documents/${seed.documentId('CUR-A')}/mentions`, payload)).statusCode).toBe(403);
    expect((await ask('ed', 'POST', `/api/documents/${seed.documentId('CUR-VAULT')}/mentions`, payload)).statusCode).toBe(404);
    const both = await ask('ed', 'POST', `/api/documents/${seed.documentId('CUR-A')}/mentions`, {
      ...payload,
      entity: { type: 'person', name: 'X' },
    });
    expect(both.json().error.code).toBe('mention.entity_required');
  });
});

describe('create, edit, spellings, delete', () => {
  it('creates, renames (keeping the old spelling), labels and deletes, each audited', async () => {
    const created = await ask('ed', 'POST', '/api/entities', {
      type: 'codename',
      name: 'Blue Lantern',
      aliases: ['BLUE LANTERN', 'Lantern'],
      labels: ['on payroll', ' On payroll ', 'source'],
    });
    expect(created.statusCode).toBe(201);
    const { entity } = created.json();
    expect(entity).toMatchObject({ status: 'confirmed', labels: ['on payroll', 'source'], aliases: ['Lantern'], mentionCount: 0 });
    // No mention yet: visible to those signed in, not to the public.
    expect((await ask('anonymous', 'GET', `/api/entities/${entity.id}`)).statusCode).toBe(404);
    const renamed = (await ask('ed', 'PATCH', `/api/entities/${entity.id}`, { name: 'Green Lantern', description: 'A cover name.' })).json()
      .entity;
    expect(renamed).toMatchObject({ name: 'Green Lantern', description: 'A cover name.' });
    expect(renamed.aliases.sort()).toEqual(['Blue Lantern', 'Lantern']);
    const alias = await ask('ed', 'POST', `/api/entities/${entity.id}/aliases`, { name: 'Lanterne verte' });
    expect(alias.statusCode).toBe(201);
    expect((await ask('ed', 'DELETE', `/api/entities/${entity.id}/aliases/${alias.json().alias.id}`)).statusCode).toBe(204);
    const nameAlias = renamed.aliasList.find((a: { name: string }) => a.name === 'Green Lantern');
    expect((await ask('ed', 'DELETE', `/api/entities/${entity.id}/aliases/${nameAlias.id}`)).json().error.code).toBe(
      'entity.alias_is_name',
    );
    expect(
      audits()
        .map((a) => a.action)
        .filter((a) => a.startsWith('entity')),
    ).toEqual(['entity.create', 'entity.update', 'entity.alias_add', 'entity.alias_remove']);
  });

  it('changing the type retypes its mentions', async () => {
    await ask('ed', 'PATCH', `/api/entities/${e.ameri}`, { type: 'organization' });
    expect(mentionRow(e.m2).type).toBe('organization');
  });

  it('deleting: mentions lose the entity and become suggestions; rejections stay; merged ones go too', async () => {
    const merge = (await ask('ed', 'POST', `/api/entities/${e.amiri}/merge`, { from: e.ameri })).json().merge;
    expect((await ask('ed', 'DELETE', `/api/entities/${e.amiri}`)).statusCode).toBe(204);
    expect(mentionRow(e.m1)).toMatchObject({ entity_id: null, status: 'suggested', decided_by: null });
    expect(mentionRow(e.m4)).toMatchObject({ entity_id: null, status: 'rejected' });
    expect(t.db.writerConnection.prepare('select count(*) from entity where id in (?, ?)').pluck().get(e.amiri, e.ameri)).toBe(0);
    expect((await ask('ed', 'POST', `/api/entity-merges/${merge.id}/undo`, {})).statusCode).toBe(404);
    expect(lastAudit()).toMatchObject({ action: 'entity.delete', subject_id: String(e.amiri) });
  });

  it('admins add entity types; others may not', async () => {
    expect((await ask('ed', 'POST', '/api/entity-types', { name: 'vessel', label: 'Ship' })).statusCode).toBe(403);
    expect((await ask('ed', 'POST', '/api/entity-types', { name: 'Bad Name', label: 'x' })).statusCode).toBe(400);
  });
});
