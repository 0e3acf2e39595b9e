/**
 * The kernel arguments of a remastered k3OS ISO: k3OS boots through GRUB, and its installer
 * reads `k3os.mode=install` and `k3os.install.*` from /proc/cmdline, so an unattended install
 * is the first (default) menuentry's `linux` line with those words, plus a short timeout.
 * Pure: grub.cfg text in, grub.cfg text out (the install keys come from the bundled k3OS schema).
 */
import { k3osSchema } from '../k3os/schema';
import { InvalidInputError, IsoError } from './image';
import { checkInstallDevice } from './installDevice';

/**
 * The `k3os.install.*` words k3OS's installer reads from the command line: one per install key
 * of the bundled k3OS schema (k3OS README, "ISO install"), named as the schema names them.
 */
function installKeys(): string[] {
  const install = k3osSchema().at(['k3os', 'install']);
  return Object.keys(install?.properties ?? {}).map((name) => `k3os.install.${name}`);
}

export interface K3osKernelArgs {
  /** install: boot straight into the installer; live: keep the entry's own k3os.mode. */
  mode: 'install' | 'live';
  /** k3os.install.device, the disk to format, e.g. /dev/vda. */
  device?: string;
  /** k3os.install.silent: ask nothing. Defaults to true in install mode. */
  silent?: boolean;
  /** k3os.install.power_off: shut down after installing instead of rebooting. */
  powerOff?: boolean;
  /** k3os.install.config_url: where the installer fetches the config to install. */
  configUrl?: string;
  /** More `key=value` words, e.g. k3os.install.tty=ttyS0; a repeated key makes a list in k3OS. */
  extraArgs?: readonly string[];
  /** GRUB's `set timeout=`, in seconds; unchanged when absent. */
  timeoutSeconds?: number;
}

/**
 * Only these characters go into a value: GRUB splits words at blanks and expands `$`, quotes and
 * `;|&<>{}` mean something to its parser, and k3OS's boot scripts split /proc/cmdline with an
 * unquoted `$(cat /proc/cmdline)`, so `*?[` would be globbed there.
 */
const SAFE_CHAR = /[A-Za-z0-9_.,:/@%+=~-]/;
const SAFE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (/\s/.test(ch)) return 'a tab or line break';
  return `"${ch}"`;
}

function assertSafeValue(key: string, value: string): void {
  if (value === '') throw new InvalidInputError(`${key} needs a value`);
  const bad = [...value].find((ch) => !SAFE_CHAR.test(ch));
  if (bad === undefined) return;
  throw new InvalidInputError(
    `${key}=${value} cannot go on the GRUB linux line: it contains ${describeChar(bad)}, which GRUB or k3OS's boot scripts would split or interpret; ` +
      'only letters, digits and _ . , : / @ % + = ~ - are allowed',
  );
}

/** The key of a command-line word: the text before its first `=` (the whole word for a flag). */
function keyOf(word: string): string {
  const at = word.indexOf('=');
  return at < 0 ? word : word.slice(0, at);
}

interface WordGroup {
  key: string;
  words: string[];
  /** Where it came from, for a conflict message. */
  source: string;
}

/** The words the options ask for, one group per key, checked. */
function wantedWords(options: K3osKernelArgs): WordGroup[] {
  const groups: WordGroup[] = [];
  const add = (key: string, value: string, source: string) => {
    assertSafeValue(key, value);
    const existing = groups.find((g) => g.key === key);
    if (existing && existing.source !== source) {
      throw new InvalidInputError(`${key} is set twice, by ${existing.source} and by ${source}; set it once`);
    }
    if (existing) existing.words.push(`${key}=${value}`);
    else groups.push({ key, words: [`${key}=${value}`], source });
  };
  if (options.mode !== 'install' && options.mode !== 'live') throw new InvalidInputError(`the k3OS boot mode must be install or live, not ${String(options.mode)}`);
  if (options.mode === 'install') add('k3os.mode', 'install', 'the install mode');
  const silent = options.silent ?? (options.mode === 'install' ? true : undefined);
  if (silent !== undefined) add('k3os.install.silent', String(silent), 'the silent option');
  if (options.device !== undefined) {
    // The GRUB-specific check first: it names the character GRUB would misread.
    add('k3os.install.device', options.device, 'the device option');
    checkInstallDevice(options.device);
  }
  if (options.configUrl !== undefined) add('k3os.install.config_url', options.configUrl, 'the config URL option');
  if (options.powerOff !== undefined) add('k3os.install.power_off', String(options.powerOff), 'the power-off option');
  for (const word of options.extraArgs ?? []) {
    const key = keyOf(word);
    if (key === word || !SAFE_KEY.test(key)) throw new InvalidInputError(`extra kernel argument "${word}" must have the form key=value, the key made of letters, digits and _ . -`);
    if (key === 'k3os.mode') throw new InvalidInputError(`set k3os.mode through the install or live mode, not as the extra argument ${word}`);
    if (key.startsWith('k3os.install.') && !installKeys().includes(key)) {
      throw new InvalidInputError(`${key} is not a k3OS install argument; k3OS knows ${installKeys().join(', ')}`);
    }
    add(key, word.slice(key.length + 1), 'an extra argument');
  }
  return groups;
}

/** A command's arguments: where they are in the text. */
interface Span {
  start: number;
  end: number;
}

/**
 * The arguments of the `linux` command in the first menuentry. GRUB's script syntax is
 * shell-like: statements end at a line break or `;`, braces group, quotes protect, and `#` at
 * the start of a word begins a comment.
 */
function findDefaultLinuxArgs(cfg: string): Span {
  const entry = /^[ \t]*menuentry\b/m.exec(cfg);
  if (!entry) throw new IsoError('not-k3os', 'grub.cfg has no menuentry, so there is no kernel line to add k3OS arguments to');
  let depth = 0;
  let quote = '';
  let statementStart = false;
  for (let i = entry.index; i < cfg.length; i++) {
    const ch = cfg[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (depth > 0 && statementStart && !/[ \t]/.test(ch)) {
      statementStart = false;
      const command = /^linux(?:16|efi)?[ \t]+/.exec(cfg.slice(i, i + 20));
      if (command) return { start: i + command[0].length, end: endOfStatement(cfg, i + command[0].length) };
    }
    if (ch === '#' && (i === 0 || /[\s;{}]/.test(cfg[i - 1]))) {
      while (i < cfg.length && cfg[i] !== '\n') i++;
      statementStart = true;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\') i++;
    else if (ch === '{') {
      depth++;
      statementStart = true;
    } else if (ch === '}') {
      depth--;
      if (depth === 0) break;
      statementStart = true;
    } else if (ch === '\n' || ch === ';') statementStart = true;
  }
  const titleMatch = /menuentry[ \t]+(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(cfg.slice(entry.index));
  const title = titleMatch ? (titleMatch[1] ?? titleMatch[2] ?? titleMatch[3]) : '';
  throw new IsoError('not-k3os', `the first menuentry of grub.cfg ("${title}") has no linux line, so there is no kernel line to add k3OS arguments to`);
}

/** Where a statement that starts at `from` ends: an unquoted line break, `;`, `}` or comment. */
function endOfStatement(cfg: string, from: number): number {
  let quote = '';
  for (let i = from; i < cfg.length; i++) {
    const ch = cfg[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\') i++;
    else if (ch === '\n' || ch === ';' || ch === '}' || (ch === '#' && /\s/.test(cfg[i - 1]))) return i;
  }
  return cfg.length;
}

/** Splits arguments at unquoted blanks, keeping each word's quotes as written. */
function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!quote && /\s/.test(ch)) {
      if (current) words.push(current);
      current = '';
      continue;
    }
    current += ch;
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\' && i + 1 < text.length) current += text[++i];
  }
  if (current) words.push(current);
  return words;
}

/** Replaces each wanted key's words where the key first appears; new keys follow k3os.mode. */
function editArgs(args: string[], groups: readonly WordGroup[]): string[] {
  let result = [...args];
  const added: string[] = [];
  for (const group of groups) {
    const first = result.findIndex((w) => keyOf(w) === group.key);
    if (first < 0) {
      added.push(...group.words);
      continue;
    }
    result = result.flatMap((w, i) => (i === first ? group.words : keyOf(w) === group.key ? [] : [w]));
  }
  const mode = result.findIndex((w) => keyOf(w) === 'k3os.mode');
  const at = mode < 0 ? result.length : mode + 1;
  return [...result.slice(0, at), ...added, ...result.slice(at)];
}

/** Sets `set NAME=VALUE` wherever the file sets NAME, or adds it at the top. */
function setVariable(cfg: string, name: string, value: string): string {
  const assignment = new RegExp(`^([ \\t]*set[ \\t]+${name}=)[^\\s;]*`, 'gm');
  return assignment.test(cfg) ? cfg.replace(assignment, `$1${value}`) : `set ${name}=${value}\n${cfg}`;
}

/**
 * grub.cfg with the k3OS arguments on the first menuentry's `linux` line: words the options set
 * replace the line's words with the same key (no duplicates), the rest (console=… etc.) keep
 * their order. Makes that entry the default and sets the timeout when asked. Throws an Error
 * with a sentence to show when the file has no such line or an argument cannot be written.
 */
export function installKernelArgs(grubCfg: string, options: K3osKernelArgs): string {
  const groups = wantedWords(options);
  const timeout = options.timeoutSeconds;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 0)) {
    throw new InvalidInputError(`the boot menu timeout must be a whole number of seconds (0 or more), not ${timeout}`);
  }
  const args = findDefaultLinuxArgs(grubCfg);
  const written = grubCfg.slice(args.start, args.end);
  const trimmed = written.trimEnd();
  const [kernel, ...rest] = splitWords(trimmed);
  if (!kernel) throw new IsoError('not-k3os', 'the linux line of the first menuentry names no kernel');
  const line = [kernel, ...editArgs(rest, groups)].join(' ');
  let cfg = grubCfg.slice(0, args.start) + line + written.slice(trimmed.length) + grubCfg.slice(args.end);
  // The edited entry is the first; a `set default=` naming another would boot that one instead.
  if (/^[ \t]*set[ \t]+default=/m.test(cfg)) cfg = setVariable(cfg, 'default', '0');
  if (timeout !== undefined) cfg = setVariable(cfg, 'timeout', String(timeout));
  return cfg;
}
