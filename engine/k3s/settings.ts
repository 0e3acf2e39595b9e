/**
 * What a config tells k3s, from every place it can say it: the installer's arguments and
 * INSTALL_K3S_EXEC, k3s's own command line, K3S_* variables, and k3s config files. Rules
 * about k3s settings read this list and need not care where a value was written.
 */
import type { NodeConfig } from '../node/model';
import { booleanFlag, FLAG_ALIASES, K3S_ENV_FLAGS } from './flags';
import { ConfigEntry, k3sConfigFiles } from './configFile';
import { EnvSetting, envValue, InstallerRun, K3sRun, k3sLaunches } from './installer';
import { Located, placeOf, TextPlace } from './located';

export interface K3sFlag {
  /** The flag's name, aliases resolved (`-t` → `token`). */
  name: string;
  via: 'arg' | 'env' | 'config';
  /** The flag word, variable name or config key. */
  at: TextPlace;
  value?: string;
  valueAt?: TextPlace;
  /** For arguments: the whole word (`--flag` or `--flag=value`) and how it was written. */
  word?: Located;
  dashes?: string;
  /** For `--flag value`: the value's own word. */
  valueWord?: Located;
  env?: EnvSetting;
  entry?: ConfigEntry;
}

export interface Launch {
  kind: 'installer' | 'k3s';
  installer?: InstallerRun;
  direct?: K3sRun;
  subcommand?: string;
  subcommandAt?: Located;
  /** No subcommand given: install.sh picks `agent` when K3S_URL is set, else `server`. */
  defaulted: boolean;
  flags: K3sFlag[];
  env: EnvSetting[];
}

const FLAG_WORD = /^(--?)([A-Za-z0-9][A-Za-z0-9-]*)(=?)/;

/** k3s's flags in argument words. */
function argFlags(args: Located[]): K3sFlag[] {
  const flags: K3sFlag[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const m = FLAG_WORD.exec(word.text);
    if (!m) continue;
    const [all, dashes, raw, eq] = m;
    const name = FLAG_ALIASES[raw] ?? raw;
    const flag: K3sFlag = { name, via: 'arg', at: placeOf(word, 0, dashes.length + raw.length), word, dashes };
    if (eq) {
      flag.value = word.text.slice(all.length);
      flag.valueAt = placeOf(word, all.length);
    } else if (!booleanFlag(name) && args[i + 1] && !args[i + 1].text.startsWith('-')) {
      flag.valueWord = args[++i];
      flag.value = flag.valueWord.text;
      flag.valueAt = placeOf(flag.valueWord);
    }
    flags.push(flag);
  }
  return flags;
}

/** K3S_* variables that stand for k3s flags. */
function envFlags(env: EnvSetting[]): K3sFlag[] {
  const latest = new Map<string, EnvSetting>();
  for (const e of env) if (Object.hasOwn(K3S_ENV_FLAGS, e.name)) latest.set(e.name, e);
  return [...latest.values()].map((e) => ({ name: K3S_ENV_FLAGS[e.name], via: 'env', at: placeOf(e.nameAt), value: e.value.text, valueAt: placeOf(e.value), env: e }));
}

/** Settings from the k3s config files (in the order k3s reads them). */
export function configFlags(node: NodeConfig): K3sFlag[] {
  return k3sConfigFiles(node).flatMap((file) =>
    file.entries.flatMap((entry) =>
      entry.values.length === 0 ? [{ name: entry.key, via: 'config' as const, at: entry.keyAt, entry }] : entry.values.map((v) => ({ name: entry.key, via: 'config' as const, at: entry.keyAt, value: v.value, valueAt: v.at, entry })),
    ),
  );
}

function launch(kind: Launch['kind'], args: Located[], env: EnvSetting[], from: Pick<Launch, 'installer' | 'direct'>): Launch {
  const first = args[0];
  const subcommandGiven = first !== undefined && !first.text.startsWith('-');
  const flags = [...argFlags(subcommandGiven ? args.slice(1) : args), ...envFlags(env)];
  if (subcommandGiven) return { kind, ...from, subcommand: first.text, subcommandAt: first, defaulted: false, flags, env };
  const url = envValue(env, 'K3S_URL');
  return { kind, ...from, subcommand: kind === 'installer' ? (url && url.value.text !== '' ? 'agent' : 'server') : undefined, defaulted: true, flags, env };
}

const cache = new WeakMap<NodeConfig, Launch[]>();

/** Every way the config starts k3s. */
export function launches(node: NodeConfig): Launch[] {
  let found = cache.get(node);
  if (!found) {
    const { installers, direct } = k3sLaunches(node);
    found = [...installers.map((run) => launch('installer', run.args, run.env, { installer: run })), ...direct.map((run) => launch('k3s', run.args, run.env, { direct: run }))];
    cache.set(node, found);
  }
  return found;
}

/** Every k3s setting of the config: launch arguments and variables, then config files; each place once. */
export function allFlags(node: NodeConfig): K3sFlag[] {
  const seen = new Set<string>();
  return [...launches(node).flatMap((l) => l.flags), ...configFlags(node)].filter((f) => {
    const key = `${f.at.start}:${f.at.end}:${f.valueAt?.start}:${f.at.in.at.join('.')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How a setting is written, for messages: `--flag`, `K3S_VAR` or `key:`. */
export function spelled(flag: K3sFlag): string {
  if (flag.via === 'env') return flag.env!.name;
  if (flag.via === 'config') return `${flag.name}:`;
  return `${flag.dashes ?? '--'}${flag.name}`;
}
