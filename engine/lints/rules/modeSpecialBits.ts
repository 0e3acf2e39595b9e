import { looksDecimal, specialBits } from '../../butane/checks/modes';
import { modeSites } from '../nodePaths';
import type { DomainFinding, DomainRule } from '../rule';

/** Whether the Ignition spec applies setuid/setgid/sticky bits (3.6.0 and later). */
function honoursSpecialBits(version: string | undefined): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return true;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 3 || (major === 3 && minor >= 6);
}

/**
 * Ignition before spec 3.6.0 hands the mode to Go's os.FileMode, where 0o7000 are not the
 * special bits: they are silently dropped. Butane reports this itself (butane/mode-special-bits);
 * this rule covers Ignition JSON and CLC (which is spec 2.3.0).
 */
export const modeSpecialBits: DomainRule = {
  id: 'mode/special-bits',
  summary: 'A mode with setuid, setgid or sticky bits, which Ignition ignores before spec 3.6.0',
  severity: 'warning',
  dialects: ['clc', 'ignition'],
  check(ctx) {
    const { node } = ctx;
    if (honoursSpecialBits(node.ignitionVersion)) return [];
    const findings: DomainFinding[] = [];
    for (const { mode, modeAt, directory } of modeSites(node)) {
      if (mode === undefined || !modeAt || mode < 0 || mode > 0o7777 || (mode & 0o7000) === 0) continue;
      // A CLC `644` is decimal with a sticky bit by accident: clc/decimal-mode says that.
      if (node.dialect === 'clc' && looksDecimal(mode, directory)) continue;
      const kept = mode & 0o777;
      const range = ctx.edits.range({ path: modeAt, at: 'value' });
      const written = ctx.text.slice(range.start, range.end);
      // Rewrite in the notation used: JSON and plain decimals stay decimal, octal stays octal.
      const newText = /^0[0-7]+$/.test(written) ? `0${kept.toString(8).padStart(3, '0')}` : /^0o[0-7]+$/.test(written) ? `0o${kept.toString(8)}` : String(kept);
      findings.push({
        place: { path: modeAt, at: 'value' },
        message: `mode 0${mode.toString(8)} sets the ${specialBits(mode)} bit, which Ignition spec ${node.ignitionVersion} does not apply (special bits need spec 3.6.0): the ${directory ? 'directory' : 'file'} gets 0${kept.toString(8).padStart(3, '0')}. Drop the bits and set them with a tmpfiles.d entry or a unit, or use spec 3.6.0.`,
        fixes: /^(0o?)?\d+$/.test(written) ? [{ title: `Drop the special bits (0${kept.toString(8).padStart(3, '0')})`, edits: [{ range, newText }] }] : undefined,
      });
    }
    return findings;
  },
};
