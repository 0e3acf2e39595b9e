/**
 * textDocument/codeAction: quick fixes for the diagnostics the client sends back. The fix
 * travels in `Diagnostic.data`. For clients that drop `data`, or when the editor has moved the
 * diagnostic since it was published (its edits would be stale), the current analysis is
 * searched for a diagnostic with the same code and range.
 */
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { sameRange } from '../positions';
import type { ServerContext } from '../serverContext';
import { KindlingDiagnosticData, LspFix, toLspDiagnostic } from './diagnostics';

/** The VS Code client's command that opens a CLC's Butane migration beside it. */
export const MIGRATE_COMMAND = 'kindling.migrate';

function fixesFromData(diagnostic: Diagnostic): LspFix[] | undefined {
  const data = diagnostic.data as Partial<KindlingDiagnosticData> | undefined;
  if (!Array.isArray(data?.fixes) || !data.range || !sameRange(data.range, diagnostic.range)) return undefined;
  return data.fixes;
}

export async function onCodeAction(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  // Clients without code action literals take only commands; quick fixes are not offered to them.
  if (!ctx.features.codeActionLiterals) return [];
  const only = params.context.only;
  if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const ours = params.context.diagnostics.filter((d) => d.source === 'kindling');
  if (ours.length === 0) return [];
  const uri = params.textDocument.uri;
  const document = ctx.documents.get(uri);
  if (!document) return [];

  let current: Diagnostic[] | undefined;
  const actions: CodeAction[] = [];
  for (const diagnostic of ours) {
    if (diagnostic.code === 'clc/deprecated-format' && ctx.features.clientHasTranspileCommands) {
      actions.push({ title: 'Migrate to Butane (opens the result beside)', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Migrate to Butane', command: MIGRATE_COMMAND, arguments: [uri] } });
      continue;
    }
    let fixes = fixesFromData(diagnostic);
    if (!fixes) {
      if (!current) {
        const analysed = await ctx.documents.analysed(document);
        current = analysed.analysis.diagnostics.map((d) => toLspDiagnostic(analysed.lines, d, false));
      }
      const match = current.find((d) => d.code === diagnostic.code && sameRange(d.range, diagnostic.range));
      fixes = match ? fixesFromData(match) : undefined;
    }
    for (const fix of fixes ?? []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fixes!.length === 1,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
  }
  return actions;
}
