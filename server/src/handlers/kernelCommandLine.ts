/** `kindling/kernelCommandLine`: a k3OS config's current text as kernel command line words, for "Show as Kernel Command Line". */
import { kernelCommandLine } from '../../../engine/index';
import { toProblem } from '../positions';
import type { KernelCommandLineParams, KernelCommandLineResult } from '../protocol';
import type { ServerContext } from '../serverContext';

function refused(uri: string, message: string): KernelCommandLineResult {
  return { uri, ok: false, warnings: [], problems: [{ line: 0, character: 0, severity: 'error', message }] };
}

/** The answer when rendering failed unexpectedly (the handler's bug is logged). */
export const KERNEL_COMMAND_LINE_FAILED = refused('', 'Internal error while rendering the kernel command line; see the Kindling output.');

export async function onKernelCommandLine(ctx: ServerContext, params: KernelCommandLineParams): Promise<KernelCommandLineResult> {
  const document = ctx.documents.get(params.uri);
  if (!document) return refused(params.uri, 'The document is not open in the Kindling language server.');
  // The client cannot tell k3OS configs from other YAML; the server's detection decides.
  if ((await ctx.documents.configDialect(document)) !== 'k3os') return refused(params.uri, 'Not a k3OS config (no top-level `k3os:` key; a first line `# kindling: k3os` marks one).');
  // The newest version's analysis: an older one's syntax tree is patched in place by the next edit.
  const analysed = await ctx.documents.currentAnalysed(params.uri);
  if (!analysed) return refused(params.uri, 'The document kept changing while it was rendered; try again.');
  const result = kernelCommandLine(analysed.analysis);
  if (!result.ok) {
    const problems = result.errors.map((d) => toProblem(analysed.lines, d));
    return { uri: params.uri, ok: false, warnings: [], problems: problems.length > 0 ? problems : refused(params.uri, result.reason).problems };
  }
  const warnings = result.warnings.map((w) => ({ ...analysed.lines.position(w.range?.start ?? 0), severity: 'warning' as const, message: w.message }));
  return { uri: params.uri, ok: true, line: result.line, words: result.words, warnings, problems: [] };
}
