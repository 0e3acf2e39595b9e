import * as fs from 'fs';
import * as path from 'path';
import { analyze, Analysis, configSetFindings, ConfigSource, CONFIG_SOURCES, decodeUtf8, Diagnostic, Dialect, LineIndex, detectDialect, IGNITION_OS_NAMES, isConfigSource, isDialect, isIgnitionOsName, isKindlingRule, isRuleLevel, resolveConfigSource, RULE_LEVELS, SetMember, TargetOs } from '../engine/index';
import { nodeFileSystem } from '../engine/host/files';
import { ParsedArgs, UsageError } from './args';

/** What --as takes, for its message: every dialect. */
const DIALECTS: readonly Dialect[] = ['butane', 'clc', 'k3os', 'ignition'];
const CONFIG_FILE = /\.(bu|butane|clc|clc\.ya?ml|ign)$/i;
const YAML_FILE = /\.ya?ml$/i;

/** A YAML file found in a folder counts when its content is a config we check (others are left alone). */
function isConfigYaml(file: string): boolean {
  try {
    return detectDialect(file, fs.readFileSync(file, 'utf8').slice(0, 65536)) !== undefined;
  } catch {
    return false;
  }
}

export interface CliDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
}

function expandArguments(inputs: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let stats: fs.Stats;
    try {
      stats = fs.statSync(input);
    } catch {
      throw new UsageError(`cannot read ${input}: no such file or directory`);
    }
    if (stats.isDirectory()) {
      const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
          else if (entry.isFile() && (CONFIG_FILE.test(entry.name) || (YAML_FILE.test(entry.name) && isConfigYaml(full)))) files.push(full);
        }
      };
      walk(input);
    } else {
      files.push(input);
    }
  }
  return files;
}

export function readText(file: string): { text: string; diagnostics: Diagnostic[] } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new UsageError(`cannot read ${file}: it ${reason}`);
  }
  return decodeUtf8(bytes);
}

/** `file:line:col` positions (1-based, columns in code points) for engine diagnostics. */
export function locate(file: string, text: string, diagnostics: Diagnostic[]): CliDiagnostic[] {
  const lines = new LineIndex(text);
  return diagnostics.map((d) => {
    const start = lines.codePointPosition(d.range.start);
    const end = lines.codePointPosition(d.range.end);
    return {
      file,
      line: start.line + 1,
      column: start.column + 1,
      endLine: end.line + 1,
      endColumn: end.column + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
    };
  });
}

/** The dialect of a file given on the command line: --as, else detected, else Butane. */
export function dialectFor(file: string, text: string, as: Dialect | undefined): Dialect {
  return as ?? detectDialect(file, text) ?? 'butane';
}

export interface CheckOptions {
  filesDir?: string;
  filesDirLabel?: string;
  platform?: string;
  /** Where a k3OS config is read from; default: from its path or modeline, else the system config. */
  k3osSource?: ConfigSource;
  /** The OS Ignition JSON files are for; default: inferred from the config. */
  ignitionOs?: TargetOs;
  /** Levels of Kindling's own rules by id (`--rule`). */
  rules?: Record<string, string>;
}

interface CheckedFile {
  file: string;
  text: string;
  analysis: Analysis;
  diagnostics: Diagnostic[];
}

export function checkFile(file: string, dialect: Dialect | undefined, options: CheckOptions): CheckedFile {
  const { text, diagnostics: encoding } = readText(file);
  const chosen = dialectFor(file, text, dialect);
  const k3osSource = chosen === 'k3os' ? (options.k3osSource ?? resolveConfigSource(path.resolve(file), text)) : undefined;
  const analysis = analyze(text, { dialect: chosen, filesDir: options.filesDir, filesDirLabel: options.filesDirLabel, platform: options.platform, k3osSource, ignitionOs: chosen === 'ignition' ? options.ignitionOs : undefined, rules: options.rules, fs: nodeFileSystem });
  return { file, text, analysis, diagnostics: [...encoding, ...analysis.diagnostics] };
}

/** Each file's findings plus those of its config set: the files checked together from one folder. */
function withConfigSets(checked: CheckedFile[], rules: Record<string, string> | undefined): CliDiagnostic[] {
  const folder = (c: CheckedFile): string => path.dirname(path.resolve(c.file));
  const member = (c: CheckedFile): SetMember => ({ name: path.basename(c.file), view: c.analysis.domain });
  return checked.flatMap((c) => {
    const others = checked.filter((o) => o !== c && folder(o) === folder(c)).map(member);
    const all = [...c.diagnostics, ...configSetFindings(member(c), others, rules)].sort((a, b) => a.range.start - b.range.start);
    return locate(c.file, c.text, all);
  });
}

/** ct's --platform; only Container Linux Configs use it. */
export function platformFlag(args: ParsedArgs): string | undefined {
  return args.flags.get('--platform') as string | undefined;
}

/** --k3os-source: which k3OS config source the files are (system, cmdline, local, config.d, userdata). */
export function k3osSourceFlag(args: ParsedArgs): ConfigSource | undefined {
  const flag = args.flags.get('--k3os-source') as string | undefined;
  if (flag === undefined) return undefined;
  if (!isConfigSource(flag)) throw new UsageError(`--k3os-source must be one of ${CONFIG_SOURCES.join(', ')}, not "${flag}"`);
  return flag;
}

/** --ignition-os: the OS Ignition JSON files are for (flatcar, fcos). */
export function ignitionOsFlag(args: ParsedArgs): TargetOs | undefined {
  const flag = args.flags.get('--ignition-os') as string | undefined;
  if (flag === undefined) return undefined;
  if (!isIgnitionOsName(flag)) throw new UsageError(`--ignition-os must be one of ${Object.keys(IGNITION_OS_NAMES).join(', ')}, not "${flag}"`);
  return IGNITION_OS_NAMES[flag];
}

/** --rule ID=LEVEL (repeatable, or comma-separated): the level of one of Kindling's own rules. */
export function ruleFlags(args: ParsedArgs): Record<string, string> | undefined {
  const given = args.lists.get('--rule');
  if (given === undefined) return undefined;
  const rules: Record<string, string> = {};
  for (const item of given.flatMap((value) => value.split(','))) {
    const [id, level, ...rest] = item.split('=');
    if (level === undefined || rest.length > 0 || id === '') throw new UsageError(`--rule takes ID=LEVEL, not "${item}"`);
    if (!isKindlingRule(id)) throw new UsageError(`--rule: no Kindling rule "${id}" (the tools' own messages cannot be changed)`);
    if (!isRuleLevel(level)) throw new UsageError(`--rule ${id}: the level must be one of ${RULE_LEVELS.join(', ')}, not "${level}"`);
    rules[id] = level;
  }
  return rules;
}

/** The absolute files directory named by --files-dir, which must exist. */
export function filesDirFlag(args: ParsedArgs): string | undefined {
  const flag = args.flags.get('--files-dir') as string | undefined;
  if (flag === undefined) return undefined;
  const dir = path.resolve(flag);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--files-dir ${flag} is not a directory`);
  return dir;
}

export function runCheck(args: ParsedArgs, out: (s: string) => void): number {
  const format = (args.flags.get('--format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const as = args.flags.get('--as') as string | undefined;
  if (as !== undefined && !isDialect(as)) throw new UsageError(`--as must be one of ${DIALECTS.join(', ')}, not "${as}"`);
  const filesDir = filesDirFlag(args);
  const k3osSource = k3osSourceFlag(args);
  if (args.positionals.length === 0) throw new UsageError('check needs at least one FILE');
  const files = expandArguments(args.positionals);
  const options: CheckOptions = { filesDir, filesDirLabel: args.flags.get('--files-dir') as string | undefined, platform: platformFlag(args), k3osSource, ignitionOs: ignitionOsFlag(args), rules: ruleFlags(args) };
  const results = withConfigSets(files.map((file) => checkFile(file, as as Dialect | undefined, options)), options.rules);

  if (format === 'json') out(`${JSON.stringify(results)}\n`);
  else for (const d of results) out(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]\n`);

  const strict = args.flags.has('--strict');
  const failing = results.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
  return failing ? 1 : 0;
}
