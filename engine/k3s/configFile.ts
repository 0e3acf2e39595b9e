/**
 * k3s config files the config writes: /etc/rancher/k3s/config.yaml and the drop-ins in
 * config.yaml.d/ (only *.yaml and *.yml are read, in name order). Keys and values keep their
 * place in the embedded text, so findings point inside the `contents` block.
 */
import * as path from 'path';
import { isMap, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { EmbeddedText, NodeConfig, NodeFile } from '../node/model';
import { nodePath } from '../lints/nodePaths';
import type { TextPlace } from './located';

export const CONFIG_FILE = '/etc/rancher/k3s/config.yaml';
const CONFIG_DROPINS = '/etc/rancher/k3s/config.yaml.d';

export interface ConfigValue {
  value: string;
  at: TextPlace;
  /** Written as a plain (unquoted) scalar; `source` is the text as written. */
  plain: boolean;
  source: string;
}

export interface ConfigEntry {
  /** The flag name (a trailing `+`, which appends, removed). */
  key: string;
  append: boolean;
  keyAt: TextPlace;
  values: ConfigValue[];
  file: K3sConfigFile;
}

export interface K3sConfigFile {
  file: NodeFile;
  entries: ConfigEntry[];
}

export const inDropinDir = (p: string): boolean => path.posix.dirname(nodePath(p)) === CONFIG_DROPINS;
export const readDropin = (p: string): boolean => /\.ya?ml$/.test(p);

const cache = new WeakMap<NodeConfig, K3sConfigFile[]>();

/** The k3s config files k3s reads, with inline contents. */
export function k3sConfigFiles(node: NodeConfig): K3sConfigFile[] {
  let files = cache.get(node);
  if (!files) {
    files = node.files.flatMap((file) => {
      const p = nodePath(file.path);
      if (!file.contents || !(p === CONFIG_FILE || (inDropinDir(p) && readDropin(p)))) return [];
      return [read(file, file.contents)];
    });
    cache.set(node, files);
  }
  return files;
}

function read(file: NodeFile, embedded: EmbeddedText): K3sConfigFile {
  const config: K3sConfigFile = { file, entries: [] };
  // k3s reads these with yaml.v2, a YAML 1.1 reader.
  const doc = parseDocument(embedded.text, { version: '1.1', uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return config;
  const place = (range: [number, number, number] | null | undefined): TextPlace => ({ in: embedded, start: range?.[0] ?? 0, end: range?.[1] ?? 0 });
  const valueOf = (node: Scalar): ConfigValue => {
    const source = embedded.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
    const plain = node.type === 'PLAIN';
    return { value: plain ? source : String(node.value), at: place(node.range), plain, source };
  };
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const raw = String(pair.key.value);
    const values = isScalar(pair.value) ? [valueOf(pair.value)] : isSeq(pair.value) ? pair.value.items.flatMap((i) => (isScalar(i) ? [valueOf(i)] : [])) : [];
    config.entries.push({ key: raw.replace(/\+$/, ''), append: raw.endsWith('+'), keyAt: place(pair.key.range), values, file: config });
  }
  return config;
}
