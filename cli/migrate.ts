/**
 * `kindling migrate [--platform NAME] [--files-dir DIR] [-o OUT] FILE`: a Container Linux
 * Config → Butane (`variant: flatcar`). Refuses (exit 1) when ct would reject the config;
 * its errors and warnings go to stderr as `file:line:col: severity: message`, then one
 * `file: note: …` line per thing the migration could not carry over as is.
 */
import { analyze, detectDialect, migrate } from '../engine/index';
import { nodeFileSystem } from '../engine/host/files';
import { writeFileAtomic } from '../engine/host/atomicWrite';
import { ParsedArgs, UsageError } from './args';
import { filesDirFlag, locate, platformFlag, readText } from './check';
import { outputTarget } from './transpile';

export interface MigrateStreams {
  stdout(s: string): void;
  stderr(s: string): void;
}

export async function runMigrate(args: ParsedArgs, io: MigrateStreams): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('migrate needs exactly one FILE (or - for standard input)');
  const [file] = args.positionals;
  const filesDir = filesDirFlag(args);
  const platform = platformFlag(args);
  const target = outputTarget(args, file);
  const { text, diagnostics: encoding } = readText(file);
  const shown = file === '-' ? '<stdin>' : file;
  if (detectDialect(file === '-' ? 'stdin' : file, text) === 'butane') throw new UsageError(`${shown} is already a Butane config`);

  const analysis = analyze(text, { dialect: 'clc', platform, filesDir, filesDirLabel: args.flags.get('--files-dir') as string | undefined, fs: nodeFileSystem });
  const reported = [...encoding, ...analysis.diagnostics].filter((d) => d.severity === 'error' || d.severity === 'warning');
  for (const d of locate(shown, text, reported)) io.stderr(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
  const migrated = migrate(analysis, platform);
  if (!migrated.ok || encoding.some((d) => d.severity === 'error')) {
    io.stderr(`kindling: ${shown} was not migrated: ct would reject it; fix the errors first\n`);
    return 1;
  }
  for (const note of migrated.notes) io.stderr(`${shown}: note: ${note.message}\n`);
  if (!target) {
    io.stdout(migrated.butane);
    return 0;
  }
  try {
    await writeFileAtomic(target, migrated.butane);
  } catch (err) {
    throw new UsageError(`cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return 0;
}
