/**
 * Per-resource settings (`kindling.*`), fetched with workspace/configuration and cached per
 * document until the client reports a configuration change. Settings live in this store,
 * never in module globals, so two folders with different settings never leak into each other.
 */
import * as path from 'path';
import { fileURLToPath } from 'url';

export type TraceLevel = 'off' | 'messages' | 'verbose';

/** The `kindling` section as the client sends it. */
export interface KindlingSettings {
  /** Report warnings as errors, like `butane --strict`. */
  strict: boolean;
  /** Butane's --files-dir: empty = the document's folder; relative = against its workspace folder. */
  filesDir: string;
  /** Indented Ignition output in the preview and transpiled files, like `butane --pretty`. */
  pretty: boolean;
  /** `kindling.codeLens.enable`: Preview / Transpile lenses at the top of Butane files. */
  codeLens: boolean;
  /** `kindling.associations`: glob pattern → dialect, for files whose name or content does not tell. */
  associations: Record<string, string>;
  /** `kindling.clc.platform`: ct's --platform for Container Linux Configs ('' = none). */
  clcPlatform: string;
  /** `kindling.k3os.source`: glob pattern → k3OS config source (system, cmdline, local, config.d, userdata). */
  k3osSource: Record<string, string>;
  /** `kindling.rules`: rule id → level (`error`, `warning`, `information`, `hint`, `off`) for Kindling's own rules. */
  rules: Record<string, string>;
  /** `kindling.ignition.os`: glob pattern → the OS Ignition JSON files are for (flatcar, fcos). */
  ignitionOs: Record<string, string>;
  trace: TraceLevel;
}

/** Settings resolved for one document. */
export interface DocumentSettings extends KindlingSettings {
  /** Absolute files-dir for file: documents; undefined elsewhere (no disk to look at). */
  filesDirPath: string | undefined;
}

export const DEFAULT_SETTINGS: KindlingSettings = { strict: false, filesDir: '', pretty: true, codeLens: true, associations: {}, clcPlatform: '', k3osSource: {}, rules: {}, ignitionOs: {}, trace: 'off' };

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Accepts whatever the client sent (null, partial objects, wrong types) and fills in defaults. */
export function normalizeSettings(raw: unknown): KindlingSettings {
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const traceSection = section.trace && typeof section.trace === 'object' ? (section.trace as Record<string, unknown>) : {};
  const codeLensSection = section.codeLens && typeof section.codeLens === 'object' ? (section.codeLens as Record<string, unknown>) : {};
  const clcSection = section.clc && typeof section.clc === 'object' ? (section.clc as Record<string, unknown>) : {};
  const k3osSection = section.k3os && typeof section.k3os === 'object' ? (section.k3os as Record<string, unknown>) : {};
  const ignitionSection = section.ignition && typeof section.ignition === 'object' ? (section.ignition as Record<string, unknown>) : {};
  const trace = traceSection.server === 'messages' || traceSection.server === 'verbose' ? traceSection.server : 'off';
  return {
    strict: section.strict === true,
    filesDir: typeof section.filesDir === 'string' ? section.filesDir : '',
    pretty: section.pretty !== false,
    codeLens: codeLensSection.enable !== false,
    associations: stringMap(section.associations),
    clcPlatform: typeof clcSection.platform === 'string' ? clcSection.platform : '',
    k3osSource: stringMap(k3osSection.source),
    rules: stringMap(section.rules),
    ignitionOs: stringMap(ignitionSection.os),
    trace,
  };
}

function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The files-dir Butane would get for this document, following the `kindling.filesDir` rules. */
export function resolveFilesDir(documentUri: string, setting: string, workspaceFolderUris: readonly string[]): string | undefined {
  const documentPath = uriToPath(documentUri);
  if (!documentPath) return undefined;
  const ownFolder = path.dirname(documentPath);
  const value = setting.trim();
  if (value === '') return ownFolder;
  if (path.isAbsolute(value)) return path.normalize(value);
  // The innermost workspace folder that contains the document.
  let base: string | undefined;
  for (const folderUri of workspaceFolderUris) {
    const folder = uriToPath(folderUri);
    if (!folder) continue;
    const relative = path.relative(folder, documentPath);
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    if (inside && (!base || folder.length > base.length)) base = folder;
  }
  return path.resolve(base ?? ownFolder, value);
}

export type ConfigurationFetcher = (uri: string) => Promise<unknown>;

export class SettingsStore {
  private readonly cache = new Map<string, Promise<KindlingSettings>>();
  private workspaceFolders: string[] = [];
  private fetch: ConfigurationFetcher | undefined;
  /** Used when the client cannot answer workspace/configuration: what it sent last. */
  private pushed: KindlingSettings = DEFAULT_SETTINGS;

  constructor(private readonly onError: (message: string) => void) {}

  /** Called once the client's capabilities are known (initialize). */
  configure(fetch: ConfigurationFetcher | undefined, initial: unknown, workspaceFolderUris: readonly string[]): void {
    this.fetch = fetch;
    this.pushed = normalizeSettings(initial);
    this.setWorkspaceFolders(workspaceFolderUris);
  }

  setWorkspaceFolders(uris: readonly string[]): void {
    this.workspaceFolders = [...uris];
    this.cache.clear();
  }

  addWorkspaceFolders(added: readonly string[], removed: readonly string[]): void {
    this.setWorkspaceFolders([...this.workspaceFolders.filter((f) => !removed.includes(f)), ...added]);
  }

  /** Forgets cached settings; `pushed` is the `kindling` section of a didChangeConfiguration, if any. */
  changed(pushed: unknown): void {
    this.cache.clear();
    if (!this.fetch && pushed !== undefined) this.pushed = normalizeSettings(pushed);
  }

  async forDocument(uri: string): Promise<DocumentSettings> {
    const settings = await this.section(uri);
    return { ...settings, filesDirPath: resolveFilesDir(uri, settings.filesDir, this.workspaceFolders) };
  }

  private section(uri: string): Promise<KindlingSettings> {
    if (!this.fetch) return Promise.resolve(this.pushed);
    let cached = this.cache.get(uri);
    if (!cached) {
      cached = this.fetch(uri).then(normalizeSettings, (err: unknown) => {
        this.onError(`cannot read kindling settings for ${uri}: ${err instanceof Error ? err.message : String(err)}`);
        this.cache.delete(uri);
        return DEFAULT_SETTINGS;
      });
      this.cache.set(uri, cached);
    }
    return cached;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
