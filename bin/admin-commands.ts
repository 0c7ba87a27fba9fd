import { userInfo } from 'node:os';
import { Argument, Option, type Command } from 'commander';
import { BackupError, backupDatabase } from '../db/backup.ts';
import { openDatabase } from '../db/client.ts';
import { loadConfig } from '../server/config.ts';
import { AppError } from '../server/errors.ts';
import { ROLES } from '../server/modules/accounts/accounts.service.ts';
import type { Actor } from '../server/modules/auth/viewer.ts';
import { VISIBILITIES } from '../server/modules/collections/collections.service.ts';
import { createServices, type Services } from '../server/services.ts';
import { formatBytes, printAccounts, printCollections, printMembers, printTokens } from './admin-output.ts';
import { readNewPassword } from './prompt.ts';

const MEMBER_ROLES = ['editor', 'viewer'];

/** The audit log's name for whoever runs the command line: `cli:<login name>`. */
export function cliActor(): Actor {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // userInfo() throws for a user id without a passwd entry, as in some containers.
    user = process.env.USER ?? String(process.getuid?.() ?? 'unknown');
  }
  return { id: null, name: `cli:${user}` };
}

/** users, tokens, collections and backup: the administration commands. */
export function registerAdminCommands(program: Command): void {
  registerUsers(program);
  registerTokens(program);
  registerCollections(program);
  registerBackup(program);
}

function fail(message: string): void {
  console.error(`error: ${message}`);
  process.exitCode = 1;
}

/** Opens the database for one command; an AppError becomes `error: <message>` and exit code 1. */
async function withServices(program: Command, work: (services: Services) => Promise<void>): Promise<void> {
  const db = await openDatabase(loadConfig({ db: program.opts().db }).databasePath, { readers: 0 });
  try {
    await work(createServices(db));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    fail(error.message);
  } finally {
    await db.close();
  }
}

function registerUsers(program: Command): void {
  const users = program.command('users').description('Manage accounts: who may sign in, and with which role.');
  const roleOption = () => new Option('--role <role>', 'what the account may do').choices(ROLES).makeOptionMandatory();

  users
    .command('add')
    .description('Add an account; asks for its password (or reads the first line of standard input).')
    .argument('<name>', 'the name to sign in with')
    .addOption(roleOption())
    .action((name: string, flags: { role: (typeof ROLES)[number] }) =>
      withServices(program, async ({ accounts }) => {
        const password = await readNewPassword();
        await accounts.add(name, flags.role, password, cliActor());
        console.log(`Added ${name} as ${flags.role}.`);
      }),
    );

  users
    .command('list')
    .description('List accounts with their role and status.')
    .option('--json', 'print [{ id, name, role, disabled_at, created_at }]')
    .action((flags: { json?: boolean }) =>
      withServices(program, async ({ accounts }) => {
        const list = await accounts.list();
        if (flags.json) console.log(JSON.stringify(list, null, 2));
        else printAccounts(list);
      }),
    );

  users
    .command('set-role')
    .description("Change an account's role.")
    .argument('<name>', 'the account')
    .addArgument(new Argument('<role>', 'the new role').choices(ROLES))
    .action((name: string, role: (typeof ROLES)[number]) =>
      withServices(program, async ({ accounts }) => {
        await accounts.setRole(name, role, cliActor());
        console.log(`${name} is now ${role}.`);
      }),
    );

  users
    .command('disable')
    .description('Stop an account from signing in; ends its sessions at once and stops its API tokens.')
    .argument('<name>', 'the account')
    .action((name: string) =>
      withServices(program, async ({ accounts }) => {
        await accounts.setDisabled(name, true, cliActor());
        console.log(`Disabled ${name}: their sessions have ended, and their API tokens stop working until the account is enabled.`);
      }),
    );

  users
    .command('enable')
    .description('Let a disabled account sign in again.')
    .argument('<name>', 'the account')
    .action((name: string) =>
      withServices(program, async ({ accounts }) => {
        await accounts.setDisabled(name, false, cliActor());
        console.log(`Enabled ${name}.`);
      }),
    );

  users
    .command('reset-password')
    .description('Set a new password; ends the account’s sessions. Asks for it as `users add` does.')
    .argument('<name>', 'the account')
    .action((name: string) =>
      withServices(program, async ({ accounts }) => {
        await accounts.resetPassword(name, await readNewPassword(), cliActor());
        console.log(`Set a new password for ${name}; their sessions have ended.`);
      }),
    );
}

function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('Manage API tokens, for scripts that call the API as an account.');

  tokens
    .command('create')
    .description('Create an API token for an account; the token is printed once.')
    .requiredOption('--user <name>', 'the account the token acts as')
    .option('--name <label>', 'what the token is for', 'api')
    .action((flags: { user: string; name: string }) =>
      withServices(program, async ({ accounts }) => {
        const created = await accounts.createToken(flags.user, flags.name, cliActor());
        console.log(`Created API token ${created.id} ("${created.name}") for ${created.account}:\n`);
        console.log(`  ${created.token}\n`);
        console.log('It will not be shown again. Send it with each request as the header: Authorization: Bearer <token>');
      }),
    );

  tokens
    .command('list')
    .description('List API tokens (never the tokens themselves).')
    .option('--user <name>', 'only this account’s tokens')
    .option('--json', 'print [{ id, name, account, created_at, last_used_at, revoked_at }]')
    .action((flags: { user?: string; json?: boolean }) =>
      withServices(program, async ({ accounts }) => {
        const list = await accounts.listTokens(flags.user);
        if (flags.json) console.log(JSON.stringify(list, null, 2));
        else printTokens(list);
      }),
    );

  tokens
    .command('revoke')
    .description('Revoke an API token; it stops working at once.')
    .argument('<id>', 'the token’s id, from `tokens list`')
    .action((id: string) =>
      withServices(program, async ({ accounts }) => {
        if (!/^\d+$/.test(id)) return fail(`A token id is a whole number, such as 3, not "${id}"; see trove tokens list.`);
        await accounts.revokeToken(Number(id), cliActor());
        console.log(`Revoked API token ${id}.`);
      }),
    );
}

function registerCollections(program: Command): void {
  const collections = program.command('collections').description('Manage collections: who may read them and who may edit them.');
  const visibility = () =>
    new Argument('<visibility>', 'public: anyone; internal: signed-in accounts; restricted: members only').choices(VISIBILITIES);

  collections
    .command('add')
    .description('Add an empty collection.')
    .argument('<name>', 'the collection')
    .addOption(
      new Option('--visibility <visibility>', 'public: anyone; internal: signed-in accounts; restricted: members only')
        .choices(VISIBILITIES)
        .default('internal'),
    )
    .action((name: string, flags: { visibility: (typeof VISIBILITIES)[number] }) =>
      withServices(program, async (services) => {
        await services.collections.add(name, flags.visibility, cliActor());
        console.log(`Added collection "${name}" (${flags.visibility}).`);
      }),
    );

  collections
    .command('list')
    .description('List collections with their visibility, documents and members.')
    .option('--json', 'print [{ id, name, visibility, documentCount, memberCount }]')
    .action((flags: { json?: boolean }) =>
      withServices(program, async (services) => {
        const list = await services.collections.list();
        if (flags.json) console.log(JSON.stringify(list, null, 2));
        else printCollections(list);
      }),
    );

  collections
    .command('set-visibility')
    .description('Change who may read a collection.')
    .argument('<name>', 'the collection')
    .addArgument(visibility())
    .action((name: string, value: (typeof VISIBILITIES)[number]) =>
      withServices(program, async (services) => {
        await services.collections.setVisibility(name, value, cliActor());
        const who = { public: 'anyone', internal: 'every signed-in account', restricted: 'its members only' }[value];
        console.log(`"${name}" is now ${value}: ${who} can read it.`);
      }),
    );

  collections
    .command('grant')
    .description('Make an account a member of a collection, or change its role there.')
    .argument('<name>', 'the collection')
    .argument('<user>', 'the account')
    .addOption(new Option('--role <role>', 'viewer reads; editor also reviews quote links').choices(MEMBER_ROLES).makeOptionMandatory())
    .action((name: string, user: string, flags: { role: 'editor' | 'viewer' }) =>
      withServices(program, async (services) => {
        await services.collections.grant(name, user, flags.role, cliActor());
        console.log(`${user} is now a member of "${name}" as ${flags.role}.`);
      }),
    );

  collections
    .command('revoke')
    .description("End an account's membership of a collection.")
    .argument('<name>', 'the collection')
    .argument('<user>', 'the account')
    .action((name: string, user: string) =>
      withServices(program, async (services) => {
        await services.collections.revoke(name, user, cliActor());
        console.log(`${user} is no longer a member of "${name}".`);
      }),
    );

  collections
    .command('members')
    .description("List a collection's members and their roles.")
    .argument('<name>', 'the collection')
    .action((name: string) => withServices(program, async (services) => printMembers(name, await services.collections.members(name))));
}

function registerBackup(program: Command): void {
  program
    .command('backup')
    .description(
      'Copy the database to FILE with SQLite’s online backup, safe while the server runs, and the original files it refers to into originals/ beside FILE.',
    )
    .argument('<file>', 'where to write the copy')
    .option('--force', 'replace FILE if it exists')
    .action(async (file: string, flags: { force?: boolean }) => {
      const config = loadConfig({ db: program.opts().db, originals: program.opts().originals });
      const source = config.databasePath;
      const progress = backupProgress();
      try {
        const result = await backupDatabase(source, file, {
          overwrite: flags.force,
          onProgress: progress.update,
          originals: { from: config.originalsDir },
        });
        progress.done();
        console.log(`Backed up ${source} to ${result.file}: ${formatBytes(result.bytes)} in ${(result.milliseconds / 1000).toFixed(1)} s.`);
        const originals = result.originals;
        if (originals && originals.files + originals.missing.length > 0) {
          console.log(
            `Originals: ${originals.files} files (${formatBytes(originals.bytes)}) in ${originals.dir}, ${originals.copied} copied now.`,
          );
        }
        if (originals && originals.missing.length > 0) {
          console.error(
            `warning: ${originals.missing.length} original files the database refers to are not in ${config.originalsDir}` +
              ` (first: ${originals.missing[0]}); their documents are backed up without them.`,
          );
        }
      } catch (error) {
        progress.done();
        if (!(error instanceof BackupError)) throw error;
        fail(error.code === 'backup.exists' ? `${error.message} Choose another file, or pass --force to replace it.` : error.message);
      }
    });
}

/** A percentage on stderr, drawn only on a terminal and only once the copy has taken a second. */
function backupProgress(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let drawn = false;
  return {
    update(done: number, total: number) {
      if (!stream.isTTY || Date.now() - started < 1000 || total === 0) return;
      drawn = true;
      stream.write(`\rBacking up: ${Math.floor((done / total) * 100)}%`);
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
