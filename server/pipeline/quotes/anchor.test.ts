import { describe, expect, it } from 'vitest';
import { anchorsOf, reanchor } from './anchor.ts';

const BODY =
  'Intro paragraph.\n\nThe station judges that money and grievance are the main motives. The religious motive is real but secondary.';
const at = (text: string, body = BODY) => ({ start: body.indexOf(text), end: body.indexOf(text) + text.length });

describe('reanchor', () => {
  it('finds fragments again when text is added before them', () => {
    const fragments = [at('money and grievance are the main motives'), at('real but secondary')];
    const anchors = anchorsOf(BODY, fragments);
    const changed = `A new first paragraph.\n\n${BODY}`;
    const found = reanchor(changed, anchors, fragments)!;
    expect(found.map((f) => changed.slice(f.start, f.end))).toEqual(['money and grievance are the main motives', 'real but secondary']);
  });

  it('finds a fragment whose words were lightly corrected', () => {
    const anchors = anchorsOf(BODY, [at('money and grievance are the main motives')]);
    const changed = BODY.replace('grievance are', 'grievances are');
    const [f] = reanchor(changed, anchors)!;
    expect(changed.slice(f!.start, f!.end)).toMatch(/^money and grievances are the main motive/);
  });

  it('chooses between repeated text by the context around it', () => {
    const body = 'He said: the money was paid. Later: the money was paid. Finally: it ended.';
    const second = { start: body.lastIndexOf('the money was paid'), end: body.lastIndexOf('the money was paid') + 18 };
    const anchors = anchorsOf(body, [second]);
    const changed = `Preface. ${body}`;
    const [f] = reanchor(changed, anchors)!;
    expect(f!.start).toBe(second.start + 'Preface. '.length);
  });

  it('gives up (the link is orphaned) when the text is gone', () => {
    const anchors = anchorsOf(BODY, [at('The religious motive is real but secondary.')]);
    expect(reanchor('Intro paragraph.\n\nThe station judges that money matters.', anchors)).toBeNull();
  });

  it('keeps fragments in order', () => {
    const fragments = [at('real but secondary'), at('The station judges')];
    expect(reanchor(BODY, anchorsOf(BODY, fragments))).toBeNull();
  });
});
