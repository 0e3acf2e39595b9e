// Facts about Ignition spec 3.x that the fcos Butane schemas do not carry, or carry in
// Butane's words. Checked against Ignition's own validation (config/v3_*/types) and, for
// 3.0.0–3.3.0, against Debian's ignition-validate (test/ignition-validate.test.ts).
//
// Paths use the Butane schema notation with Ignition's JSON names: "storage.files[].path".

import { compareVersions } from "../../../engine/butane/specVersion";

export interface Since {
  path: string;
  since: string;
}

/**
 * Fields whose Go field has no `omitempty` (layout `always`) but whose absence Ignition
 * accepts: the config validates with the field left out, so the schema must not demand it.
 */
export const NOT_ENFORCED: string[] = [
  "passwd.users[].name", // no check at all; "" only counts for duplicate detection
  "passwd.groups[].name",
  "storage.raid[].name",
  "storage.luks[].name", // only "contains '/'" is an error
  "storage.links[].target", // 3.0–3.2 never check it; 3.3+ see REQUIRED_EXTRA
  "ignition.config.merge[].source", // 3.0 has no "source is required"; 3.1+ see REQUIRED_EXTRA
  "ignition.config.replace.source", // an empty replace means "no replacement"
  "storage.luks[].clevis.custom.pin", // 3.2: an empty custom block is allowed
  "storage.luks[].clevis.custom.config",
];

/** Fields Ignition rejects when absent (or empty) although their Go field has `omitempty`. */
export const REQUIRED_EXTRA: Since[] = [
  { path: "ignition.version", since: "3.0.0" }, // "invalid config version (couldn't parse)"
  { path: "ignition.config.merge[].source", since: "3.1.0" }, // "source is required"
  { path: "ignition.security.tls.certificateAuthorities[].source", since: "3.1.0" },
  { path: "storage.links[].target", since: "3.3.0" }, // "link target is required"
  { path: "storage.raid[].level", since: "3.3.0" }, // "raid level is required"
  { path: "storage.raid[].devices", since: "3.3.0" }, // "raid devices required"
  { path: "storage.luks[].device", since: "3.2.0" }, // "disk device is required"
  { path: "storage.luks[].clevis.tang[].url", since: "3.2.0" }, // "invalid url scheme"
  { path: "storage.luks[].clevis.tang[].thumbprint", since: "3.2.0" }, // "thumbprint is required"
];

export function isRequired3(version: string, path: string, always: boolean): boolean {
  if (REQUIRED_EXTRA.some((r) => r.path === path && compareVersions(version, r.since) >= 0)) return true;
  return always && !NOT_ENFORCED.includes(path);
}

/** Descriptions of 3.x fields that have no Butane counterpart. */
export const DESCRIPTIONS_3: Record<string, string> = {
  "ignition.version":
    "Version of the Ignition specification this config is written against, in full (major.minor.patch, plus -experimental for a development spec). Ignition refuses a config whose version it does not support.",
};

/**
 * Butane phrasing that does not hold for an Ignition config, rewritten. Sentences that
 * mention Butane-only keys (inline, local) are dropped separately.
 */
export const REWRITES: Array<[RegExp, (match: string, ...groups: string[]) => string]> = [
  [/; syntax errors are reported by Butane\./, () => "; Ignition rejects text that does not parse as a unit file."],
  [/ \(and used in a generated mount unit\)/, () => ""],
  [/ \(write it in octal with a leading 0, e\.g\. (0[0-7]+)\)/, (_m, octal) => ` (JSON has no octal numbers: write the decimal value, e.g. ${parseInt(octal, 8)} for ${octal})`],
];

export interface Override {
  /** Text appended to the description. */
  append?: string;
  /** Extra enum values with their descriptions. */
  enumAdd?: Array<[string, string]>;
  /** Drop the pattern (and its message). */
  dropPattern?: boolean;
}

/** Per-version changes on top of the Butane-derived node, applied from `since` on. */
export const OVERRIDES: Array<Since & Override> = [
  // 3.7.0-experimental: virtiofs (Ignition's config/v3_7_experimental/types/filesystem.go)
  {
    path: "storage.filesystems[].format",
    since: "3.7.0-experimental",
    enumAdd: [["virtiofs", "a virtiofs share of the host; device is the share's tag"]],
  },
  {
    path: "storage.filesystems[].device",
    since: "3.7.0-experimental",
    dropPattern: true,
    append: " With format virtiofs it is the virtiofs tag instead (at most 36 bytes), not a path.",
  },
];

export function overridesFor(version: string, path: string): Override[] {
  return OVERRIDES.filter((o) => o.path === path && compareVersions(version, o.since) >= 0);
}
