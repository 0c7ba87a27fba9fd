import { describe, expect, it } from 'vitest';
import { arrayElementLines, locateJsonError } from './json-locate.helper.ts';

describe('locateJsonError', () => {
  it.each(['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}} ', '"plain"', '0'])(
    'finds nothing wrong with %j',
    (text) => {
      expect(locateJsonError(text)).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    },
  );

  it.each([
    ['{"a": }', 1, 7, 'where a value was expected'],
    ['{"a": 1,\n "b": x}', 2, 7, 'where a value was expected'],
    ['[1,]', 1, 4, 'where a value was expected'],
    ['{a: 1}', 1, 2, 'double-quoted property name'],
    ['{"a" 1}', 1, 6, "Expected ':'"],
    ['[1 2]', 1, 4, "Expected ',' or ']'"],
    ['{"a":1}}', 1, 8, 'after the end'],
    ['"abc', 1, 1, 'Unterminated string'],
    ['"a\tb"', 1, 3, 'Control character'],
    ['"\\x"', 1, 2, 'Invalid escape'],
    ['[1, 2', 1, 6, 'Unexpected end of input'],
    ['', 1, 1, 'Unexpected end of input'],
  ])('locates the error in %j', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    const location = locateJsonError(text);
    expect(location).toMatchObject({ line, column });
    expect(location?.reason).toContain(reason);
  });

  it('copes with very deep nesting', () => {
    const text = '['.repeat(100_000) + ']'.repeat(99_999);
    expect(locateJsonError(text)?.reason).toBe('Unexpected end of input');
  });
});

describe('arrayElementLines', () => {
  it('gives the starting line of each top-level element', () => {
    expect(arrayElementLines('[\n  {"a": [1,\n 2]},\n\n  3, "x"\n]')).toEqual([2, 5, 5]);
  });
});
