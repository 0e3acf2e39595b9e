/**
 * Small helpers shared by the Butane checks: defensive accessors over the decoded
 * config (which may hold any shape after a type error), spec levels, Go-compatible
 * path handling and scalar-replacing quick fixes.
 */
import type { Fix } from '../../diagnostics';
import type { Path } from '../../schema/sourceMap';
import type { CheckContext } from './context';
import { compareVersions } from '../specVersion';
import type { ButaneSpec } from '../registry';

export { compareVersions };

export { isObj, obj, list, str, int, bool, isTrue, notEmpty, isSet, at, entries } from '../../values';
export type { Obj } from '../../values';

// ---------------------------------------------------------------- spec levels

/** Minor version of the Ignition spec the config translates to (3.x → x). */
export function ignitionMinor(ctx: CheckContext): number {
  const m = /^3\.(\d+)\./.exec(ctx.spec.ignitionVersion ?? '');
  return m ? Number(m[1]) : 0;
}


/**
 * The fcos spec whose rules apply: the fcos version itself, or the fcos spec an
 * openshift spec embeds. Undefined for variants not built on fcos.
 */
/** The fcos translator a spec runs: fcos itself, or the fcos spec an OpenShift spec embeds. */
export function fcosLevel(ctx: { spec: ButaneSpec }): string | undefined {
  const { variant, version } = ctx.spec;
  if (variant === 'fcos') return version;
  if (variant !== 'openshift') return undefined;
  if (compareVersions(version, '4.14.0') < 0) return '1.3.0';
  if (compareVersions(version, '4.19.0') < 0) return '1.5.0';
  if (compareVersions(version, '4.23.0') < 0) return '1.6.0';
  return '1.8.0-experimental';
}

export function fcosAtLeast(ctx: { spec: ButaneSpec }, version: string): boolean {
  const level = fcosLevel(ctx);
  return level !== undefined && compareVersions(level, version) >= 0;
}

// ---------------------------------------------------------------- Go paths

/** Go's path.Clean for slash-separated paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

export function joinPath(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length ? cleanPath(nonEmpty.join('/')) : '';
}

/** Go's path.Ext: the suffix from the last dot of the last element. */
export function pathExt(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) {
    if (p[i] === '.') return p.slice(i);
  }
  return '';
}

// ---------------------------------------------------------------- text and fixes

export function quote(s: string): string {
  return `\`${s.length > 60 ? `${s.slice(0, 57)}...` : s}\``;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function plainSafe(s: string): boolean {
  return /^[A-Za-z0-9/_.@:+-][A-Za-z0-9/_.@:+ -]*$/.test(s) && !/[: ]$/.test(s) && !/: /.test(s) && !/ #/.test(s);
}

/**
 * A quick fix that replaces the scalar at `path` with `value`, keeping the quoting
 * style of the original where possible.
 */
export function replaceScalar(ctx: CheckContext, path: Path, value: string, title: string): Fix[] | undefined {
  const located = ctx.map.get(path);
  if (!located) return undefined;
  const range = located.value;
  const original = ctx.text.slice(range.start, range.end);
  if (original.includes('\n')) return undefined;
  let newText: string;
  if (original.startsWith("'")) newText = `'${value.replace(/'/g, "''")}'`;
  else if (original.startsWith('"') || !plainSafe(value)) newText = JSON.stringify(value);
  else newText = value;
  return [{ title, edits: [{ range, newText }] }];
}

/** Reports at the first line of the node at `path` (or its nearest ancestor). */
export function reportLine(ctx: CheckContext, path: Path, code: string, message: string, severity: 'error' | 'warning' = 'error'): void {
  ctx.report(path, code, message, { severity, at: 'line' });
}
