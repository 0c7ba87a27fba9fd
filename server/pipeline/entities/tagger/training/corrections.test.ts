import { describe, expect, it } from 'vitest';
import { loadTagger } from '../index.ts';
import { LABELS } from '../labels.ts';
import { correctionSentences } from './corrections.ts';

// Synthetic text written for this test.
const BODY = 'The courier Blue Lantern met Reza Karimi in Basra.\nNothing else happened. Tehran was quiet.';

describe('correctionSentences', () => {
  it('labels confirmed spans with their class and rejected spans O, in the sentences that hold them', () => {
    const start = BODY.indexOf('Blue Lantern');
    const person = BODY.indexOf('Reza Karimi');
    const { en, fa } = correctionSentences(
      BODY,
      'en',
      [
        { start: person, end: person + 'Reza Karimi'.length, type: 'person', status: 'confirmed' },
        { start, end: start + 'Blue Lantern'.length, type: 'person', status: 'rejected' },
      ],
      loadTagger(),
    );
    expect(fa).toEqual([]);
    expect(en).toHaveLength(1);
    const tags = Object.fromEntries(en[0]!.words.map((w, i) => [w, LABELS[en[0]!.labels[i]!]]));
    expect(tags).toMatchObject({ Reza: 'B-PER', Karimi: 'I-PER', Blue: 'O', Lantern: 'O' });
  });

  it('ignores decisions on types the tagger does not learn', () => {
    const at = BODY.indexOf('Tehran');
    const result = correctionSentences(BODY, 'en', [{ start: at, end: at + 6, type: 'codename', status: 'confirmed' }], loadTagger());
    expect(result.en).toEqual([]);
  });
});
