/** textDocument/documentSymbol: the outline, hierarchical when the client supports it. */
import { DocumentSymbol, DocumentSymbolParams, SymbolInformation, SymbolKind } from 'vscode-languageserver';
import type { LineIndex } from '../../../engine/index';
import { documentSymbols, OutlineKind, OutlineSymbol } from '../../../engine/service/index';
import { toLspRange } from '../positions';
import type { ServerContext } from '../serverContext';

const KIND: Record<OutlineKind, SymbolKind> = {
  section: SymbolKind.Module,
  list: SymbolKind.Array,
  file: SymbolKind.File,
  unit: SymbolKind.Event,
  account: SymbolKind.Struct,
  storage: SymbolKind.Package,
  entry: SymbolKind.Object,
  string: SymbolKind.String,
  number: SymbolKind.Number,
  boolean: SymbolKind.Boolean,
  null: SymbolKind.Null,
};

function toDocumentSymbol(lines: LineIndex, symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: KIND[symbol.kind],
    range: toLspRange(lines, symbol.range),
    selectionRange: toLspRange(lines, symbol.selectionRange),
    children: symbol.children.map((child) => toDocumentSymbol(lines, child)),
  };
}

/** Flat symbols for clients without hierarchy: each names its container. */
function flatten(lines: LineIndex, uri: string, symbols: OutlineSymbol[], container: string | undefined, out: SymbolInformation[]): void {
  for (const symbol of symbols) {
    out.push({ name: symbol.name, kind: KIND[symbol.kind], location: { uri, range: toLspRange(lines, symbol.range) }, containerName: container });
    flatten(lines, uri, symbol.children, symbol.name, out);
  }
}

export async function onDocumentSymbol(ctx: ServerContext, params: DocumentSymbolParams): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
  const document = ctx.documents.get(params.textDocument.uri);
  if (!document || !(await ctx.documents.configDialect(document))) return null;
  const analysed = await ctx.documents.analysed(document);
  const symbols = documentSymbols(analysed.service);
  if (ctx.features.hierarchicalSymbols) return symbols.map((s) => toDocumentSymbol(analysed.lines, s));
  const flat: SymbolInformation[] = [];
  flatten(analysed.lines, params.textDocument.uri, symbols, undefined, flat);
  return flat;
}
