/**
 * Finds, in a node model, how the config installs and starts k3s: runs of the k3s install
 * script (`curl … get.k3s.io | sh -` in an `sh -c` Exec line, in a script file a unit runs,
 * or a local install script), with the environment they get and their k3s arguments; and
 * k3s started directly (`ExecStart=/opt/bin/k3s server …`). Every value keeps its place.
 */
import * as path from 'path';
import type { EmbeddedText, NodeConfig, NodeDropin, NodeFile, NodeUnit } from '../node/model';
import { EXEC_OPTIONS, readUnitText, stripExecPrefixes, UnitOption, UnitText } from '../systemd/unitText';
import { Assignment, assignmentOf, Located, LocatedWord, optionText, placeOf, shellTokens, slice, systemdWords, TextPlace, wholeText } from './located';
import { exportsOf, Pipeline, ShellCommand, shellPipelines } from './shell';

export const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox']);

/** A download of the k3s install script: get.k3s.io, or a k3s install.sh anywhere. */
const INSTALLER_URL = /get\.k3s\.io|k3s.*install|install.*k3s/i;

/** A local copy of the install script, e.g. /opt/install-k3s.sh. */
function localInstaller(p: string): boolean {
  const name = path.posix.basename(p);
  return /k3s.*install|install.*k3s/i.test(name) && !/uninstall/i.test(name) && /^[^.]*(\.sh)?$/.test(name);
}

/** One file of a unit: its contents or a drop-in, read as a unit file. */
export interface UnitPiece {
  embedded: EmbeddedText;
  unit: UnitText;
  dropin?: NodeDropin;
}

/** A unit with everything the config says about it (entries of the same name are one unit). */
export interface UnitInfo {
  name: string;
  entries: NodeUnit[];
  pieces: UnitPiece[];
  enabled: boolean;
}

/** A variable a unit's `Environment=` or the shell sets. */
export interface EnvSetting extends Assignment {
  via: 'unit' | 'shell';
}

export interface ExecLine {
  unit: UnitInfo;
  piece: UnitPiece;
  option: UnitOption;
  value: Located;
}

export interface InstallerRun {
  unit?: UnitInfo;
  exec?: ExecLine;
  /** The installer command (the download piped into sh, or the local script's command). */
  at: TextPlace;
  /** In the order they apply: later ones win. */
  env: EnvSetting[];
  /** INSTALL_K3S_EXEC's words, then the script's own arguments: k3s's subcommand and flags. */
  args: Located[];
}

/** k3s started by a unit itself. */
export interface K3sRun {
  unit: UnitInfo;
  exec: ExecLine;
  /** Subcommand and flags, as k3s gets them. */
  args: Located[];
  env: EnvSetting[];
}

export interface K3sLaunches {
  units: UnitInfo[];
  installers: InstallerRun[];
  direct: K3sRun[];
}

const cache = new WeakMap<NodeConfig, K3sLaunches>();

export function k3sLaunches(node: NodeConfig): K3sLaunches {
  let found = cache.get(node);
  if (!found) {
    found = read(node);
    cache.set(node, found);
  }
  return found;
}

export function unitInfos(node: NodeConfig): UnitInfo[] {
  return k3sLaunches(node).units;
}

function groupUnits(node: NodeConfig): UnitInfo[] {
  const byName = new Map<string, UnitInfo>();
  for (const entry of node.units) {
    let info = byName.get(entry.name);
    if (!info) {
      info = { name: entry.name, entries: [], pieces: [], enabled: false };
      byName.set(entry.name, info);
    }
    info.entries.push(entry);
    if (entry.enabled) info.enabled = true;
    if (entry.contents) info.pieces.unshift({ embedded: entry.contents, unit: readUnitText(entry.contents.text) });
  }
  for (const info of byName.values()) {
    // systemd reads drop-ins after the unit, in name order.
    const dropins = info.entries.flatMap((e) => e.dropins).filter((d) => d.contents).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of dropins) info.pieces.push({ embedded: d.contents!, unit: readUnitText(d.contents!.text), dropin: d });
  }
  return [...byName.values()];
}

/** Options of one section of a unit, over all its pieces, in the order systemd reads them. */
export function unitOptions(info: UnitInfo, section: string, name?: string): { piece: UnitPiece; option: UnitOption }[] {
  return info.pieces.flatMap((piece) => piece.unit.options.filter((o) => o.section === section && (name === undefined || o.name === name)).map((option) => ({ piece, option })));
}

/** The unit's `Environment=` assignments (valid ones; a lone empty value resets the list). */
export function unitEnvironment(info: UnitInfo): EnvSetting[] {
  let env: EnvSetting[] = [];
  for (const { piece, option } of unitOptions(info, 'Service', 'Environment')) {
    if (option.value === '') {
      env = [];
      continue;
    }
    for (const word of systemdWords(optionText(option, piece.embedded))) {
      const a = assignmentOf(word);
      if (a) env.push({ ...a, via: 'unit' });
    }
  }
  return env;
}

/** The last value of a variable. */
export function envValue(env: EnvSetting[], name: string): EnvSetting | undefined {
  for (let i = env.length - 1; i >= 0; i--) if (env[i].name === name) return env[i];
  return undefined;
}

const base = (word: LocatedWord | undefined): string => (word ? path.posix.basename(stripExecPrefixes(word.loc.text).path) : '');

/** Skips `sudo [-E…]`, `env [A=b…]`, `exec`, `nohup` before the real command; env assignments are kept. */
function realCommand(words: LocatedWord[]): { index: number; assignments: Assignment[] } {
  const assignments: Assignment[] = [];
  let i = 0;
  for (;;) {
    const name = base(words[i]);
    if (name === 'sudo' || name === 'exec' || name === 'nohup') {
      i++;
      while (words[i] && words[i].loc.text.startsWith('-')) i++;
    } else if (name === 'env') {
      i++;
      for (; words[i]; i++) {
        const a = assignmentOf(words[i]);
        if (a) assignments.push(a);
        else if (!words[i].loc.text.startsWith('-')) break;
      }
    } else return { index: i, assignments };
  }
}

/** `sh [options] [-s] [-|--] args…`: whether it reads the script from stdin, and the operands. */
function shellOperands(words: LocatedWord[]): { stdin: boolean; command: boolean; operands: LocatedWord[] } {
  let stdin = false;
  let command = false;
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i].loc.text;
    if (w === '-' || w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w.startsWith('--')) {
      if (w.startsWith('--')) continue;
      break;
    }
    if (w.includes('s')) stdin = true;
    if (w.includes('c')) command = true;
  }
  const operands = words.slice(i);
  return { stdin: stdin || operands.length === 0, command, operands };
}

/** Script text with what shell quoting and escaping can put between a word's characters (quotes, backslashes, line breaks) removed. */
const withoutQuoting = (text: string): string => text.replace(/["'\\\n]/g, '');

/**
 * Whether a script can hold an installer run, without tokenizing it: a run needs a word naming
 * k3s (the download URL or a local installer's name) or the path of a config script it runs.
 * A word's characters are the script's, less quoting, so the unquoted text holds every word.
 */
function mayRunInstaller(scripts: Map<string, NodeFile>, script: string): boolean {
  const text = withoutQuoting(script);
  return /k3s/i.test(text) || [...scripts.keys()].some((p) => text.includes(withoutQuoting(p)));
}

/** Installer runs in a shell script; `inherited` is the environment it starts with. */
function scriptRuns(scripts: Map<string, NodeFile>, script: Located, inherited: EnvSetting[], owner: Omit<InstallerRun, 'at' | 'env' | 'args'>, depth = 0): InstallerRun[] {
  if (!mayRunInstaller(scripts, script.text)) return [];
  const runs: InstallerRun[] = [];
  let exported: EnvSetting[] = [];
  const pipelines: Pipeline[] = shellPipelines(script);
  for (const pipeline of pipelines) {
    pipeline.commands.forEach((command, j) => {
      const { index, assignments } = realCommand(command.words);
      const words = command.words.slice(index);
      const name = base(words[0]);
      const env = [...inherited, ...exported, ...[...command.assignments, ...assignments].map((a): EnvSetting => ({ ...a, via: 'shell' }))];
      const span = (from: ShellCommand, to: ShellCommand): TextPlace => {
        const a = placeOf(from.words[0]?.loc ?? from.assignments[0].word.loc);
        const last = to.words[to.words.length - 1] ?? to.assignments[to.assignments.length - 1].word;
        const b = placeOf(last.loc);
        return { in: a.in, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
      };
      if (SHELLS.has(name)) {
        const shell = shellOperands(words.slice(1));
        const previous = pipeline.commands[j - 1];
        if (previous && shell.stdin && !shell.command && downloadsInstaller(previous)) {
          runs.push({ ...owner, at: span(previous, command), env, args: shell.operands.map((w) => w.loc) });
          return;
        }
        if (!shell.stdin && !shell.command && shell.operands.length > 0) {
          const file = shell.operands[0];
          runs.push(...localRun(scripts, file, shell.operands.slice(1), env, owner, span(command, command), depth));
        }
        return;
      }
      if (words[0] && (localInstaller(words[0].loc.text) || scripts.has(words[0].loc.text))) runs.push(...localRun(scripts, words[0], words.slice(1), env, owner, span(command, command), depth));
    });
    for (const command of pipeline.commands) exported = [...exported, ...exportsOf(command).map((a): EnvSetting => ({ ...a, via: 'shell' }))];
  }
  return runs;
}

function downloadsInstaller(command: ShellCommand): boolean {
  const { index } = realCommand(command.words);
  const name = base(command.words[index]);
  return (name === 'curl' || name === 'wget') && command.words.slice(index + 1).some((w) => INSTALLER_URL.test(w.loc.text) && !/uninstall/i.test(w.loc.text));
}

/** Running a script file: the config's own script (read it), or a local copy of the installer. */
function localRun(scripts: Map<string, NodeFile>, file: LocatedWord, args: LocatedWord[], env: EnvSetting[], owner: Omit<InstallerRun, 'at' | 'env' | 'args'>, at: TextPlace, depth: number): InstallerRun[] {
  const script = scripts.get(file.loc.text);
  if (script?.contents && depth < 2) return scriptRuns(scripts, wholeText(script.contents), env, owner, depth + 1);
  if (!localInstaller(file.loc.text)) return [];
  return [{ ...owner, at, env, args: args.map((w) => w.loc) }];
}

/** Puts INSTALL_K3S_EXEC's words before the script's arguments, as install.sh does (`eval set --`). */
function withExecArgs(run: InstallerRun): InstallerRun {
  const exec = envValue(run.env, 'INSTALL_K3S_EXEC');
  if (!exec) return run;
  const words = shellTokens(exec.value).flatMap((t) => (t.kind === 'word' ? [t.word.loc] : []));
  return { ...run, args: [...words, ...run.args] };
}

/** Shell scripts of the config (a `#!` line naming a shell), by path. */
function scriptFiles(node: NodeConfig): Map<string, NodeFile> {
  const scripts = new Map<string, NodeFile>();
  for (const file of node.files) {
    const first = file.contents?.text.split('\n', 1)[0] ?? '';
    const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
    if (!m) continue;
    const shell = path.posix.basename(m[1]) === 'env' ? m[2] ?? '' : path.posix.basename(m[1]);
    if (SHELLS.has(shell)) scripts.set(file.path, file);
  }
  return scripts;
}

function read(node: NodeConfig): K3sLaunches {
  const units = groupUnits(node);
  const scripts = scriptFiles(node);
  const installers: InstallerRun[] = [];
  const direct: K3sRun[] = [];
  const runScripts = new Set<string>();
  for (const unit of units) {
    const env = unitEnvironment(unit);
    for (const { piece, option } of unitOptions(unit, 'Service')) {
      if (!EXEC_OPTIONS.has(option.name) || option.value === '') continue;
      const value = optionText(option, piece.embedded);
      const words = systemdWords(value);
      const exec: ExecLine = { unit, piece, option, value };
      const owner = { unit, exec };
      const { index, assignments } = realCommand(words);
      const cmdEnv = [...env, ...assignments.map((a): EnvSetting => ({ ...a, via: 'unit' }))];
      const rest = words.slice(index);
      const name = base(rest[0]);
      const whole = placeOf(value);
      for (const w of rest) if (scripts.has(stripExecPrefixes(w.loc.text).path)) runScripts.add(stripExecPrefixes(w.loc.text).path);
      if (SHELLS.has(name)) {
        const shell = shellOperands(rest.slice(1));
        if (shell.command && shell.operands[0]) installers.push(...scriptRuns(scripts, shell.operands[0].loc, cmdEnv, owner));
        else if (!shell.stdin && shell.operands[0]) installers.push(...localRun(scripts, shell.operands[0], shell.operands.slice(1), cmdEnv, owner, whole, 0));
      } else if (rest[0] && (localInstaller(stripExecPrefixes(rest[0].loc.text).path) || scripts.has(stripExecPrefixes(rest[0].loc.text).path))) {
        const file = { ...rest[0], loc: slice(rest[0].loc, rest[0].loc.text.length - stripExecPrefixes(rest[0].loc.text).path.length) };
        installers.push(...localRun(scripts, file, rest.slice(1), cmdEnv, owner, whole, 0));
      } else if (name === 'k3s') {
        direct.push({ unit, exec, args: rest.slice(1).map((w) => w.loc), env: cmdEnv });
      } else if (rest.some((w) => w.loc.text === '|' && !w.quoted.some(Boolean))) {
        // Shell syntax without a shell (systemd/shell-syntax reports it); read what was meant.
        installers.push(...scriptRuns(scripts, value, cmdEnv, owner));
      }
    }
  }
  // Scripts no unit runs may still be run some other way: read them on their own, without the
  // runs already found through a script that runs them.
  const found = (at: TextPlace): boolean => installers.some((r) => r.at.in === at.in && r.at.start === at.start && r.at.end === at.end);
  for (const [p, file] of scripts) {
    if (!runScripts.has(p) && file.contents) installers.push(...scriptRuns(scripts, wholeText(file.contents), [], {}).filter((r) => !found(r.at)));
  }
  return { units, installers: installers.map(withExecArgs), direct };
}
