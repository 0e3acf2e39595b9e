/** What every handler gets: the connection, the documents, settings and what the client supports. */
import type { ClientCapabilities, Connection } from 'vscode-languageserver';
import type { DocumentStore } from './documents';
import type { SettingsStore } from './settings';

/** The client capabilities the handlers branch on, read once at initialize. */
export interface ClientFeatures {
  configuration: boolean;
  dynamicConfigurationRegistration: boolean;
  workspaceFolders: boolean;
  snippets: boolean;
  /** The client honours `insertTextMode: asIs` (else it re-indents multi-line inserts itself). */
  insertTextAsIs: boolean;
  markdownCompletion: boolean;
  markdownHover: boolean;
  hierarchicalSymbols: boolean;
  codeActionLiterals: boolean;
  /** The client contributes snippets/butane.json itself (the VS Code extension does): don't offer them twice. */
  clientHasConfigSnippets: boolean;
  /** The client implements `kindling.openPreview` and `kindling.transpile` (the VS Code extension does): offer code lenses running them. */
  clientHasTranspileCommands: boolean;
  /** The client re-asks for code lenses on workspace/codeLens/refresh (after the codeLens setting changes). */
  codeLensRefresh: boolean;
}

export function clientFeatures(capabilities: ClientCapabilities, initializationOptions?: unknown): ClientFeatures {
  const completionItem = capabilities.textDocument?.completion?.completionItem;
  return {
    configuration: !!capabilities.workspace?.configuration,
    dynamicConfigurationRegistration: !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration,
    workspaceFolders: !!capabilities.workspace?.workspaceFolders,
    snippets: !!completionItem?.snippetSupport,
    insertTextAsIs: !!completionItem?.insertTextModeSupport?.valueSet?.includes(1),
    markdownCompletion: !!completionItem?.documentationFormat?.includes('markdown'),
    markdownHover: !!capabilities.textDocument?.hover?.contentFormat?.includes('markdown'),
    hierarchicalSymbols: !!capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    codeActionLiterals: !!capabilities.textDocument?.codeAction?.codeActionLiteralSupport,
    clientHasConfigSnippets: !!(initializationOptions as { configSnippets?: boolean } | undefined)?.configSnippets,
    clientHasTranspileCommands: !!(initializationOptions as { transpileCommands?: boolean } | undefined)?.transpileCommands,
    codeLensRefresh: !!capabilities.workspace?.codeLens?.refreshSupport,
  };
}

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export interface ServerContext {
  connection: Connection;
  documents: DocumentStore;
  settings: SettingsStore;
  features: ClientFeatures;
  log: Logger;
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/**
 * Wraps a handler so a bug costs one empty answer and a log line, never the server:
 * users keep typing into whatever half-written text triggered it.
 */
export function guarded<P, R>(log: Logger, name: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
  return async (params: P) => {
    try {
      return await handler(params);
    } catch (err) {
      log.error(`${name} failed: ${describe(err)}`);
      return fallback;
    }
  };
}
