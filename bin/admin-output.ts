import type { Services } from '../server/services.ts';

type Accounts = Services['accounts'];
type Collections = Services['collections'];

/** Columns padded to their widest cell; the last column is not padded. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]?.length ?? 0)));
  for (const row of [header, ...rows]) {
    console.log(
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    );
  }
}

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');

export function printAccounts(accounts: Awaited<ReturnType<Accounts['list']>>): void {
  if (accounts.length === 0) return console.log('No accounts yet. Create the first admin with: npx trove users add NAME --role admin');
  printTable(
    ['NAME', 'ROLE', 'STATUS', 'CREATED'],
    accounts.map((a) => [a.name, a.role, a.disabled_at ? `disabled ${day(a.disabled_at)}` : 'active', day(a.created_at)]),
  );
}

export function printTokens(tokens: Awaited<ReturnType<Accounts['listTokens']>>): void {
  if (tokens.length === 0) return console.log('No API tokens.');
  printTable(
    ['ID', 'NAME', 'ACCOUNT', 'CREATED', 'LAST USED', 'STATUS'],
    tokens.map((t) => [
      String(t.id),
      t.name,
      t.account,
      day(t.created_at),
      day(t.last_used_at),
      t.revoked_at ? `revoked ${day(t.revoked_at)}` : 'active',
    ]),
  );
}

export function printCollections(collections: Awaited<ReturnType<Collections['list']>>): void {
  if (collections.length === 0) return console.log('No collections yet.');
  printTable(
    ['NAME', 'VISIBILITY', 'DOCUMENTS', 'MEMBERS'],
    collections.map((c) => [c.name, c.visibility, String(c.documentCount), String(c.memberCount)]),
  );
}

export function printMembers(collection: string, members: Awaited<ReturnType<Collections['members']>>): void {
  if (members.length === 0) return console.log(`"${collection}" has no members.`);
  printTable(
    ['NAME', 'ROLE'],
    members.map((m) => [m.name, m.role]),
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
