/**
 * The in-host suite: runs inside a real VS Code's extension host against the e2e workspace
 * (e2e/workspace), through the API rather than the screen. Shared by the two ways to start
 * VS Code: code-server here (e2e/inhost.test.mjs, which reads the result file) and
 * @vscode/test-electron where VS Code can be downloaded (test/vscode/runElectron.ts, which
 * reads the exception).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';

type Check = [name: string, run: () => Promise<void>];

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** Opens a file and waits until Kindling has published diagnostics for it. */
async function openWithDiagnostics(relative: string): Promise<{ document: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
  const uri = workspaceFile(relative);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kindling');
    if (diagnostics.length > 0) return { document, diagnostics };
    if (Date.now() > deadline) throw new Error(`no Kindling diagnostics for ${relative}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const CHECKS: Check[] = [
  ['the extension activates on YAML and registers its commands', async () => {
    const extension = vscode.extensions.getExtension('kindling.kindling');
    assert.ok(extension, 'Kindling is installed');
    await openWithDiagnostics('node.bu');
    assert.ok(extension.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['kindling.openPreview', 'kindling.transpile', 'kindling.buildIso', 'kindling.boot', 'kindling.stopVm']) assert.ok(commands.includes(id), id);
  }],
  ['Butane diagnostics carry rule codes at the right places', async () => {
    const { diagnostics } = await openWithDiagnostics('node.bu');
    const unknown = diagnostics.find((d) => d.message.startsWith('unknown key `ssh_authorized_key`'));
    assert.ok(unknown, diagnostics.map((d) => d.message).join('\n'));
    assert.equal(unknown.range.start.line, 5);
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(diagnostics.some((d) => d.message.startsWith('mode 644 is decimal')));
  }],
  ['completion offers the keys of a file entry', async () => {
    const { document } = await openWithDiagnostics('node.bu');
    const editor = await vscode.window.showTextDocument(document);
    // A fresh key line inside the first storage file entry.
    const at = new vscode.Position(13, 0);
    await editor.edit((edit) => edit.insert(at, '      \n'));
    try {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(13, 6));
      const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      for (const key of ['overwrite', 'user', 'group']) assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
    } finally {
      await vscode.commands.executeCommand('undo');
    }
  }],
  ['hover explains a key', async () => {
    const { document } = await openWithDiagnostics('node.bu');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(10, 8));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /mode/i);
  }],
  ['a quick fix renames a misspelt key', async () => {
    const { document, diagnostics } = await openWithDiagnostics('node.bu');
    const unknown = diagnostics.find((d) => d.message.startsWith('unknown key `ssh_authorized_key`'))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, unknown.range, vscode.CodeActionKind.QuickFix.value);
    const rename = actions.find((a) => a.title === 'Rename to `ssh_authorized_keys`');
    assert.ok(rename?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    try {
      assert.equal(document.lineAt(5).text.trim(), 'ssh_authorized_keys:');
    } finally {
      await vscode.commands.executeCommand('undo');
    }
  }],
  ['Container Linux Configs and k3OS configs get their own checks', async () => {
    const clc = await openWithDiagnostics('node.clc');
    assert.ok(clc.diagnostics.some((d) => d.code && JSON.stringify(d.code).includes('paths/read-only-usr')), clc.diagnostics.map((d) => d.message).join('\n'));
    const k3os = await openWithDiagnostics('k3os/config.yaml');
    assert.ok(k3os.diagnostics.some((d) => d.message.startsWith('`k3os.password` is in clear text')));
  }],
];

/** The entry point both runners call; throws when a check fails. */
export async function run(): Promise<void> {
  const results: { name: string; ok: boolean; error?: string }[] = [];
  for (const [name, check] of CHECKS) {
    try {
      await check();
      results.push({ name, ok: true });
    } catch (err) {
      results.push({ name, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  }
  const resultFile = process.env.KINDLING_E2E_RESULT;
  if (resultFile) fs.writeFileSync(`${resultFile}.tmp`, JSON.stringify(results, null, 2));
  if (resultFile) fs.renameSync(`${resultFile}.tmp`, resultFile);
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`${failed.length} in-host checks failed:\n${failed.map((f) => `${f.name}: ${f.error}`).join('\n')}`);
}
