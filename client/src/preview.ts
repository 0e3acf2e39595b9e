/**
 * "Kindling: Open Ignition Preview to the Side": a read-only virtual document
 * (`kindling-preview:` scheme) beside the Butane config. The server translates; this file only
 * tells it which configs have a preview tab open (`kindling/setPreviewed`), keeps the results
 * it pushes (`kindling/previewChanged`) and shows them through previewText.ts.
 */
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import {
  PREVIEW_CHANGED_NOTIFICATION,
  SET_PREVIEWED_NOTIFICATION,
  SetPreviewedParams,
  TRANSPILE_REQUEST,
  TranspileParams,
  TranspileResult,
} from '../../server/src/protocol';
import { PreviewView, renderFailure, renderPreview } from './previewText';
import { commandSource, PREVIEW_SCHEME, previewUriFor, sourceUriOf } from './previewUri';

export class IgnitionPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** What each previewed config's tab shows, by the config's URI string (as the server knows it). */
  private readonly views = new Map<string, { version: number | null; view: PreviewView }>();
  /** The configs the server was last told have a preview tab. */
  private previewed: string[] = [];
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly client: LanguageClient) {
    this.disposables = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this),
      client.onNotification(PREVIEW_CHANGED_NOTIFICATION, (result: TranspileResult) => this.update(result)),
      vscode.window.tabGroups.onDidChangeTabs(() => this.syncPreviewed(false)),
      // A restarted server knows no previews: tell it again.
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.syncPreviewed(true);
      }),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The `kindling.openPreview` command: shows (or reveals) the preview beside the config. */
  async open(argument?: unknown): Promise<void> {
    const source = commandSource(argument);
    if (!source) {
      void vscode.window.showInformationMessage('Open a Butane config to preview its Ignition output.');
      return;
    }
    // Opened from the explorer or restored: the server must have the config to translate it.
    await vscode.workspace.openTextDocument(source);
    const previewUri = previewUriFor(source);
    let document = await vscode.workspace.openTextDocument(previewUri);
    const language = this.views.get(source.toString())?.view.language;
    if (language && document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === previewUri.toString());
    await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.Beside,
      preview: false,
      preserveFocus: true,
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = sourceUriOf(uri);
    const known = this.views.get(source);
    if (known) return known.view.text;
    // First open, reopened after its tab closed, or restored with the window: make sure the
    // server has the config (a deleted one just gets the server's "not open" answer), then ask.
    await Promise.resolve(vscode.workspace.openTextDocument(vscode.Uri.parse(source))).catch(() => undefined);
    try {
      const params: TranspileParams = { uri: source };
      const result = await this.client.sendRequest<TranspileResult>(TRANSPILE_REQUEST, params);
      this.update(result, false);
      return this.views.get(source)?.view.text ?? renderPreview(result).text;
    } catch (err) {
      return renderFailure(err instanceof Error ? err.message : String(err)).text;
    }
  }

  /** A result arrived: keep it if newer, and refresh the tab when its text changed. */
  private update(result: TranspileResult, notify = true): void {
    // A late push for a preview that has since closed.
    if (notify && !this.previewed.includes(result.uri)) return;
    const known = this.views.get(result.uri);
    if (known && known.version !== null && result.version !== null && result.version < known.version) return;
    const view = renderPreview(result);
    this.views.set(result.uri, { version: result.version, view });
    if (known?.view.text === view.text && known.view.language === view.language) return;
    const previewUri = previewUriFor(vscode.Uri.parse(result.uri));
    if (notify) this.changed.fire(previewUri);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === previewUri.toString());
    if (document && document.languageId !== view.language) {
      // Only when the output's format changes (JSON ↔ OpenShift YAML); a closed preview may reject.
      Promise.resolve(vscode.languages.setTextDocumentLanguage(document, view.language)).catch(() => undefined);
    }
  }

  /** Tells the server which configs have a preview tab; results of closed previews are dropped. */
  private syncPreviewed(force: boolean): void {
    const open = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        if (tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === PREVIEW_SCHEME) open.add(sourceUriOf(tab.input.uri));
      }
    }
    const uris = [...open].sort();
    if (!force && uris.join('\n') === this.previewed.join('\n')) return;
    for (const uri of this.previewed) if (!open.has(uri)) this.views.delete(uri);
    this.previewed = uris;
    if (!this.client.isRunning()) return;
    const params: SetPreviewedParams = { uris };
    this.client.sendNotification(SET_PREVIEWED_NOTIFICATION, params).catch(() => undefined);
  }
}
