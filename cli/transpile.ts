/**
 * `kindling transpile`: Butane → Ignition with butane's contract — stdout is exactly what
 * butane prints, the exit status is butane's (0, 1 on errors or on warnings under
 * --strict, 2 on usage errors), and diagnostics go to stderr as `file:line:col: severity: message`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyze, transpile } from '../engine/index';
import { nodeFileSystem } from '../engine/host/files';
import { writeFileAtomic } from '../engine/host/atomicWrite';
import { ParsedArgs, UsageError } from './args';
import { filesDirFlag, locate, readText } from './check';

export interface TranspileStreams {
  stdout(s: string): void;
  stderr(s: string): void;
}

function outputTarget(args: ParsedArgs, input: string): string | undefined {
  const out = args.flags.get('-o') ?? args.flags.get('--output');
  if (out === undefined) return undefined;
  const target = path.resolve(out as string);
  if (input !== '-' && fs.existsSync(target) && fs.realpathSync(target) === fs.realpathSync(input)) {
    throw new UsageError(`refusing to write the output over the input file ${input}`);
  }
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new UsageError(`${out as string} is a directory`);
  return target;
}

export async function runTranspile(args: ParsedArgs, io: TranspileStreams): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('transpile needs exactly one FILE (or - for standard input)');
  const [file] = args.positionals;
  const filesDir = filesDirFlag(args);
  const target = outputTarget(args, file);
  const { text, diagnostics: encoding } = readText(file);
  const options = { filesDir, fs: nodeFileSystem, strict: args.flags.has('--strict'), pretty: args.flags.has('--pretty'), raw: args.flags.has('--raw') };
  const analysis = analyze(text, { dialect: 'butane', ...options });
  const result = transpile(analysis, options);
  const shown = file === '-' ? '<stdin>' : file;
  for (const d of locate(shown, text, [...encoding, ...analysis.diagnostics])) {
    io.stderr(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
  }
  if (!result.translation) {
    if (result.blocking.length > 0 && result.blocking.every((d) => d.severity === 'warning')) {
      io.stderr('kindling: the config produced warnings and --strict was given\n');
    }
    return 1;
  }
  for (const p of result.schemaProblems) {
    io.stderr(`${shown}: ${p.severity}: the generated Ignition ${result.translation.ignitionVersion} config breaks its schema at $.${p.path.join('.')}: ${p.message} (a Kindling bug; please report it)\n`);
  }
  if (target) {
    try {
      await writeFileAtomic(target, result.translation.output);
    } catch (err) {
      throw new UsageError(`cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }
  else io.stdout(result.translation.output);
  return 0;
}
