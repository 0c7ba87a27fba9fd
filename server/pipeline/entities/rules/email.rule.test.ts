import { describe, expect, it } from 'vitest';
import { findEmails } from './email.rule.ts';
import { pairs } from './test-helpers.ts';

const emails = (text: string) => pairs(text, findEmails(text));

describe('findEmails', () => {
  it('finds addresses and lower-cases the value', () => {
    expect(emails('From: Desk Officer Kamran <Desk.Kamran@HQ-Mail.example>, cc iraq-team@hq-mail.example.')).toEqual([
      ['Desk.Kamran@HQ-Mail.example', 'desk.kamran@hq-mail.example'],
      ['iraq-team@hq-mail.example', 'iraq-team@hq-mail.example'],
    ]);
  });

  it('finds an address inside Persian and Arabic text', () => {
    expect(emails('نشانی: a.rahimi@mail.example.ir لطفاً')).toEqual([['a.rahimi@mail.example.ir', 'a.rahimi@mail.example.ir']]);
  });

  it('leaves out the punctuation around an address', () => {
    expect(emails('(write to .ops-desk@station.example.)')).toEqual([['ops-desk@station.example', 'ops-desk@station.example']]);
  });

  it.each([['@handle'], ['user@'], ['user@localhost'], ['a@b.c'], ['name.@example.org'], ['x@-bad.example'], ['@@@@']])(
    'finds nothing in %j',
    (text) => {
      expect(emails(text)).toEqual([]);
    },
  );

  it('refuses a local part longer than 64 characters', () => {
    expect(emails(`${'a'.repeat(65)}@example.org`)).toEqual([]);
    expect(emails(`${'a'.repeat(64)}@example.org`)).toHaveLength(1);
  });
});
