/**
 * Kindling's language server: capability negotiation and the one registry that wires each
 * LSP method to its handler in `handlers/`. The features themselves live in
 * `engine/service/` and know nothing about the protocol.
 */
import * as path from 'path';
import {
  CodeActionKind,
  Connection,
  createConnection,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  ServerCapabilities,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { DocumentStore } from './documents';
import { onCodeAction } from './handlers/codeAction';
import { onCodeLens, refreshCodeLenses } from './handlers/codeLens';
import { onCompletion, TRIGGER_CHARACTERS } from './handlers/completion';
import { DiagnosticsPublisher } from './handlers/diagnostics';
import { onDocumentSymbol } from './handlers/documentSymbol';
import { onFoldingRange } from './handlers/foldingRange';
import { onHover } from './handlers/hover';
import { MIGRATE_FAILED, onMigrate } from './handlers/migrate';
import { ISO_PAYLOAD_FAILED, onBootPayload, onIsoPayload } from './handlers/nodePayload';
import { KERNEL_COMMAND_LINE_FAILED, onKernelCommandLine } from './handlers/kernelCommandLine';
import { Transpiler, TRANSPILE_FAILED } from './handlers/transpile';
import { BOOT_PAYLOAD_REQUEST, ISO_PAYLOAD_REQUEST, IsoPayloadParams, KERNEL_COMMAND_LINE_REQUEST, KernelCommandLineParams, MIGRATE_REQUEST, MigrateParams, SET_PREVIEWED_NOTIFICATION, SetPreviewedParams, TRANSPILE_REQUEST, TranspileParams } from './protocol';
import { ClientFeatures, clientFeatures, guarded, Logger, ServerContext } from './serverContext';
import { SettingsStore } from './settings';

function capabilities(features: ClientFeatures): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
    hoverProvider: true,
    documentSymbolProvider: { label: 'Butane' },
    foldingRangeProvider: true,
    codeActionProvider: features.codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix] } : false,
    codeLensProvider: features.clientHasTranspileCommands ? { resolveProvider: false } : undefined,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

function workspaceFolderUris(params: InitializeParams): string[] {
  if (params.workspaceFolders) return params.workspaceFolders.map((f) => f.uri);
  return params.rootUri ? [params.rootUri] : [];
}

/** Wires every handler to `connection` and starts listening. */
export function startServer(connection: Connection): void {
  const log: Logger = {
    info: (message) => connection.console.info(message),
    error: (message) => connection.console.error(message),
  };
  const settings = new SettingsStore(log.error);
  const documents = new DocumentStore(settings);
  const ctx: ServerContext = { connection, documents, settings, features: clientFeatures({}), log };
  const diagnostics = new DiagnosticsPublisher(ctx);
  const transpiler = new Transpiler(ctx);

  connection.onInitialize((params): InitializeResult => {
    ctx.features = clientFeatures(params.capabilities, params.initializationOptions);
    const fetch = ctx.features.configuration
      ? (uri: string) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'kindling' })
      : undefined;
    const initial = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    settings.configure(fetch, initial, workspaceFolderUris(params));
    return { capabilities: capabilities(ctx.features), serverInfo: { name: 'kindling' } };
  });

  connection.onInitialized(() => {
    if (ctx.features.dynamicConfigurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kindling' });
    }
    if (ctx.features.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        settings.addWorkspaceFolders(e.added.map((f) => f.uri), e.removed.map((f) => f.uri));
        documents.invalidate();
        diagnostics.scheduleAll();
        transpiler.scheduleAll();
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { kindling?: unknown } | null | undefined)?.kindling;
    settings.changed(pushed);
    documents.invalidate();
    diagnostics.scheduleAll();
    transpiler.scheduleAll();
    refreshCodeLenses(ctx);
  });

  documents.documents.onDidChangeContent((e) => {
    diagnostics.schedule(e.document.uri);
    transpiler.schedule(e.document.uri);
  });
  documents.documents.onDidClose((e) => diagnostics.closed(e.document.uri));

  connection.onCompletion(guarded(log, 'completion', null, (p) => onCompletion(ctx, p)));
  connection.onHover(guarded(log, 'hover', null, (p) => onHover(ctx, p)));
  connection.onDocumentSymbol(guarded(log, 'documentSymbol', null, (p) => onDocumentSymbol(ctx, p)));
  connection.onFoldingRanges(guarded(log, 'foldingRange', null, (p) => onFoldingRange(ctx, p)));
  connection.onCodeAction(guarded(log, 'codeAction', [], (p) => onCodeAction(ctx, p)));
  connection.onCodeLens(guarded(log, 'codeLens', null, (p) => onCodeLens(ctx, p)));
  connection.onRequest(TRANSPILE_REQUEST, guarded(log, 'transpile', TRANSPILE_FAILED, (p: TranspileParams) => transpiler.request(p)));
  connection.onRequest(MIGRATE_REQUEST, guarded(log, 'migrate', MIGRATE_FAILED, (p: MigrateParams) => onMigrate(ctx, p)));
  connection.onRequest(KERNEL_COMMAND_LINE_REQUEST, guarded(log, 'kernelCommandLine', KERNEL_COMMAND_LINE_FAILED, (p: KernelCommandLineParams) => onKernelCommandLine(ctx, p)));
  connection.onRequest(ISO_PAYLOAD_REQUEST, guarded(log, 'isoPayload', ISO_PAYLOAD_FAILED, (p: IsoPayloadParams) => onIsoPayload(ctx, p)));
  connection.onRequest(BOOT_PAYLOAD_REQUEST, guarded(log, 'bootPayload', ISO_PAYLOAD_FAILED, (p: IsoPayloadParams) => onBootPayload(ctx, p)));
  connection.onNotification(SET_PREVIEWED_NOTIFICATION, (p: SetPreviewedParams) => transpiler.setPreviewed(p));

  documents.documents.listen(connection);
  connection.listen();
}

/** For `kindling lsp --stdio`: speaks LSP over this process's stdin/stdout. */
export function startStdioServer(): void {
  startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
}

// Run as a program (dist/server.js from VS Code over IPC, or `node server.js --stdio`),
// createConnection picks the transport from argv. When the CLI bundles this module,
// argv[1] is the CLI and nothing starts here.
if (require.main === module && /^server\.js$/.test(path.basename(process.argv[1] ?? ''))) {
  startServer(createConnection(ProposedFeatures.all));
}
