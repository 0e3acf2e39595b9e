/** The URIs of Ignition previews, and the config each one belongs to. */
import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_EXTENSION } from './outputPath';

export const PREVIEW_SCHEME = 'kindling-preview';

/**
 * The preview of a config: named `<name>.ign` in the config's folder (so VS Code tells two
 * `node.ign` tabs apart by folder); the query carries the config's URI.
 */
export function previewUriFor(source: vscode.Uri): vscode.Uri {
  const folder = path.posix.dirname(source.path);
  const name = `${path.posix.basename(source.path).replace(CONFIG_EXTENSION, '')}.ign`;
  const previewPath = path.posix.join(folder === '.' ? '/' : folder, name);
  return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: previewPath.startsWith('/') ? previewPath : `/${previewPath}`, query: source.toString() });
}

/** The config's URI string, exactly as the language server knows the document. */
export function sourceUriOf(preview: vscode.Uri): string {
  return preview.query;
}

/**
 * The config a command applies to: its argument (a URI from a code lens, the explorer or the
 * editor title), else the active editor — where a focused preview stands for its config.
 */
export function commandSource(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument.scheme === PREVIEW_SCHEME ? vscode.Uri.parse(sourceUriOf(argument)) : argument;
  if (typeof argument === 'string' && argument !== '') return commandSource(vscode.Uri.parse(argument));
  const active = vscode.window.activeTextEditor?.document.uri;
  return active ? commandSource(active) : undefined;
}
