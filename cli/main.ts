#!/usr/bin/env node
/** `kindling`: the command-line face of the engine. */
import { parseArgs, UsageError } from './args';
import { runCheck } from './check';
import { runTranspile } from './transpile';
import { runMigrate } from './migrate';
import { runCmdline } from './cmdline';
import { ISO_USAGE, runIso } from './iso';
import { BOOT_SPEC, runBoot } from './boot';

const USAGE = `usage:
  kindling check [--strict] [--format text|json] [--files-dir DIR] [--platform NAME] [--as butane|clc|k3os|ignition]
                 [--k3os-source system|cmdline|local|config.d|userdata] [--ignition-os flatcar|fcos]
                 [--rule ID=error|warning|information|hint|off]... FILE...
  kindling transpile [--platform NAME] [--files-dir DIR] [--strict] [--pretty] [--raw] [--as butane|clc] [-o OUT] FILE
  kindling migrate [--platform NAME] [--files-dir DIR] [-o OUT] FILE
  kindling cmdline [--k3os-source system|cmdline|local|config.d|userdata] FILE
${ISO_USAGE}
  kindling boot [--dry-run] (--image BASE.qcow2 [--fcos|--flatcar] CONFIG | --iso IMAGE.iso [CONFIG]) [--memory MiB] [--cpus N]
                [--accel auto|kvm|tcg] [--forward HOST:GUEST]... [--no-forward] [--runs-dir DIR] [--keep-run] [--firmware OVMF.fd]
                [--qemu PATH] [--qemu-img PATH] [--xorriso PATH]
  kindling lsp --stdio`;

const COMMANDS = {
  check: { valued: ['--format', '--files-dir', '--as', '--platform', '--k3os-source', '--ignition-os', '--rule'], switches: ['--strict'], repeatable: ['--rule'] },
  transpile: { valued: ['--files-dir', '-o', '--output', '--as', '--platform'], switches: ['--strict', '--pretty', '--raw'] },
  migrate: { valued: ['--platform', '--files-dir', '-o', '--output'], switches: [] },
  cmdline: { valued: ['--k3os-source'], switches: [] },
  boot: BOOT_SPEC,
  lsp: { valued: [], switches: ['--stdio'] },
};

async function main(argv: string[]): Promise<number | 'server'> {
  // `iso` has subcommands, each with its own flags.
  if (argv[0] === 'iso') return runIso(argv.slice(1), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
  const args = parseArgs(argv, COMMANDS);
  switch (args.command) {
    case 'check':
      return runCheck(args, (s) => process.stdout.write(s));
    case 'transpile':
      return runTranspile(args, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    case 'migrate':
      return runMigrate(args, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    case 'cmdline':
      return runCmdline(args, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    case 'boot':
      return runBoot(args, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    case 'lsp':
      if (!args.flags.has('--stdio')) throw new UsageError('lsp needs --stdio');
      if (args.positionals.length) throw new UsageError('lsp takes no arguments');
      // Required on demand so `check` does not pay for loading the language server.
      (require('../server/src/server') as { startStdioServer(): void }).startStdioServer();
      return 'server';
    default:
      throw new UsageError(`unknown command "${args.command}"`);
  }
}

/** Errors a job (an ISO build, a boot) can end with: one line and exit 1, never a stack trace. */
const JOB_ERRORS = new Set(['IsoError', 'OutputError', 'ProcessError', 'CancelledError']);

function report(err: unknown): void {
  if (err instanceof Error && JOB_ERRORS.has(err.name)) {
    process.stderr.write(`kindling: ${err.message}\n`);
    process.exitCode = 1;
  } else if (err instanceof Error && err.name === 'InvalidInputError') {
    process.stderr.write(`kindling: ${err.message}\n`);
    process.exitCode = 2;
  } else if (err instanceof UsageError && err.message === 'help') {
    process.stdout.write(`${USAGE}\n`);
  } else if (err instanceof UsageError) {
    process.stderr.write(`kindling: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`kindling: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}

main(process.argv.slice(2)).then((result) => {
  if (result !== 'server') process.exitCode = result;
}, report);
