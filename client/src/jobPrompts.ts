/**
 * The prompts and messages Kindling's commands share: the config a command runs on, choosing a
 * base image (from a setting, else a file dialog that remembers the last choice), where outputs
 * go, a config refused with its problems, and a job that failed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TranspileProblem } from '../../server/src/protocol';
import { OutputSettings, resolveSettingPath } from './outputPath';
import { formatProblem } from './previewText';
import { commandSource } from './previewUri';

export interface BaseImageQuestion {
  /** The setting without `kindling.`, e.g. `iso.fcosBaseImage`. */
  setting: string;
  /** Where the last pick is remembered. */
  stateKey: string;
  title: string;
  openLabel: string;
  filters: Record<string, string[]>;
}

/** The messages of a job refused before it starts. */
export interface JobRefusals {
  /** In Restricted Mode: why the job needs trust. */
  untrusted: string;
  /** No config was given or is active. */
  noConfig: string;
  /** The config is not a file on disk (untitled, remote); omitted when the job takes such configs. */
  notFile?: string;
}

/**
 * The config a job (a transpile, an ISO build, a boot) runs on, or undefined after telling the
 * user why there is none: the workspace is not trusted, no config is active, or it is not on
 * disk when the job needs a file.
 */
export function jobSource(argument: unknown, refusals: JobRefusals): vscode.Uri | undefined {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(refusals.untrusted);
    return undefined;
  }
  const source = commandSource(argument);
  if (!source) {
    void vscode.window.showInformationMessage(refusals.noConfig);
    return undefined;
  }
  if (refusals.notFile !== undefined && source.scheme !== 'file') {
    void vscode.window.showErrorMessage(refusals.notFile);
    return undefined;
  }
  return source;
}

/** What relative paths in settings are against: the config's workspace folder, else its folder. */
export function workspaceBase(source: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(source)?.uri.fsPath ?? path.dirname(source.fsPath);
}

/** The `kindling.outputDirectory` rules for a config on disk. */
export function outputSettingsFor(source: vscode.Uri): OutputSettings {
  return {
    outputDirectory: vscode.workspace.getConfiguration('kindling', source).get<string>('outputDirectory', ''),
    workspaceFolder: vscode.workspace.getWorkspaceFolder(source)?.uri.fsPath,
    homeDir: os.homedir(),
  };
}

/** The base image from its setting, else picked in a dialog; undefined when the user cancelled. */
export async function pickBaseImage(state: vscode.Memento, source: vscode.Uri, question: BaseImageQuestion): Promise<string | undefined> {
  const configured = resolveSettingPath(vscode.workspace.getConfiguration('kindling', source).get<string>(question.setting, ''), workspaceBase(source), os.homedir());
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`the base image ${configured} (setting kindling.${question.setting}) does not exist`);
    return configured;
  }
  const last = state.get<string>(question.stateKey);
  const picked = await vscode.window.showOpenDialog({
    title: question.title,
    openLabel: question.openLabel,
    canSelectMany: false,
    filters: question.filters,
    defaultUri: last ? vscode.Uri.file(last) : vscode.workspace.getWorkspaceFolder(source)?.uri,
  });
  const chosen = picked?.[0];
  if (!chosen) return undefined;
  if (chosen.scheme !== 'file') throw new Error('the base image must be a local file');
  await state.update(question.stateKey, chosen.fsPath);
  return chosen.fsPath;
}

/**
 * "<headline>: <first problem> (and N more). <note>", offering the Problems view. A problem
 * without a code is about the whole document (not open, an internal error): its position means
 * nothing, so only its message shows.
 */
export async function showRefusal(headline: string, problems: readonly TranspileProblem[], note?: string): Promise<undefined> {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  const detail = first ? `: ${first.code ? formatProblem(first) : first.message}${more}` : '';
  const show = 'Show Problems';
  const answer = await vscode.window.showErrorMessage(`${headline}${detail}.${note ? ` ${note}` : ''}`, ...(first ? [show] : []));
  if (answer === show) await vscode.commands.executeCommand('workbench.actions.view.problems');
  return undefined;
}

/** Logs a failed job and tells the user, offering the log. */
export async function showJobFailure(output: vscode.LogOutputChannel, what: string, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  output.error(`${what} failed: ${message}`);
  const show = 'Show Output';
  const answer = await vscode.window.showErrorMessage(`Kindling could not ${what}: ${message}`, show);
  if (answer === show) output.show();
}
