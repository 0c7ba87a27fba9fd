// The sentences an import ends with when something needs a person's attention.
import type { Visibility } from '../../../db/schema.ts';
import type { LinkCounts } from './file-walker.ts';

const links = (n: number) => (n === 1 ? '1 symbolic link' : `${n} symbolic links`);

export function linkWarnings(counts: LinkCounts): string[] {
  const warnings: string[] = [];
  if (counts.notFollowed > 0) {
    warnings.push(
      `${links(counts.notFollowed)} out of the import folder ${counts.notFollowed === 1 ? 'was' : 'were'} not followed ` +
        '(listed under ignored). Import with --follow-links to read what they point to.',
    );
  }
  if (counts.followedOut > 0) warnings.push(`Followed ${links(counts.followedOut)} out of the import folder (--follow-links).`);
  if (counts.alreadyRead > 0) {
    warnings.push(
      `${links(counts.alreadyRead)} led to a folder or file already read (a loop, or a second way to the same place); ` +
        'each was read once.',
    );
  }
  return warnings;
}

export const WHO_READS: Record<Visibility, string> = {
  public: 'anyone who can open the web app, signed in or not',
  internal: 'every signed-in account',
  restricted: 'only the accounts granted membership of it',
};

/** An import into a collection nobody can read yet: the usual first run, which otherwise shows an empty web app. */
export function noAccountWarning(collection: string, visibility: Visibility): string {
  const name = /^[\w.-]+$/.test(collection) ? collection : JSON.stringify(collection);
  return (
    `The collection "${collection}" is ${visibility}: ${WHO_READS[visibility]} can read it, and no account exists yet, ` +
    'so the web app will show none of these documents until someone signs in. Create the first administrator with ' +
    '`npx trove users add NAME --role admin`' +
    (visibility === 'restricted' ? ` and grant accounts membership (\`npx trove collections grant ${name} NAME --role viewer\`)` : '') +
    `, or, for a private archive only you use, make the collection public: \`npx trove collections set-visibility ${name} public\` ` +
    '(or import into a new collection with `--visibility public`).'
  );
}
