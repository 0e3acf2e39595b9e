/**
 * "Kindling: Show as Kernel Command Line": asks the server to render the k3OS config as it is
 * in the editor as kernel command line words and opens them in a new, unsaved plain-text
 * editor beside it, with what could not be expressed listed below as comments.
 * The client cannot tell k3OS configs from other YAML, so the server refuses anything else.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { KERNEL_COMMAND_LINE_REQUEST, KernelCommandLineParams, KernelCommandLineResult } from '../../server/src/protocol';
import { kernelCommandLineText } from './kernelCommandLineText';
import { formatProblem } from './previewText';
import { commandSource } from './previewUri';

export class KernelCommandLineCommand {
  constructor(private readonly client: LanguageClient) {}

  async run(argument?: unknown): Promise<void> {
    const source = commandSource(argument);
    if (!source) {
      void vscode.window.showInformationMessage('Open a k3OS config to show it as a kernel command line.');
      return;
    }
    const name = path.basename(source.path);
    try {
      await vscode.workspace.openTextDocument(source);
      const params: KernelCommandLineParams = { uri: source.toString() };
      const result = await this.client.sendRequest<KernelCommandLineResult>(KERNEL_COMMAND_LINE_REQUEST, params);
      if (!result.ok || result.line === undefined) {
        const first = result.problems[0];
        const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : '';
        void vscode.window.showErrorMessage(`Kindling did not render ${name} as a kernel command line: ${first ? formatProblem(first) : 'it is not a k3OS config'}${more}`);
        return;
      }
      const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: kernelCommandLineText(name, result) });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      const left = result.warnings.length;
      if (left > 0) void vscode.window.showWarningMessage(`${left} thing${left === 1 ? '' : 's'} in ${name} could not be expressed on the kernel command line; see the comments below the line.`);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kindling could not render ${name} as a kernel command line: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
