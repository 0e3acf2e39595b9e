/** textDocument/hover: what a key means here, and which spec `variant`/`version` select. */
import { Hover, HoverParams, MarkupKind } from 'vscode-languageserver';
import { hover } from '../../../engine/service/index';
import { toLspRange, toOffset } from '../positions';
import type { ServerContext } from '../serverContext';

export async function onHover(ctx: ServerContext, params: HoverParams): Promise<Hover | null> {
  const document = ctx.documents.get(params.textDocument.uri);
  if (!document || !(await ctx.documents.configDialect(document))) return null;
  const analysed = await ctx.documents.analysed(document);
  const result = hover(analysed.service, toOffset(analysed.lines, params.position));
  if (!result) return null;
  return {
    contents: { kind: ctx.features.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value: result.markdown },
    range: toLspRange(analysed.lines, result.range),
  };
}
