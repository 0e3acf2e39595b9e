/**
 * What the Ignition preview shows, as text and a language id. The pane is never blank: with
 * errors it keeps the last good output under a comment block that says it is stale and lists
 * the errors, so the document still highlights (and parses) as JSON with comments or YAML.
 * No `vscode` import: unit-tested in test/client-logic.test.ts.
 */
import type { OutputFormat, TranspileProblem, TranspileResult } from '../../server/src/protocol';

/** `jsonc`, not `json`: VS Code flags comments in `json` documents, and a stale preview has them. */
export type PreviewLanguage = 'jsonc' | 'yaml';

export interface PreviewView {
  text: string;
  language: PreviewLanguage;
}

/** Long lists help nobody in a header; the Problems view has them all. */
export const MAX_LISTED_PROBLEMS = 30;

const languageOf = (format: OutputFormat | undefined): PreviewLanguage => (format === 'yaml' ? 'yaml' : 'jsonc');

/** `3:7 error: message [code]`, 1-based like the CLI, on one line. */
export function formatProblem(p: TranspileProblem): string {
  const message = p.message.replace(/\s*\n\s*/g, ' ');
  return `${p.line + 1}:${p.character + 1} ${p.severity}: ${message}${p.code ? ` [${p.code}]` : ''}`;
}

function problemLines(problems: readonly TranspileProblem[]): string[] {
  const shown = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `  ${formatProblem(p)}`);
  if (problems.length > MAX_LISTED_PROBLEMS) shown.push(`  … and ${problems.length - MAX_LISTED_PROBLEMS} more (see the Problems view)`);
  return shown;
}

function countOf(problems: readonly TranspileProblem[], strict: boolean): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const parts = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}${strict ? ' (kindling.strict is on)' : ''}`);
  return parts.length > 0 ? parts.join(' and ') : 'problems';
}

function comment(lines: readonly string[], language: PreviewLanguage): string {
  const marker = language === 'yaml' ? '#' : '//';
  return lines.map((line) => (line ? `${marker} ${line}` : marker)).join('\n');
}

/** The preview of one result: the output itself when it translated, else an explained fallback. */
export function renderPreview(result: TranspileResult): PreviewView {
  if (result.ok && result.output !== undefined) return { text: result.output, language: languageOf(result.format) };
  const why = countOf(result.problems, result.strict);
  if (result.stale) {
    const language = languageOf(result.stale.format);
    const header = [
      `Stale: the config has ${why} now, so Butane would print nothing.`,
      `Below is the last output that translated (document version ${result.stale.version}).`,
      ...problemLines(result.problems),
    ];
    return { text: `${comment(header, language)}\n${result.stale.output}`, language };
  }
  // Problems without a code are statements about the document (not open, not Butane), not positions in it.
  const header = result.problems.every((p) => !p.code)
    ? ['No Ignition output yet:', ...result.problems.map((p) => `  ${p.message}`)]
    : [`No Ignition output yet: the config has ${why}.`, ...problemLines(result.problems)];
  return { text: `${comment(header, 'jsonc')}\n`, language: 'jsonc' };
}

/** When the server could not be asked at all (stopped, restarting). */
export function renderFailure(message: string): PreviewView {
  return { text: `${comment(['No Ignition output: the Kindling language server did not answer.', `  ${message}`], 'jsonc')}\n`, language: 'jsonc' };
}
