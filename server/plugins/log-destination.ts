import pino, { type LoggerOptions } from 'pino';

/** What the logger writes to, the pino hooks that go with it, and how to write out what is still queued. */
export interface LogDestination {
  stream: { write(line: string): void };
  hooks: NonNullable<LoggerOptions['hooks']>;
  flush(): void;
}

const ERROR_LEVEL = 50;

/**
 * Standard output (or `fd`) written in the background. A synchronous write per request line was a measurable
 * share of a cheap search; here a line is queued and written while the server goes on. Nothing that matters
 * waits in the queue:
 * - an error line (failed requests, failed jobs: what an audit looks for) is written synchronously, after
 *   whatever was queued before it, so a crash right after it cannot lose it;
 * - pino writes the queue out synchronously when the process exits: process.exit (the graceful close on a
 *   signal in main.ts), an uncaught exception, an unhandled rejection;
 * - closing the app writes it out too (`flush`, from an onClose hook).
 * Only a process killed outright (SIGKILL, out of memory) can lose the info lines of its last moments.
 */
export function backgroundStdout(fd = 1): LogDestination {
  const queued = pino.destination({ dest: fd, sync: false });
  const immediate = pino.destination({ dest: fd, sync: true });
  let urgent = false;
  const flush = () => {
    try {
      queued.flushSync();
    } catch {
      // Destroyed, or the output is gone (EPIPE): there is nowhere left to write, and logging must not crash the server.
    }
  };
  return {
    stream: {
      write(line) {
        if (!urgent) return void queued.write(line);
        flush();
        immediate.write(line);
      },
    },
    flush,
    hooks: {
      // pino calls the stream's write inside the logging call, so the flag marks exactly that call's line.
      logMethod(args, method, level) {
        urgent = level >= ERROR_LEVEL;
        try {
          method.apply(this, args);
        } finally {
          urgent = false;
        }
      },
    },
  };
}
