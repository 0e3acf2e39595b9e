/** textDocument/foldingRange: structure-based folds, as line ranges. */
import { FoldingRange, FoldingRangeKind, FoldingRangeParams } from 'vscode-languageserver';
import { foldingRanges } from '../../../engine/service/index';
import { toLine } from '../positions';
import type { ServerContext } from '../serverContext';

export async function onFoldingRange(ctx: ServerContext, params: FoldingRangeParams): Promise<FoldingRange[] | null> {
  const document = ctx.documents.get(params.textDocument.uri);
  if (!document || !(await ctx.documents.configDialect(document))) return null;
  const analysed = await ctx.documents.analysed(document);
  return foldingRanges(analysed.service).map((span) => ({
    startLine: toLine(analysed.lines, span.start),
    endLine: toLine(analysed.lines, span.end),
    kind: span.kind === 'comment' ? FoldingRangeKind.Comment : undefined,
  }));
}
