import { describe, expect, it } from 'vitest';
import { nextFromSearch, safeNextPath, signInHref } from '../src/lib/sign-in-url.ts';

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeNextPath('/reports/r-1#q3')).toBe('/reports/r-1#q3');
    expect(safeNextPath('/search?q=a%20b&kind=cable')).toBe('/search?q=a%20b&kind=cable');
  });

  it.each([
    null,
    '',
    'reports/r-1',
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'javascript:alert(1)',
    ' /x',
    '/sign-in',
  ])('sends %j to the start page', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });

  it('reads ?next= from a query string', () => {
    expect(nextFromSearch('?next=%2Fdocuments%2FTRV-1')).toBe('/documents/TRV-1');
    expect(nextFromSearch('?next=%2F%2Fevil.example')).toBe('/');
    expect(nextFromSearch('')).toBe('/');
  });
});

describe('signInHref', () => {
  it('comes back to where the reader was', () => {
    expect(signInHref('/reports/r-1#q3')).toBe('/sign-in?next=%2Freports%2Fr-1%23q3');
    expect(signInHref('/')).toBe('/sign-in');
  });
});
