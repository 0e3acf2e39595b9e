/**
 * "Kindling: Migrate to Butane": asks the server to migrate the Container Linux Config as it is
 * in the editor and opens the Butane result in a new, unsaved editor beside it. Nothing is
 * written to disk: the user reviews the comments the migration left, then saves where they like.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MIGRATE_REQUEST, MigrateParams, MigrateResult } from '../../server/src/protocol';
import { formatProblem } from './previewText';
import { commandSource } from './previewUri';

export class MigrateCommand {
  constructor(private readonly client: LanguageClient) {}

  async run(argument?: unknown): Promise<void> {
    const source = commandSource(argument);
    if (!source) {
      void vscode.window.showInformationMessage('Open a Container Linux Config to migrate it to Butane.');
      return;
    }
    const name = path.basename(source.path);
    try {
      await vscode.workspace.openTextDocument(source);
      const params: MigrateParams = { uri: source.toString() };
      const result = await this.client.sendRequest<MigrateResult>(MIGRATE_REQUEST, params);
      if (!result.ok || result.butane === undefined) {
        const first = result.problems[0];
        void vscode.window.showErrorMessage(`Kindling did not migrate ${name}: ${first ? formatProblem(first) : 'ct would reject it'}${result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : ''}`);
        return;
      }
      const document = await vscode.workspace.openTextDocument({ language: 'butane', content: result.butane });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      const notes = result.notes.length;
      void vscode.window.showInformationMessage(
        notes === 0 ? `Migrated ${name} to Butane (flatcar 1.1.0).` : `Migrated ${name} to Butane (flatcar 1.1.0); ${notes} comment${notes === 1 ? '' : 's'} mark what changed or was not carried over.`,
      );
    } catch (err) {
      void vscode.window.showErrorMessage(`Kindling could not migrate ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
