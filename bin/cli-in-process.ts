// A test helper: one command of the command line run in the test's own process. Each spawn of bin/trove.js costs
// about two seconds of CPU before the command starts (tsx loading a thousand modules), so tests about what a command
// does (its messages, exit codes, what it writes) use this, and keep real spawns for the binary itself and for
// commands run side by side by several processes.
import { Readable } from 'node:stream';
import { format } from 'node:util';
import { Command, CommanderError } from 'commander';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Adds commands to the program, as bin/trove.ts does with registerAdminCommands and the like. */
export type Register = (program: Command) => void;

// One command at a time: console, stdin and the exit code belong to the whole process.
let running: Promise<unknown> = Promise.resolve();

/**
 * Runs `trove --db <databasePath> ...args` with the commands `register` adds, `input` as standard input (a pipe,
 * not a TTY), and returns what a spawned process would have printed and exited with.
 */
export function runInProcess(register: Register, databasePath: string, args: string[], input = ''): Promise<CliResult> {
  const run = running.then(() => runNow(register, ['--db', databasePath, ...args], input));
  running = run.catch(() => undefined);
  return run;
}

async function runNow(register: Register, argv: string[], input: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const program = new Command('trove')
    .option('--db <file>')
    .option('--originals <dir>')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (stdout += text), writeErr: (text) => (stderr += text) });
  register(program);

  const { log, error } = console;
  const write = Object.getOwnPropertyDescriptor(process.stdout, 'write');
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  const exitCode = process.exitCode;
  console.log = (...parts: unknown[]) => void (stdout += `${format(...parts)}\n`);
  console.error = (...parts: unknown[]) => void (stderr += `${format(...parts)}\n`);
  // Commands that print a document at once (entities export) write to stdout themselves.
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  Object.defineProperty(process, 'stdin', { configurable: true, value: Readable.from(input ? [input] : []) });
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return { status: Number(process.exitCode ?? 0), stdout, stderr };
  } catch (thrown) {
    if (thrown instanceof CommanderError) return { status: thrown.exitCode, stdout, stderr };
    // What bin/trove.ts does with an error no command handled.
    stderr += `trove: ${thrown instanceof Error ? thrown.message : String(thrown)}\n`;
    return { status: 2, stdout, stderr };
  } finally {
    console.log = log;
    console.error = error;
    if (write) Object.defineProperty(process.stdout, 'write', write);
    else delete (process.stdout as { write?: unknown }).write;
    Object.defineProperty(process, 'stdin', stdin);
    process.exitCode = exitCode;
  }
}
