/**
 * textDocument/codeLens: "Open Ignition Preview" and "Transpile to Ignition" at the top of a
 * Butane file or Container Linux Config. The commands are the VS Code client's, so lenses are offered only to a client
 * that says it implements them (initializationOptions.transpileCommands).
 */
import { CodeLens, CodeLensParams, CodeLensRefreshRequest } from 'vscode-languageserver';
import type { ServerContext } from '../serverContext';

export const OPEN_PREVIEW_COMMAND = 'kindling.openPreview';
export const TRANSPILE_COMMAND = 'kindling.transpile';

export async function onCodeLens(ctx: ServerContext, params: CodeLensParams): Promise<CodeLens[] | null> {
  const uri = params.textDocument.uri;
  const document = ctx.documents.get(uri);
  const dialect = document && (await ctx.documents.configDialect(document));
  // Only Butane and CLC have Ignition output to preview or write.
  if (dialect !== 'butane' && dialect !== 'clc') return null;
  if (!(await ctx.settings.forDocument(uri)).codeLens) return [];
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [
    { range, command: { title: 'Open Ignition Preview', command: OPEN_PREVIEW_COMMAND, arguments: [uri] } },
    { range, command: { title: 'Transpile to Ignition', command: TRANSPILE_COMMAND, arguments: [uri] } },
  ];
}

/** After a settings change (`kindling.codeLens.enable`): lenses are pulled, so ask the client to pull again. */
export function refreshCodeLenses(ctx: ServerContext): void {
  if (!ctx.features.clientHasTranspileCommands || !ctx.features.codeLensRefresh) return;
  ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}
