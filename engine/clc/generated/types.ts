/**
 * Shapes shared by the generators for ct's synthesized sections (etcd, flannel, docker,
 * update/locksmith, the platform provider override): problems located in the CLC
 * document and the Ignition 2.3 units and files they produce.
 */

/** How bad a problem is, using ct's report kinds (ct never emits `deprecated` for these sections). */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem located at a path in the CLC document, e.g. ['etcd','version']; `at` says
 * whether ct attaches a position: 'value' (the value node of that path), 'key' (the key
 * node), or 'none' (ct prints no position).
 */
export interface GeneratedProblem {
  severity: Severity;
  message: string;
  path: (string | number)[];
  at: 'key' | 'value' | 'none';
  /**
   * Set when ct meets this while decoding the YAML (go-yaml aborts): ct then prints only
   * this message (no position, then "Failed to parse config") and nothing else of the run.
   */
  decode?: true;
}

/** The Go type of a versioned option, which decides its YAML decoding and its `%v`/`%q` printing. */
export type OptionType = 'string' | 'int' | 'bool';

/** One field of a ct option struct: its YAML key, its command-line flag (Go `cli` tag) and type. */
export interface OptionSpec {
  key: string;
  flag: string;
  type: OptionType;
}

/**
 * An option key over every version of a section, for the bundled schema: its type in the
 * newest struct having it, every type it has had, and the structs having it (oldest first).
 */
export interface OptionUnion {
  key: string;
  flag: string;
  type: OptionType;
  types: OptionType[];
  versions: string[];
}

/** A systemd drop-in as Ignition 2.3 JSON names it (type aliases, so they fit an index-signature JSON type). */
export type Dropin = {
  name: string;
  contents: string;
};

/** A systemd unit as ct adds it (Ignition 2.3 field names; `enable` is the deprecated spelling ct uses). */
export type Unit = {
  name: string;
  enable?: true;
  enabled?: true;
  dropins: Dropin[];
};

/** A storage file as ct adds it; the JSON printer adds the empty `verification` object ct also prints. */
export type IgnitionFile = {
  filesystem: 'root';
  path: string;
  contents: { source: string };
  mode: number;
};

/** A section's plain-object form, as the CLC decoder hands it over (YAML key names, Go-typed values). */
export type Section = Record<string, unknown>;
