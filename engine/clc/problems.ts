/**
 * Problems as ct reports them, before they are placed in the text. ct attaches each
 * message to a YAML node (a key or a value) or to nothing; we keep the CLC path of
 * that node so the editor can underline it.
 */
import type { Path } from '../schema/sourceMap';

export type ClcSeverity = 'error' | 'warning' | 'info';

export interface ClcProblem {
  severity: ClcSeverity;
  /** ct's own wording, so users can search for it. */
  message: string;
  /** Where in the CLC document; the nearest existing ancestor is used when it is absent. */
  path: Path;
  /** Underline the key rather than the value (unknown keys). */
  at?: 'key' | 'value';
  code: string;
  /** go-yaml failed to decode (ct reports that alone and checks nothing else). */
  decode?: boolean;
}
