// Every file in fixtures/hostile must fail cleanly with a stable code and a readable sentence,
// or come out as inert text (script.html) or as text with its damage marked (invalid-utf8.txt).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError, extractFile } from './extract.ts';

const hostile = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../fixtures/hostile', name));

async function failureFor(name: string): Promise<ExtractError> {
  const outcome: unknown = await extractFile(name, hostile(name)).then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ExtractError);
  return outcome as ExtractError;
}

function expectSentence(message: string): void {
  expect(message).toMatch(/^[A-Z].*[.!?]$/s);
  expect(message).not.toContain('\n');
  expect(message.length).toBeLessThan(300);
}

describe('hostile fixtures', () => {
  it.each([
    ['empty.txt', 'extract.empty', /^The file is empty\.$/],
    ['binary.txt', 'extract.binary', /NUL byte at offset 5/],
    ['bad-front-matter.md', 'extract.malformed_front_matter', /line 4/],
    ['malformed.json', 'extract.malformed_json', /line 3, column 61/],
    ['truncated.pdf', 'extract.malformed_pdf', /damaged or not a PDF/],
  ])('%s fails with %s and a sentence', async (name, code, detail) => {
    const error = await failureFor(name);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(detail);
    expectSentence(error.message);
  });

  it('invalid-utf8.txt imports with its one damaged sequence replaced and counted', async () => {
    const { documents, problems } = await extractFile('invalid-utf8.txt', hostile('invalid-utf8.txt'));
    expect(problems).toEqual([]);
    expect(documents).toEqual([
      { body: 'Valid line one.\nCaf\u00e9 ok. \ufffd( rest', metadata: { encoding: 'utf-8', replacement_characters: 1 } },
    ]);
  });

  describe('script.html', () => {
    const load = async () => {
      const { documents, problems } = await extractFile('script.html', hostile('script.html'));
      expect(problems).toEqual([]);
      expect(documents).toHaveLength(1);
      return documents[0]?.body ?? '';
    };

    it('keeps the visible text around the removed script and image', async () => {
      const body = await load();
      expect(body).toContain('Before the script. After the script.');
      expect(body).toContain('An image follows and the text goes on.');
      expect(body).toContain('A harmless looking link sits in this sentence.');
    });

    it('contains no script source, event handler or javascript: URL', async () => {
      const body = await load();
      expect(body).not.toMatch(/alert|onerror|javascript:|<script|<img|HEAD-SCRIPT-RAN/i);
    });

    it('decodes entities into literal characters', async () => {
      expect(await load()).toContain('Entities stay text: <b>not bold</b> & "quoted".');
    });

    it('keeps the right-to-left override character and the 5,000-character line', async () => {
      const body = await load();
      expect(body).toContain('\u202Egnirts desrever\u202C');
      const longLine = body.split('\n').find((line) => line.startsWith('Long line start'));
      expect(longLine).toHaveLength('Long line start '.length + 5000 + ' long line end.'.length);
    });

    it('does not let the page script change the title', async () => {
      const { documents } = await extractFile('script.html', hostile('script.html'));
      expect(documents[0]?.title).toBe('Hostile page');
    });
  });
});
