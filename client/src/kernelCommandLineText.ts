/**
 * The text "Show as Kernel Command Line" opens: the line first, so it can be copied whole,
 * then a blank line and one `# ` comment per warning about what was left out or changed,
 * placed like the CLI's (`file:line:col: warning: …`).
 * No `vscode` import: unit-tested in test/k3os-cmdline.test.ts.
 */
import type { KernelCommandLineResult } from '../../server/src/protocol';

export function kernelCommandLineText(name: string, result: KernelCommandLineResult): string {
  const line = result.line ?? '';
  if (result.warnings.length === 0) return `${line}\n`;
  const comments = result.warnings.map((w) => `# ${name}:${w.line + 1}:${w.character + 1}: ${w.severity}: ${w.message.replace(/\s*\n\s*/g, ' ')}`);
  return `${line}\n\n${comments.join('\n')}\n`;
}
