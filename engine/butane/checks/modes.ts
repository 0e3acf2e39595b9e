/**
 * File and directory modes: the range Ignition accepts, setuid/setgid/sticky bits on
 * specs that ignore them, and Butane's "this looks like octal written in decimal" hint.
 */
import type { CheckContext } from './context';
import { entries, ignitionMinor, int } from './util';

/** Butane's heuristic: is this an unsurprising permission set for a file or directory? */
function isTypicalMode(mode: number, directory: boolean): boolean {
  if (mode === 0) return true;
  const perms = [mode & 0o7, (mode >> 3) & 0o7, (mode >> 6) & 0o7];
  let hadR = false;
  let hadW = false;
  let hadX = false;
  // others, then group, then owner: each class must have every bit of a less specific one
  for (const perm of perms) {
    const r = (perm & 4) !== 0;
    const w = (perm & 2) !== 0;
    const x = (perm & 1) !== 0;
    if ((!r && hadR) || (!w && hadW) || (!x && hadX)) return false;
    // executable here while a less specific class may read but not execute (rwxr-----) is odd
    if (x && hadR && !hadX) return false;
    // write or execute without read is unusual
    if ((w || x) && !r) return false;
    hadR ||= r;
    hadW ||= w;
    hadX ||= x;
  }
  if (!hadR) return false;
  if (directory) {
    if (!hadX) return false;
    if (mode & 0o4000) return false;
    if (mode & 0o3000 && !hadW) return false;
  } else {
    if (mode & 0o6000) {
      if (!hadX) return false;
      if (mode & 0o2) return false;
    }
    if (mode & 0o1000) return false;
  }
  return true;
}

/** Reads the decimal digits of `mode` as octal digits; undefined when that is impossible. */
function decimalAsOctal(mode: number): number | undefined {
  if (mode < 0 || mode > 7777) return undefined;
  let out = 0;
  for (const digit of String(mode).padStart(4, '0')) {
    const d = Number(digit);
    if (d > 7) return undefined;
    out = out * 8 + d;
  }
  return out;
}

/** True when Butane would warn that `mode` was probably meant as octal. */
export function looksDecimal(mode: number, directory: boolean): boolean {
  const octal = decimalAsOctal(mode);
  return octal !== undefined && !isTypicalMode(mode, directory) && isTypicalMode(octal, directory);
}

/** The setuid/setgid/sticky bits a mode sets, named for messages (`setuid and sticky`). */
export function specialBits(mode: number): string {
  return [mode & 0o4000 ? 'setuid' : '', mode & 0o2000 ? 'setgid' : '', mode & 0o1000 ? 'sticky' : ''].filter(Boolean).join(' and ');
}

function octal(mode: number): string {
  return `0${mode.toString(8)}`;
}

function sites(ctx: CheckContext): { path: (string | number)[]; mode: number; directory: boolean }[] {
  const out: { path: (string | number)[]; mode: number; directory: boolean }[] = [];
  for (const [section, directory] of [['files', false], ['directories', true]] as const) {
    for (const e of entries(ctx.config, ['storage', section])) {
      const mode = int(e.item.mode);
      if (mode !== undefined) out.push({ path: [...e.path, 'mode'], mode, directory });
    }
  }
  return out;
}

/** Ignition's checks: range, and special bits ignored before spec 3.6. */
export function checkModes(ctx: CheckContext): void {
  const honoursSpecialBits = ignitionMinor(ctx) >= 6;
  for (const { path, mode, directory } of sites(ctx)) {
    if (mode < 0 || mode > 0o7777) {
      ctx.report(path, 'butane/mode-out-of-range', `mode ${mode} (${mode < 0 ? 'negative' : octal(mode)}) is not a permission mode; modes go from 0 to 07777 — write them in octal with a leading zero, e.g. 0644`);
      continue;
    }
    if (!honoursSpecialBits && (mode & 0o7000) !== 0 && !looksDecimal(mode, directory)) {
      ctx.report(path, 'butane/mode-special-bits', `mode ${octal(mode)} sets the ${specialBits(mode)} bit, which Ignition ${ctx.spec.ignitionVersion} ignores (special bits need Ignition spec 3.6.0${ctx.spec.variant === 'fcos' ? ', Butane fcos 1.7.0' : ''}); set it with a systemd unit or tmpfiles.d instead`, { severity: 'warning' });
    }
  }
}

/** Butane's own warning for modes that look like octal written without the leading zero. */
export function checkDecimalModes(ctx: CheckContext): void {
  for (const { path, mode, directory } of sites(ctx)) {
    if (!looksDecimal(mode, directory)) continue;
    const intended = String(mode).padStart(3, '0');
    const located = ctx.map.get(path);
    const fixes = located ? [{ title: `Write the mode in octal: 0${intended}`, edits: [{ range: located.value, newText: `0${intended}` }] }] : undefined;
    ctx.report(
      path,
      'butane/decimal-mode',
      `mode ${mode} is decimal (octal ${octal(mode)}: an odd permission set); you probably meant octal 0${intended} — add a leading zero`,
      { severity: 'warning', fixes },
    );
  }
}
