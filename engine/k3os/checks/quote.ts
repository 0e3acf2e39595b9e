import type { Fix, TextRange } from '../../diagnostics';

/** A quick fix that writes a plain scalar as a single-quoted YAML string, its text unchanged. */
export function quoteFix(range: TextRange, text: string): Fix {
  const quoted = `'${text.replace(/'/g, "''")}'`;
  return { title: `Quote it: ${quoted}`, edits: [{ range, newText: quoted }] };
}
