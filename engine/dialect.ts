/** The config languages Kindling understands, and how a file's language is recognised. */
import { matchesGlob } from './text/glob';

export type Dialect = 'butane' | 'clc' | 'k3os' | 'ignition';

const DIALECTS: readonly string[] = ['butane', 'clc', 'k3os', 'ignition'];

export function isDialect(value: string): value is Dialect {
  return DIALECTS.includes(value);
}

export interface DialectHints {
  /** The editor's language id for the document (`butane`, `clc`, `yaml`, …). */
  languageId?: string;
  /** `kindling.associations`: glob pattern → dialect; the first matching pattern wins. */
  associations?: Readonly<Record<string, string>>;
}

/** Top-level keys of a Container Linux Config (ct's Config struct). */
export const CLC_TOP_LEVEL_KEYS: readonly string[] = ['ignition', 'storage', 'systemd', 'networkd', 'passwd', 'etcd', 'flannel', 'update', 'locksmith', 'docker'];
/** Top-level keys of a k3OS config.yaml besides `k3os` (README names and common spellings). */
const K3OS_TOP_LEVEL_KEYS = /^(ssh_?authorized_?keys?|write_?files?|hostname|run_?cmd|boot_?cmd|init_?cmd)$/i;
/** Keys that say a YAML file is something else entirely (a Kubernetes object). */
const FOREIGN_KEYS = new Set(['apiVersion', 'kind', 'variant']);

const MODELINE = /^#\s*kindling\s*:\s*([A-Za-z0-9]+)/;

/**
 * `# kindling: clc` names the dialect explicitly: on the first line, or among the comment
 * lines that open the file (userdata often has to start with `#cloud-config`).
 */
export function modelineDialect(text: string): Dialect | undefined {
  for (const line of openingComments(text)) {
    const name = MODELINE.exec(line)?.[1].toLowerCase();
    if (name && isDialect(name)) return name;
  }
  return undefined;
}

/** The comment lines that open a file (at most 8), where `# kindling: …` modelines live. */
export function openingComments(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.slice(0, 4096).split(/\r?\n/, 8)) {
    if (!line.startsWith('#')) break;
    lines.push(line);
  }
  return lines;
}

/** Column-0 mapping keys, read line by line so half-typed documents still count. */
export function topLevelKeys(text: string): string[] {
  const head = text.slice(0, 65536);
  if (/^\s*\{/.test(head)) {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : [];
    } catch {
      return [...head.matchAll(/^\s*\{?\s*"([^"]+)"\s*:/gm)].map((m) => m[1]);
    }
  }
  const keys: string[] = [];
  for (const match of head.matchAll(/^(?:"([^"]+)"|'([^']+)'|([A-Za-z_][\w.-]*))[ \t]*:(?:[ \t]|$)/gm)) keys.push(match[1] ?? match[2] ?? match[3]);
  return keys;
}

/** Whether a YAML document's top-level keys make it a Container Linux Config. */
export function looksLikeClc(keys: readonly string[]): boolean {
  if (keys.some((k) => FOREIGN_KEYS.has(k))) return false;
  const known = keys.filter((k) => CLC_TOP_LEVEL_KEYS.includes(k) || k === 'version');
  return known.length > 0 && known.length >= keys.length - known.length;
}

/**
 * A k3OS config: a top-level `k3os:` mapping, or k3OS's top-level keys in a file under a
 * `k3os/` or `config.d/` folder.
 */
export function looksLikeK3os(fileName: string, keys: readonly string[]): boolean {
  if (keys.some((k) => FOREIGN_KEYS.has(k))) return false;
  if (keys.includes('k3os')) return true;
  const inK3osFolder = /(^|[\\/])(k3os|config\.d)[\\/]/.test(fileName);
  return inK3osFolder && keys.length > 0 && keys.some((k) => K3OS_TOP_LEVEL_KEYS.test(k));
}

/** An Ignition config is JSON with `ignition.version`; a CLC never sets that. */
function isIgnitionJson(text: string): boolean {
  if (!/^\s*\{/.test(text)) return false;
  try {
    const parsed = JSON.parse(text) as { ignition?: { version?: unknown } } | null;
    return typeof parsed?.ignition?.version === 'string';
  } catch {
    return /"ignition"\s*:\s*\{\s*"version"/.test(text.slice(0, 4096));
  }
}

/**
 * The dialect of a file, in order: a first-line modeline, the associations setting, the
 * editor language, the file name, then the content. Other YAML stays undefined (left alone).
 */
export function detectDialect(fileName: string, text: string, hints: DialectHints = {}): Dialect | undefined {
  const modeline = modelineDialect(text);
  if (modeline) return modeline;
  for (const [pattern, dialect] of Object.entries(hints.associations ?? {})) {
    if (isDialect(dialect) && matchesGlob(pattern, fileName)) return dialect;
  }
  if (hints.languageId && hints.languageId !== 'yaml' && hints.languageId !== 'json' && isDialect(hints.languageId)) return hints.languageId;
  if (/\.(bu|butane)$/i.test(fileName)) return 'butane';
  if (/\.ign$/i.test(fileName)) return 'ignition';
  if (/\.clc(\.ya?ml)?$/i.test(fileName)) return 'clc';
  const keys = topLevelKeys(text);
  if (keys.includes('variant')) return 'butane';
  if (isIgnitionJson(text)) return 'ignition';
  if (looksLikeK3os(fileName, keys)) return 'k3os';
  if (looksLikeClc(keys)) return 'clc';
  return undefined;
}
