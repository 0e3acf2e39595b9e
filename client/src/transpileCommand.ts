/**
 * "Kindling: Transpile to Ignition": asks the server for the output of the config as it is in
 * the editor and writes it to `<name>.ign` beside it or in `kindling.outputDirectory` —
 * atomically, never over the config, and only after asking when the file there is not one
 * Kindling wrote. Where to write and whether to ask are decided in outputPath.ts and
 * writtenFiles.ts; the bytes come from the server unchanged.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TRANSPILE_REQUEST, TranspileParams, TranspileResult } from '../../server/src/protocol';
import { readIfExists, sha256 } from './fileOps';
import { sameFile } from '../../engine/host/sameFile';
import { writeFileAtomic } from '../../engine/host/atomicWrite';
import { outputFileName, outputPath } from './outputPath';
import { jobSource, outputSettingsFor, showRefusal } from './jobPrompts';
import { overwriteDecision, recordWrite, WrittenFiles } from './writtenFiles';

/** workspaceState key: the files this workspace's transpile command wrote, with their hashes. */
const WRITTEN_KEY = 'kindling.writtenOutputs';

export class TranspileCommand {
  constructor(
    private readonly client: LanguageClient,
    private readonly state: vscode.Memento,
  ) {}

  async run(argument?: unknown): Promise<void> {
    // An untitled config is transpiled too: the save dialog asks where its output goes.
    const source = jobSource(argument, {
      untrusted: 'Kindling writes Ignition files only in trusted workspaces. The preview works here.',
      noConfig: 'Open a Butane config to transpile it to Ignition.',
    });
    if (!source) return;
    try {
      await this.transpile(source);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kindling could not transpile ${path.basename(source.path)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async transpile(source: vscode.Uri): Promise<void> {
    // From the explorer the config may not be open yet: the server translates open documents only.
    await vscode.workspace.openTextDocument(source);
    const params: TranspileParams = { uri: source.toString() };
    const result = await this.client.sendRequest<TranspileResult>(TRANSPILE_REQUEST, params);
    if (!result.ok || result.output === undefined) {
      const strict = result.strict && result.problems.some((p) => p.severity === 'warning');
      return showRefusal(`${path.basename(source.path)} was not transpiled`, result.problems, strict ? 'Warnings count as errors: kindling.strict is on.' : undefined);
    }

    const chosen = await this.target(source, result);
    if (!chosen) return;
    const target = chosen.path;
    if (source.scheme === 'file' && (path.resolve(target) === path.resolve(source.fsPath) || (await sameFile(target, source.fsPath)))) {
      void vscode.window.showErrorMessage(`Kindling will not write the Ignition output over the config itself (${target}). Set kindling.outputDirectory to another folder.`);
      return;
    }

    const existing = await readIfExists(target);
    const newHash = sha256(result.output);
    const written = this.state.get<WrittenFiles>(WRITTEN_KEY, {});
    const decision = overwriteDecision(existing && sha256(existing), newHash, written, target);
    // A path picked in the save dialog was confirmed there, overwrite prompt included.
    if (decision === 'ask' && !chosen.confirmed) {
      const replace = 'Replace';
      const answer = await vscode.window.showWarningMessage(
        `${path.basename(target)} already exists and was not written by Kindling (or was changed since). Replace it?`,
        { modal: true, detail: target },
        replace,
      );
      if (answer !== replace) return;
    }
    if (decision !== 'unchanged') await writeFileAtomic(target, result.output);
    await this.state.update(WRITTEN_KEY, recordWrite(written, target, newHash));

    const warnings = result.problems.filter((p) => p.severity === 'warning').length;
    const done = decision === 'unchanged' ? `${path.basename(target)} is up to date` : `Wrote ${path.basename(target)}`;
    const open = 'Open';
    const answer = await vscode.window.showInformationMessage(
      `${done} (Ignition ${result.ignitionVersion ?? '?'})${warnings > 0 ? `, with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`,
      open,
    );
    if (answer === open) await vscode.window.showTextDocument(vscode.Uri.file(target), { preview: false });
  }

  /** Where the output goes; a config that is not on disk asks for a place. Undefined: cancelled. */
  private async target(source: vscode.Uri, result: TranspileResult): Promise<{ path: string; confirmed: boolean } | undefined> {
    const format = result.format ?? 'json';
    if (source.scheme !== 'file') {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = outputFileName(path.posix.basename(source.path), format);
      const chosen = await vscode.window.showSaveDialog({
        title: 'Save the Ignition config',
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: format === 'yaml' ? { MachineConfig: ['yaml', 'yml'] } : { Ignition: ['ign', 'json'] },
      });
      if (chosen && chosen.scheme !== 'file') {
        void vscode.window.showErrorMessage('Kindling writes Ignition files to local disk only.');
        return undefined;
      }
      return chosen && { path: chosen.fsPath, confirmed: true };
    }
    return { path: outputPath(source.fsPath, format, outputSettingsFor(source)), confirmed: false };
  }
}
