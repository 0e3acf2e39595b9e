/**
 * `kindling transpile`: Butane or a Container Linux Config → Ignition with the reference
 * tool's contract — stdout is exactly what butane (or ct) prints, the exit status is theirs
 * (0, 1 on errors or on warnings under --strict, 2 on usage errors), and diagnostics go to
 * stderr as `file:line:col: severity: message`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Dialect, isDialect, transpile } from '../engine/index';
import { nodeFileSystem } from '../engine/host/files';
import { writeFileAtomic } from '../engine/host/atomicWrite';
import { ParsedArgs, UsageError } from './args';
import { dialectFor, filesDirFlag, locate, platformFlag, readText } from './check';

export interface TranspileStreams {
  stdout(s: string): void;
  stderr(s: string): void;
}

/** The absolute -o/--output path, undefined when not given; never a folder. */
export function outputPath(args: ParsedArgs): string | undefined {
  const out = (args.flags.get('-o') ?? args.flags.get('--output')) as string | undefined;
  if (out === undefined) return undefined;
  const target = path.resolve(out);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new UsageError(`${out} is a directory`);
  return target;
}

/** outputPath, and never the input file itself. */
export function outputTarget(args: ParsedArgs, input: string): string | undefined {
  const target = outputPath(args);
  if (target !== undefined && input !== '-' && fs.existsSync(target) && fs.realpathSync(target) === fs.realpathSync(input)) {
    throw new UsageError(`refusing to write the output over the input file ${input}`);
  }
  return target;
}

export async function runTranspile(args: ParsedArgs, io: TranspileStreams): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('transpile needs exactly one FILE (or - for standard input)');
  const as = args.flags.get('--as') as string | undefined;
  if (as !== undefined && (!isDialect(as) || (as !== 'butane' && as !== 'clc'))) throw new UsageError(`--as must be butane or clc, not "${as}"`);
  const [file] = args.positionals;
  const filesDir = filesDirFlag(args);
  const target = outputTarget(args, file);
  const { text, diagnostics: encoding } = readText(file);
  const dialect = dialectFor(file === '-' ? 'stdin' : file, text, args.flags.get('--as') as Dialect | undefined);
  if (dialect === 'k3os') throw new UsageError(`${file}: a k3OS config is read by k3OS itself and has no Ignition output; use \`kindling check\``);
  const platform = platformFlag(args);
  if (platform !== undefined && dialect !== 'clc') throw new UsageError('--platform only applies to Container Linux Configs');
  if (args.flags.has('--raw') && dialect !== 'butane') throw new UsageError('--raw only applies to OpenShift Butane configs');
  const options = { filesDir, filesDirLabel: args.flags.get('--files-dir') as string | undefined, platform, fs: nodeFileSystem, strict: args.flags.has('--strict'), pretty: args.flags.has('--pretty'), raw: args.flags.has('--raw') };
  const analysis = analyze(text, { dialect, ...options });
  const result = transpile(analysis, options);
  const shown = file === '-' ? '<stdin>' : file;
  for (const d of locate(shown, text, [...encoding, ...analysis.diagnostics])) {
    io.stderr(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
  }
  if (!result.translation) {
    if (result.blocking.length > 0 && result.blocking.every((d) => d.severity !== 'error')) {
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
