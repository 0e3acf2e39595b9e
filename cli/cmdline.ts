/**
 * `kindling cmdline [--k3os-source SRC] FILE`: a k3OS config as kernel command line words,
 * one line on stdout. What the command line cannot express is left out and reported on
 * stderr as `file:line:col: warning: message` (exit 0). A config with errors is refused
 * (exit 1) with its errors on stderr: k3OS would not read it as written either.
 */
import * as path from 'path';
import { analyze, detectDialect, kernelCommandLine, resolveConfigSource } from '../engine/index';
import { ParsedArgs, UsageError } from './args';
import { k3osSourceFlag, locate, readText } from './check';

export interface CmdlineStreams {
  stdout(s: string): void;
  stderr(s: string): void;
}

export function runCmdline(args: ParsedArgs, io: CmdlineStreams): number {
  if (args.positionals.length !== 1) throw new UsageError('cmdline needs exactly one FILE (or - for standard input)');
  const source = k3osSourceFlag(args);
  const [file] = args.positionals;
  const { text, diagnostics: encoding } = readText(file);
  const shown = file === '-' ? '<stdin>' : file;
  const name = file === '-' ? 'stdin' : file;
  // Not check's dialectFor: it falls back to Butane, and only a file recognised as k3OS makes sense here.
  if (detectDialect(name, text) !== 'k3os') {
    throw new UsageError(`${shown} is not a k3OS config (no top-level k3os: key); start it with "# kindling: k3os" if it is one`);
  }

  const analysis = analyze(text, { dialect: 'k3os', k3osSource: source ?? resolveConfigSource(file === '-' ? name : path.resolve(file), text) });
  const result = kernelCommandLine(analysis);
  const encodingErrors = encoding.filter((d) => d.severity === 'error');
  if (!result.ok || encodingErrors.length > 0) {
    const errors = [...encodingErrors, ...(result.ok ? [] : result.errors)];
    for (const d of locate(shown, text, errors)) io.stderr(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
    io.stderr(`kindling: ${shown} was not rendered as a kernel command line: ${result.ok ? 'it is not valid UTF-8' : result.reason}\n`);
    return 1;
  }
  for (const w of result.warnings) {
    const [at] = w.range ? locate(shown, text, [{ range: w.range, severity: 'warning', code: 'k3os/cmdline', message: w.message }]) : [];
    io.stderr(at ? `${at.file}:${at.line}:${at.column}: warning: ${w.message}\n` : `${shown}: warning: ${w.message}\n`);
  }
  io.stdout(`${result.line}\n`);
  return 0;
}
