/**
 * The version strings ct accepts for `etcd.version` and `flannel.version`: coreos/go-semver's
 * Version.Set (what go-yaml calls while decoding), its String() and the one comparison ct
 * makes (against a release without pre-release part). A failure is a decode error in ct.
 */
import { goQuote } from './gostd';
import type { GeneratedProblem } from './types';

/** A parsed version; numbers are int64 in Go, so bigint here to print them back exactly. */
export interface GoSemver {
  major: bigint;
  minor: bigint;
  patch: bigint;
  preRelease: string;
  metadata: string;
}

const IDENTIFIER = /^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/;
const INT64_MAX = (1n << 63n) - 1n;

/** go-semver's Set: "MAJOR.MINOR.PATCH[-pre][+meta]", or go-semver's (or strconv's) error text. */
export function parseGoSemver(text: string): GoSemver | { error: string } {
  let rest = text;
  const split = (delim: string): string => {
    const at = rest.indexOf(delim);
    if (at < 0) return '';
    const tail = rest.slice(at + 1);
    rest = rest.slice(0, at);
    return tail;
  };
  const metadata = split('+');
  const preRelease = split('-');
  const dot1 = rest.indexOf('.');
  const dot2 = dot1 < 0 ? -1 : rest.indexOf('.', dot1 + 1);
  if (dot2 < 0) return { error: `${rest} is not in dotted-tri format` };
  if (preRelease !== '' && !IDENTIFIER.test(preRelease)) {
    return { error: `failed to validate pre-release: ${preRelease} is not a valid semver identifier` };
  }
  if (metadata !== '' && !IDENTIFIER.test(metadata)) {
    return { error: `failed to validate metadata: ${metadata} is not a valid semver identifier` };
  }
  const parts = [rest.slice(0, dot1), rest.slice(dot1 + 1, dot2), rest.slice(dot2 + 1)];
  const nums: bigint[] = [];
  for (const part of parts) {
    // strconv.ParseInt(part, 10, 64); no sign can reach here ('+' and '-' were split off)
    if (!/^[0-9]+$/.test(part)) return { error: `strconv.ParseInt: parsing ${goQuote(part)}: invalid syntax` };
    const n = BigInt(part);
    if (n > INT64_MAX) return { error: `strconv.ParseInt: parsing ${goQuote(part)}: value out of range` };
    nums.push(n);
  }
  return { major: nums[0], minor: nums[1], patch: nums[2], preRelease, metadata };
}

/** go-semver's String(): the numbers without leading zeros, then -pre and +meta. */
export function goSemverString(v: GoSemver): string {
  return `${v.major}.${v.minor}.${v.patch}${v.preRelease ? `-${v.preRelease}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}

/** v.LessThan(major.minor.patch) for a release bound: a pre-release sorts before its release. */
export function semverBelow(v: GoSemver, major: bigint, minor: bigint, patch: bigint): boolean {
  const a = [v.major, v.minor, v.patch];
  const b = [major, minor, patch];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return v.preRelease !== '';
}

/**
 * The `version` value as go-yaml hands it to go-semver: any scalar's text. A mapping or
 * sequence cannot be decoded into a string (ct: "cannot unmarshal !!map into string").
 */
export function versionText(value: unknown): string | { error: string } {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return { error: `cannot unmarshal ${Array.isArray(value) ? '!!seq' : '!!map'} into string` };
}

/**
 * A section's `version` parsed as ct does while decoding: absent gives no version (the
 * caller applies its default); unparseable gives ct's decode error, which ends ct's run.
 */
export function sectionVersion(section: string, value: Record<string, unknown>): { version?: GoSemver } | { problem: GeneratedProblem } {
  const raw = value.version;
  if (raw === undefined || raw === null) return {};
  const text = versionText(raw);
  const parsed = typeof text === 'string' ? parseGoSemver(text) : text;
  if ('error' in parsed) return { problem: { severity: 'error', message: parsed.error, path: [section, 'version'], at: 'none', decode: true } };
  return { version: parsed };
}
