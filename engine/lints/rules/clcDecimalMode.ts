import { looksDecimal } from '../../butane/checks/modes';
import { modeSites } from '../nodePaths';
import type { DomainFinding, DomainRule } from '../rule';

/**
 * A CLC mode written like `644`: ct reads it as decimal 644 (octal 01204: sticky bit, owner
 * write-only) and says nothing. Butane's heuristic decides: odd as decimal, usual as octal.
 */
export const clcDecimalMode: DomainRule = {
  id: 'clc/decimal-mode',
  summary: 'A CLC file or directory mode written in decimal that was probably meant as octal',
  severity: 'warning',
  dialects: ['clc'],
  check(ctx) {
    const { node } = ctx;
    const findings: DomainFinding[] = [];
    for (const { mode, modeAt, directory } of modeSites(node)) {
      if (mode === undefined || !modeAt || !looksDecimal(mode, directory)) continue;
      // Only digits as written: `0644` and `0o644` are already octal.
      const range = ctx.edits.range({ path: modeAt, at: 'value' });
      const written = ctx.text.slice(range.start, range.end);
      if (!/^[1-7][0-7]*$/.test(written)) continue;
      const intended = `0${written.padStart(3, '0')}`;
      findings.push({
        place: { path: modeAt, at: 'value' },
        message: `mode ${written} is read as decimal (octal 0${mode.toString(8)}: an odd permission set, and ct does not warn); you probably meant ${intended} — add a leading zero.`,
        fixes: [{ title: `Write the mode in octal: ${intended}`, edits: [{ range, newText: intended }] }],
      });
    }
    return findings;
  },
};
