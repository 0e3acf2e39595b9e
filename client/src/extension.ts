/**
 * The VS Code face of Kindling: it starts the language server and wires commands.
 * Everything that understands configs lives in the server and the engine.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV } from '../../server/src/launchFlags';
import { IgnitionPreview } from './preview';
import { TranspileCommand } from './transpileCommand';
import { MigrateCommand } from './migrateCommand';
import { KernelCommandLineCommand } from './kernelCommandLineCommand';
import { BuildIsoCommand } from './buildIsoCommand';
import { BootCommand } from './bootCommand';

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Plain YAML goes to the server too: it recognises Butane and CLC files by their content
    // (and the kindling.associations setting) and leaves other YAML alone.
    documentSelector: [
      ...['butane', 'clc', 'yaml'].flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // Ignition configs are JSON; only .ign files are Kindling's, not every JSON document.
      { scheme: 'file', language: 'json', pattern: '**/*.ign' },
    ],
    outputChannel: output,
    // The manifest contributes snippets/*.json; the server offers them only to other editors.
    // The preview and transpile commands below are what the server's code lenses run.
    initializationOptions: { configSnippets: true, transpileCommands: true },
  };
  return new LanguageClient('kindling', 'Kindling Language Server', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // vscode-languageclient 11 needs a log channel (a plain one breaks its trace handling).
  const output = vscode.window.createOutputChannel('Kindling', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('kindling.showOutput', () => output.show()),
    vscode.commands.registerCommand('kindling.restartServer', async () => {
      await client?.restart();
    }),
  );
  client = createClient(context, output);
  const preview = new IgnitionPreview(client);
  const transpile = new TranspileCommand(client, context.workspaceState);
  const migrate = new MigrateCommand(client);
  const kernelCommandLine = new KernelCommandLineCommand(client);
  const buildIso = new BuildIsoCommand(client, context.workspaceState, output);
  const boot = new BootCommand(client, context.workspaceState, output, context.globalStorageUri);
  context.subscriptions.push(
    preview,
    boot,
    vscode.commands.registerCommand('kindling.openPreview', (uri?: unknown) => preview.open(uri)),
    vscode.commands.registerCommand('kindling.transpile', (uri?: unknown) => transpile.run(uri)),
    vscode.commands.registerCommand('kindling.migrate', (uri?: unknown) => migrate.run(uri)),
    vscode.commands.registerCommand('kindling.showKernelCommandLine', (uri?: unknown) => kernelCommandLine.run(uri)),
    vscode.commands.registerCommand('kindling.buildIso', (uri?: unknown) => buildIso.run(uri)),
    vscode.commands.registerCommand('kindling.boot', (uri?: unknown) => boot.run(uri)),
    vscode.commands.registerCommand('kindling.stopVm', () => boot.stop()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
