/**
 * Builds the node model from each dialect's decoded config. The dialects differ in key
 * names (CLC's `enable`, k3OS's `write_files`), in where contents live (inline text, data
 * URLs) and in the filesystem a path belongs to; the model hides all of that.
 */
import type { Dialect } from '../dialect';
import type { Path, SourceMap } from '../schema/sourceMap';
import { scalarOffsets, ScalarOffsets } from '../yaml/scalarOffsets';
import { decodeDataUrl } from '../clc/dataUrl';
import { entries, int, isObj, obj, Obj, str } from '../values';
import type { EmbeddedText, NodeConfig, NodeFile, NodeUnit, TargetOs } from './model';

export interface ExtractInput {
  dialect: Dialect;
  config: Obj;
  map: SourceMap;
  text: string;
  variant?: string;
  version?: string;
  ignitionVersion?: string;
  /** For Ignition JSON: the OS the user says the config is for. */
  os?: TargetOs;
}

/** Mapping a scalar's characters costs time and memory in its size, and only a finding inside it needs that: done on first read. */
function embedded(input: ExtractInput, at: Path, value: string): EmbeddedText {
  let scalar: ScalarOffsets | undefined | null = null; // null: not computed yet
  return {
    text: value,
    at,
    get scalar() {
      if (scalar === null) {
        const located = input.map.get(at);
        scalar = located ? scalarOffsets(input.text, located.value, value) : undefined;
      }
      return scalar;
    },
  };
}

/** `contents` of a file: inline text, or a data URL Ignition would decode (not compressed). */
function fileContents(input: ExtractInput, file: Obj, at: Path): EmbeddedText | undefined {
  const contents = obj(file.contents);
  if (!contents) return undefined;
  const inline = str(contents.inline);
  if (inline !== undefined) return embedded(input, [...at, 'contents', 'inline'], inline);
  const source = str(contents.source) ?? str(obj(contents.remote)?.url);
  if (source === undefined || !source.startsWith('data:') || (str(contents.compression) ?? '') !== '') return undefined;
  const decoded = decodeDataUrl(source);
  if (!decoded.ok) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(decoded.data);
  return { text, at: [...at, 'contents', 'source'] };
}

/** Ignition 2 and CLC put files on named filesystems; only `root` is the node's own tree. */
function onRoot(item: Obj): boolean {
  const fs = str(item.filesystem);
  return fs === undefined || fs === '' || fs === 'root';
}

function unitText(input: ExtractInput, item: Obj, at: Path): EmbeddedText | undefined {
  const contents = str(item.contents);
  return contents === undefined ? undefined : embedded(input, [...at, 'contents'], contents);
}

function units(input: ExtractInput): NodeUnit[] {
  return entries(input.config, ['systemd', 'units']).map(({ item, path }) => {
    const enableKey = item.enabled !== undefined ? 'enabled' : item.enable !== undefined ? 'enable' : undefined;
    return {
      at: path,
      name: str(item.name) ?? '',
      enabled: enableKey ? item[enableKey] === true : undefined,
      enabledAt: enableKey ? [...path, enableKey] : undefined,
      contents: unitText(input, item, path),
      dropins: entries(item, ['dropins']).map((d) => ({ at: [...path, ...d.path], name: str(d.item.name) ?? '', contents: unitText(input, d.item, [...path, ...d.path]) })),
    };
  });
}

function osOf(input: ExtractInput, files: NodeFile[], unitNames: string[]): TargetOs {
  if (input.dialect === 'clc') return 'flatcar';
  if (input.dialect === 'k3os') return 'k3os';
  if (input.dialect === 'butane') return input.variant === 'flatcar' ? 'flatcar' : input.variant ? 'ostree' : 'unknown';
  if (input.os) return input.os;
  // Ignition JSON: spec 2.x is Flatcar's (Fedora CoreOS never took it); Flatcar's own paths and units say so too.
  if (input.ignitionVersion?.startsWith('2.')) return 'flatcar';
  const flatcarish = files.some((f) => /^\/etc\/(flatcar|coreos)\//.test(f.path)) || unitNames.some((n) => /^(locksmithd|update-engine)\.service$/.test(n));
  return flatcarish ? 'flatcar' : 'unknown';
}

function storageNodes(input: ExtractInput): Pick<NodeConfig, 'files' | 'directories' | 'links' | 'trees'> {
  const files: NodeFile[] = entries(input.config, ['storage', 'files'])
    .filter(({ item }) => onRoot(item))
    .map(({ item, path }) => ({
      at: path,
      path: str(item.path) ?? '',
      pathAt: [...path, 'path'],
      contents: fileContents(input, item, path),
      mode: int(item.mode),
      modeAt: item.mode !== undefined ? [...path, 'mode'] : undefined,
    }));
  const directories = entries(input.config, ['storage', 'directories'])
    .filter(({ item }) => onRoot(item))
    .map(({ item, path }) => ({ at: path, path: str(item.path) ?? '', pathAt: [...path, 'path'], mode: int(item.mode), modeAt: item.mode !== undefined ? [...path, 'mode'] : undefined }));
  const links = entries(input.config, ['storage', 'links'])
    .filter(({ item }) => onRoot(item))
    .map(({ item, path }) => ({ at: path, path: str(item.path) ?? '', pathAt: [...path, 'path'], target: str(item.target), hard: item.hard === true }));
  const trees = entries(input.config, ['storage', 'trees']).map(({ item, path }) => ({ at: path, path: str(item.path) ?? '/', pathAt: [...path, item.path !== undefined ? 'path' : 'local'] }));
  return { files, directories, links, trees };
}

/** k3OS writes `write_files` itself (cloud-init style); it has no units or trees. */
function k3osNodes(input: ExtractInput): Pick<NodeConfig, 'files' | 'directories' | 'links' | 'trees'> {
  const files: NodeFile[] = entries(input.config, ['write_files']).map(({ item, path }) => {
    const content = str(item.content);
    const encoded = (str(item.encoding) ?? '') !== '';
    return { at: path, path: str(item.path) ?? '', pathAt: [...path, 'path'], contents: content !== undefined && !encoded ? embedded(input, [...path, 'content'], content) : undefined };
  });
  return { files, directories: [], links: [], trees: [] };
}

export function extractNode(input: ExtractInput): NodeConfig {
  const storage = input.dialect === 'k3os' ? k3osNodes(input) : storageNodes(input);
  const unitList = input.dialect === 'k3os' ? [] : units(input);
  const users = entries(input.config, ['passwd', 'users']).map(({ item, path }) => ({ at: path, name: str(item.name) ?? '', passwordHash: str(item.password_hash) ?? str(item.passwordHash), passwordHashAt: [...path, item.passwordHash !== undefined && item.password_hash === undefined ? 'passwordHash' : 'password_hash'] }));
  return {
    dialect: input.dialect,
    os: osOf(input, storage.files, unitList.map((u) => u.name)),
    variant: input.variant,
    version: input.version,
    ignitionVersion: input.ignitionVersion,
    ...storage,
    units: unitList,
    users: input.dialect === 'k3os' ? [] : users,
    config: isObj(input.config) ? input.config : {},
  };
}
