/** Diagnostics as the engine reports them: offsets into the UTF-16 text, no editor types. */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Half-open range of UTF-16 offsets into the document text. */
export interface TextRange {
  start: number;
  end: number;
}

/** A machine-applicable edit used by quick fixes. */
export interface TextEdit {
  range: TextRange;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  range: TextRange;
  severity: Severity;
  /** Stable identifier, e.g. `butane/unused-key`; also used for suppression and settings. */
  code: string;
  message: string;
  fixes?: Fix[];
  /**
   * A Kindling-only finding that the reference tool does not enforce: shown in the editor
   * and by `check`, but it never blocks a translation, so `transpile` keeps butane's exit status.
   */
  advisory?: boolean;
}
