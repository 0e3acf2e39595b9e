/** textDocument/completion: engine completion items as LSP items. */
import {
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  CompletionParams,
  CompletionTriggerKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
} from 'vscode-languageserver';
import type { LineIndex } from '../../../engine/index';
import { complete, CompletionEntry, CompletionKind, plainSnippetText } from '../../../engine/service/index';
import { toLspRange, toOffset } from '../positions';
import type { ServerContext } from '../serverContext';

/** Typing a space opens suggestions only where a value or a list item starts. */
export const TRIGGER_CHARACTERS = [' '];

const KIND: Record<CompletionKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  boolean: CompletionItemKind.Value,
  variant: CompletionItemKind.Module,
  version: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
};

/** Continuation lines are written with absolute indentation; re-base them for clients that indent. */
function rebase(text: string, lineIndent: number): string {
  if (lineIndent === 0) return text;
  const prefix = ' '.repeat(lineIndent);
  return text.replace(/\n( *)/g, (_m, spaces: string) => `\n${spaces.startsWith(prefix) ? spaces.slice(lineIndent) : spaces}`);
}

export async function onCompletion(ctx: ServerContext, params: CompletionParams): Promise<CompletionList | null> {
  const document = ctx.documents.get(params.textDocument.uri);
  if (!document || !(await ctx.documents.configDialect(document))) return null;
  const analysed = await ctx.documents.analysed(document);
  const offset = toOffset(analysed.lines, params.position);
  if (params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter && params.context.triggerCharacter === ' ') {
    const lineStart = analysed.text.lastIndexOf('\n', offset - 1) + 1;
    const before = analysed.text.slice(lineStart, offset);
    if (!/:\s$/.test(before) && !/^\s*(- +)+$/.test(before)) return null;
  }
  const result = complete(analysed.service, offset);
  const entries = ctx.features.clientHasConfigSnippets ? result.items.filter((e) => e.kind !== 'snippet') : result.items;
  const items = entries.map((entry) => toItem(ctx, entry, analysed.lines, result.lineIndent));
  return { isIncomplete: false, items };
}

function toItem(ctx: ServerContext, entry: CompletionEntry, lines: LineIndex, lineIndent: number): CompletionItem {
  const { features } = ctx;
  let newText = entry.snippet && !features.snippets ? plainSnippetText(entry.insertText) : entry.insertText;
  if (!features.insertTextAsIs) newText = rebase(newText, lineIndent);
  const item: CompletionItem = {
    label: entry.label,
    kind: KIND[entry.kind],
    detail: entry.detail,
    sortText: entry.sortText,
    filterText: entry.filterText,
    preselect: entry.preselect || undefined,
    textEdit: { range: toLspRange(lines, entry.range), newText },
    insertTextFormat: entry.snippet && features.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (features.insertTextAsIs && newText.includes('\n')) item.insertTextMode = InsertTextMode.asIs;
  if (entry.documentation) {
    item.documentation = features.markdownCompletion ? { kind: MarkupKind.Markdown, value: entry.documentation } : entry.documentation;
  }
  return item;
}
