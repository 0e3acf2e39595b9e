/**
 * What a node config puts on the machine, the same for every dialect: files, directories,
 * links, trees, units and users, each with the config path it came from. Domain rules read
 * this model, so one rule covers Butane, CLC, Ignition JSON and (where it applies) k3OS.
 */
import type { Dialect } from '../dialect';
import type { Path } from '../schema/sourceMap';
import type { ScalarOffsets } from '../yaml/scalarOffsets';
import type { Obj } from '../values';

/**
 * The operating system the config is for, as far as it decides what is writable:
 * Flatcar (all of /usr read-only), an ostree system — Fedora CoreOS, RHEL for Edge,
 * OpenShift, Fedora IoT — (/usr read-only, /usr/local and /opt in /var), k3OS (/usr
 * read-only, /usr/local in /var), or not known (plain Ignition JSON with no hint).
 */
export type TargetOs = 'flatcar' | 'ostree' | 'k3os' | 'unknown';

/** Text held in one string of the config: a unit file, a script, a k3s config.yaml. */
export interface EmbeddedText {
  text: string;
  /** The config path of the string (or of the data URL it was decoded from). */
  at: Path;
  /** Where each character sits in the document; absent when it cannot be mapped (data URLs). Computed when first read. */
  readonly scalar?: ScalarOffsets;
}

export interface NodeFile {
  /** The entry (e.g. ['storage', 'files', 2]). */
  at: Path;
  path: string;
  pathAt: Path;
  contents?: EmbeddedText;
  mode?: number;
  modeAt?: Path;
}

export interface NodeDirectory {
  at: Path;
  path: string;
  pathAt: Path;
  mode?: number;
  modeAt?: Path;
}

export interface NodeLink {
  at: Path;
  path: string;
  pathAt: Path;
  target?: string;
  hard?: boolean;
}

export interface NodeTree {
  at: Path;
  /** Where the tree lands on the node. */
  path: string;
  pathAt: Path;
}

export interface NodeDropin {
  at: Path;
  name: string;
  contents?: EmbeddedText;
}

export interface NodeUnit {
  at: Path;
  name: string;
  enabled?: boolean;
  /** The key that enables the unit (`enabled`, or CLC's/Ignition 2's `enable`). */
  enabledAt?: Path;
  contents?: EmbeddedText;
  dropins: NodeDropin[];
}

export interface NodeUser {
  at: Path;
  name: string;
  passwordHash?: string;
  passwordHashAt?: Path;
}

export interface NodeConfig {
  dialect: Dialect;
  os: TargetOs;
  /** Butane's variant and version, when the config is Butane. */
  variant?: string;
  version?: string;
  /** The Ignition spec version the config is (or translates to), e.g. "3.4.0". */
  ignitionVersion?: string;
  files: NodeFile[];
  directories: NodeDirectory[];
  links: NodeLink[];
  trees: NodeTree[];
  units: NodeUnit[];
  users: NodeUser[];
  /** The decoded config itself, for the few rules about one dialect's own sections. */
  config: Obj;
}
