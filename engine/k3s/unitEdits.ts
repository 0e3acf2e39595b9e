/** Quick fixes that add lines to a unit file held in the config (contents or a drop-in). */
import type { Fix } from '../diagnostics';
import type { RuleEdits } from '../lints/edits';
import type { UnitOption } from '../systemd/unitText';
import type { InstallerRun, UnitPiece } from './installer';

/**
 * Adds `lines` before the option `before` of the piece, or at the end of `section` (a new
 * section at the top for [Unit], at the end otherwise, when it is missing). Undefined when
 * the scalar cannot take new lines.
 */
export function addUnitLines(edits: RuleEdits, piece: UnitPiece, section: string, lines: string[], title: string, before?: UnitOption): Fix | undefined {
  const { sections, options } = piece.unit;
  if (before) {
    const lineStart = piece.embedded.text.lastIndexOf('\n', before.start - 1) + 1;
    return edits.replaceInText(piece.embedded, lineStart, lineStart, lines.map((l) => `${l}\n`).join(''), title);
  }
  const headers = sections.filter((s) => s.name === section);
  const header = headers[headers.length - 1];
  const text = piece.embedded.text;
  if (header) {
    const next = sections.find((s) => s.start > header.start);
    const inside = options.filter((o) => o.section === section && o.start > header.start && (!next || o.start < next.start));
    const at = inside.length > 0 ? inside[inside.length - 1].end : header.end;
    return edits.replaceInText(piece.embedded, at, at, lines.map((l) => `\n${l}`).join(''), title);
  }
  if (section === 'Unit') {
    const first = text.length - text.trimStart().length;
    return edits.replaceInText(piece.embedded, first, first, `[Unit]\n${lines.join('\n')}\n`, title);
  }
  const end = text.replace(/\s+$/, '').length;
  return edits.replaceInText(piece.embedded, end, end, `\n\n[${section}]\n${lines.join('\n')}`, title);
}

/** Adds an `Environment=` line just before the Exec line that runs the installer; none when no unit runs it. */
export function addInstallerEnvironment(edits: RuleEdits, run: InstallerRun, line: string, title: string): Fix | undefined {
  return run.exec ? addUnitLines(edits, run.exec.piece, 'Service', [line], title, run.exec.option) : undefined;
}

/** The unit's own file when it has one (lines belong there), else the piece given. */
export function mainPiece(pieces: UnitPiece[], fallback: UnitPiece): UnitPiece {
  return pieces.find((p) => !p.dropin) ?? fallback;
}
