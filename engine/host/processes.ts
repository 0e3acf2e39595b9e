/**
 * Running external programs (podman, xorriso, qemu) for the CLI and the editor alike: always an
 * argument array and never a shell, so no file name can become a command; every command line
 * and every line it prints go to a log; an AbortSignal stops the program.
 */
import { ChildProcess, ChildProcessWithoutNullStreams, spawn } from 'child_process';

/** Where command lines and their output go: the CLI's stderr, the editor's output channel. */
export type ProcessLog = (line: string) => void;

export interface RunOptions {
  cwd?: string;
  /** Added to (not replacing) the current environment. */
  env?: Record<string, string>;
  signal?: AbortSignal;
  log?: ProcessLog;
  /** Written to the program's standard input, which is otherwise empty. */
  input?: Buffer | string;
  /** Keep standard output whole instead of logging it line by line (e.g. a file's bytes). */
  captureStdout?: boolean;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  /** The last lines of standard error, for an error message. */
  stderrTail: string;
}

/** The program could not be started or failed: a message a person can act on. */
export class ProcessError extends Error {
  constructor(
    readonly reason: 'missing' | 'failed',
    message: string,
    readonly result?: RunResult,
  ) {
    super(message);
    this.name = 'ProcessError';
  }
}

/** The user (or a caller's signal) stopped the work: a program, a copy, a whole job. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** How long a program gets to end after SIGTERM before it is killed. */
const KILL_AFTER_MS = 5000;

/**
 * Ends `child`: SIGTERM first, so it can clean up (QEMU ends cleanly on it); one that ignores it
 * (a VM stuck in its own I/O, a container still starting) is killed for good a little later.
 */
export function terminate(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), KILL_AFTER_MS).unref();
}

/** A command line as a person would type it, for logs only: it is never run through a shell. */
export function displayCommand(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

const STDERR_TAIL_LINES = 5;

/** Logs the command line and spawns it: an argument array, never a shell. */
export function spawnLogged(argv: readonly string[], options: Pick<RunOptions, 'cwd' | 'env' | 'log'> = {}): ChildProcessWithoutNullStreams {
  options.log?.(`$ ${displayCommand(argv)}`);
  return spawn(argv[0], argv.slice(1), {
    cwd: options.cwd,
    env: options.env ? { ...process.env, ...options.env } : process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    shell: false,
    windowsHide: true,
  });
}

/** A spawn failure as a ProcessError: 'missing' when the program is not installed. */
export function startFailure(program: string, err: NodeJS.ErrnoException): ProcessError {
  return err.code === 'ENOENT'
    ? new ProcessError('missing', `${program} is not installed or not on the PATH`)
    : new ProcessError('failed', `${program} could not be started: ${err.message}`);
}

/**
 * Runs `argv[0]` with the rest as its arguments and resolves when it exits, whatever its status:
 * callers decide what a non-zero status means. Rejects with ProcessError('missing') when the
 * program is not installed and CancelledError when the signal aborts it.
 */
export function runProcess(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const program = argv[0];
  const log = options.log ?? (() => undefined);
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const child = spawnLogged(argv, options);
    const stdout: Buffer[] = [];
    const stderrLines: string[] = [];
    const lineLogger = (sink?: string[]) => {
      let pending = '';
      return {
        push(chunk: Buffer) {
          pending += chunk.toString('utf8');
          const lines = pending.split(/\r?\n|\r/);
          pending = lines.pop() ?? '';
          for (const line of lines) emit(line);
        },
        flush() {
          if (pending) emit(pending);
          pending = '';
        },
      };
      function emit(line: string) {
        log(line);
        if (sink) {
          sink.push(line);
          if (sink.length > STDERR_TAIL_LINES) sink.shift();
        }
      }
    };
    const outLog = lineLogger();
    const errLog = lineLogger(stderrLines);
    child.stdout.on('data', (chunk: Buffer) => (options.captureStdout ? stdout.push(chunk) : outLog.push(chunk)));
    child.stderr.on('data', (chunk: Buffer) => errLog.push(chunk));
    child.stdin.on('error', () => undefined); // a program that exits without reading its input
    child.stdin.end(options.input ?? '');

    let cancelled = false;
    const onAbort = () => {
      cancelled = true;
      terminate(child);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort(); // aborted while starting (e.g. by the log callback)

    child.on('error', (err: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(startFailure(program, err));
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      outLog.flush();
      errLog.flush();
      if (cancelled) {
        reject(new CancelledError());
        return;
      }
      log(code === 0 ? `(${program} finished)` : `(${program} exited with ${code ?? signal})`);
      resolve({ code, signal, stdout: Buffer.concat(stdout), stderrTail: stderrLines.join('\n') });
    });
  });
}

/** runProcess, but a non-zero exit is a ProcessError naming what the program said last. */
export async function runChecked(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await runProcess(argv, options);
  if (result.code !== 0) {
    const said = result.stderrTail.trim().split('\n').pop();
    throw new ProcessError('failed', `${argv[0]} failed (exit ${result.code ?? result.signal})${said ? `: ${said}` : ''}`, result);
  }
  return result;
}
