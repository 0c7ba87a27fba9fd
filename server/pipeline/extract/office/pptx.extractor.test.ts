import { describe, expect, it } from 'vitest';
import { buildPptx, CABLE_FA } from '../../../../fixtures/formats/office/make-office.ts';
import { extractFailure, extractOne, passages } from '../../../../fixtures/formats/office/office-test.helper.ts';

describe('.pptx', () => {
  const slides = [
    { paragraphs: ['Weekly briefing: Tabriz', 'Bazaar closed for a second day'], notes: 'Ask the guild elders about the levy.' },
    { paragraphs: [CABLE_FA] },
    { paragraphs: [] },
    { paragraphs: ['Next steps', 'Meet the governor’s office'] },
  ];

  it('makes a passage of each slide, headed "Slide N", in the order of presentation.xml, with its notes', async () => {
    const document = await extractOne('briefing.pptx', buildPptx(slides));
    expect(passages(document.body)).toEqual([
      'Slide 1\nWeekly briefing: Tabriz\nBazaar closed for a second day\nNotes: Ask the guild elders about the levy.',
      `Slide 2\n${CABLE_FA}`,
      'Slide 4\nNext steps\nMeet the governor’s office',
    ]);
    expect(document.metadata.slide_count).toBe(4);
  });

  it('reads the document properties', async () => {
    const core = { title: 'Weekly briefing', creator: 'Political Section', created: '2014-11-07T08:00:00Z', lastModifiedBy: 'Deputy' };
    const document = await extractOne('briefing.pptx', buildPptx(slides, core));
    expect(document).toMatchObject({ title: 'Weekly briefing', author: 'Political Section', dateText: '2014-11-07T08:00:00Z' });
    expect(document.metadata).toMatchObject({ created: '2014-11-07T08:00:00Z', last_modified_by: 'Deputy' });
  });

  it('reports slides without text as extract.no_text', async () => {
    const error = await extractFailure('pictures.pptx', buildPptx([{ paragraphs: [] }, { paragraphs: [' '] }]));
    expect(error.code).toBe('extract.no_text');
  });
});
