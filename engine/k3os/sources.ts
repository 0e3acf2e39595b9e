/**
 * Where a k3OS config is read from decides which boot phases see it. k3OS reads every
 * source in each phase, but a source that does not exist yet in a phase contributes nothing:
 * the initrd phase runs before the state partition is mounted (and not at all on an installed
 * system, which boots in local mode), and cloud userdata is fetched only before runtime.
 */
import { openingComments } from '../dialect';
import { matchesGlob } from '../text/glob';

export type Phase = 'initrd' | 'boot' | 'runtime';
export const PHASES: readonly Phase[] = ['initrd', 'boot', 'runtime'];

export type ConfigSource = 'system' | 'cmdline' | 'local' | 'config.d' | 'userdata';
export const CONFIG_SOURCES: readonly ConfigSource[] = ['system', 'cmdline', 'local', 'config.d', 'userdata'];

export function isConfigSource(value: string): value is ConfigSource {
  return (CONFIG_SOURCES as readonly string[]).includes(value);
}

interface SourceFacts {
  /** How people name it in messages. */
  label: string;
  /** The short name for "it works in …". */
  where: string;
  phases: readonly Phase[];
}

export const SOURCE_FACTS: Record<ConfigSource, SourceFacts> = {
  system: { label: 'the system config (/k3os/system/config.yaml)', where: '/k3os/system/config.yaml', phases: ['initrd', 'boot', 'runtime'] },
  cmdline: { label: 'the kernel command line', where: 'the kernel command line', phases: ['initrd', 'boot', 'runtime'] },
  local: { label: 'the local config (/var/lib/rancher/k3os/config.yaml)', where: '/var/lib/rancher/k3os/config.yaml', phases: ['boot', 'runtime'] },
  'config.d': { label: 'a config.d file (/var/lib/rancher/k3os/config.d/)', where: 'config.d files', phases: ['boot', 'runtime'] },
  userdata: { label: 'cloud userdata', where: 'cloud userdata', phases: ['runtime'] },
};

/** The sources read in at least one of `phases`, for "it would work in …". */
export function sourcesApplying(phases: readonly Phase[]): ConfigSource[] {
  return CONFIG_SOURCES.filter((s) => phases.some((p) => SOURCE_FACTS[s].phases.includes(p)));
}

const MODELINE_SOURCE = /^#\s*kindling\s*:[^\n]*\bsource\s*[=:]\s*([\w.-]+)/;

/** `# kindling: k3os source=userdata` among the leading comment lines. */
export function modelineSource(text: string): ConfigSource | undefined {
  for (const line of openingComments(text)) {
    const match = MODELINE_SOURCE.exec(line);
    if (match && isConfigSource(match[1])) return match[1];
  }
  return undefined;
}

/** The source a file's path implies, if it implies one. */
export function sourceFromPath(fileName: string): ConfigSource | undefined {
  const p = fileName.replace(/\\/g, '/');
  if (/(^|\/)k3os\/system\/config\.ya?ml$/.test(p)) return 'system';
  if (/(^|\/)config\.d\/[^/]+$/.test(p)) return 'config.d';
  if (/(^|\/)var\/lib\/rancher\/k3os\/config\.ya?ml$/.test(p)) return 'local';
  if (/(^|\/)(run\/config\/userdata|user-?data)(\.ya?ml)?$/i.test(p)) return 'userdata';
  if (/(^|\/)cmdline(\.ya?ml)?$/i.test(p)) return 'cmdline';
  return undefined;
}

/**
 * The config source of a file, in order: the `kindling.k3os.source` patterns, a modeline,
 * the file's path, else the system config.
 */
export function resolveConfigSource(fileName: string, text: string, patterns: Readonly<Record<string, string>> = {}): ConfigSource {
  for (const [pattern, source] of Object.entries(patterns)) {
    if (isConfigSource(source) && matchesGlob(pattern, fileName)) return source;
  }
  return modelineSource(text) ?? sourceFromPath(fileName) ?? 'system';
}
