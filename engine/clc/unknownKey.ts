import type { Diagnostic } from '../diagnostics';
import type { UnknownKey } from '../schema/decode';
import type { Schema } from '../schema/schema';
import type { Path } from '../schema/sourceMap';
import { closest } from '../schema/suggest';

/** ct's unrecognized-key warning, with a rename to the closest key of the mapping when there is one. */
export function unknownKeyDiagnostic(schema: Schema, unknown: UnknownKey, parent: Path = unknown.parent): Diagnostic {
  const siblings = Object.keys(schema.at(parent)?.properties ?? {});
  const guess = closest(unknown.key, siblings);
  return {
    range: unknown.range,
    severity: 'warning',
    code: 'clc/unknown-key',
    message: `Config has unrecognized key: ${unknown.key}`,
    fixes: guess ? [{ title: `Rename to \`${guess}\``, edits: [{ range: unknown.range, newText: guess }] }] : undefined,
  };
}
