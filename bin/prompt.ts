import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { AppError } from '../server/errors.ts';

/**
 * A new password: typed twice without echo at a terminal, or the first line of standard input
 * when it is a pipe (`echo "$PASSWORD" | trove users add …`), so scripts never put it in argv.
 */
export async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const line = await firstLine(process.stdin);
    if (!line)
      throw new AppError(
        'password.missing',
        'No password on standard input; pipe it in as the first line, or run the command in a terminal.',
      );
    return line;
  }
  const password = await askHidden('Password: ');
  if ((await askHidden('Password again: ')) !== password)
    throw new AppError('password.mismatch', 'The two passwords differ; run the command again.');
  return password;
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return (text.split('\n')[0] ?? '').replace(/\r$/, '');
}

function askHidden(question: string): Promise<string> {
  let muted = false;
  // readline echoes what is typed to its output; the output writes the prompt, then swallows the echo.
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.on('SIGINT', () => {
      rl.close();
      process.stderr.write('\n');
      process.exit(130);
    });
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
