import { afterAll, describe, expect, it } from 'vitest';
import { openConnection } from '../db/client.ts';
import { createTestDatabase } from '../fixtures/test-db.ts';
import { LABELS } from '../server/pipeline/entities/tagger/labels.ts';
import { readCorrections } from './train-ner-corrections.ts';

describe('readCorrections', async () => {
  const db = await createTestDatabase({ sampleArchive: true });
  afterAll(() => db.cleanup());

  it("turns journalists' decided mentions into training sentences", async () => {
    const connection = openConnection(db.path, false);
    const document = connection.prepare('select id, unpack_body(body_packed) as body from document order by id limit 1').get() as {
      id: number;
      body: string;
    };
    const passage = connection.prepare('select id from passage where document_id = ? order by ordinal limit 1').get(document.id) as {
      id: number;
    };
    const word = /\b[A-Z][a-z]{3,}\b/.exec(document.body)!;
    const insert = connection.prepare(
      'insert into mention (document_id, passage_id, start, "end", text, type, source, status, decided_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(document.id, passage.id, word.index, word.index + word[0].length, word[0], 'place', 'person', 'confirmed', 'editor');
    connection.close();
    const { en, fa } = await readCorrections(db.path);
    const sentences = [...en, ...fa];
    expect(sentences).toHaveLength(1);
    const i = sentences[0]!.words.indexOf(word[0]);
    expect(LABELS[sentences[0]!.labels[i]!]).toBe('B-LOC');
  });
});
