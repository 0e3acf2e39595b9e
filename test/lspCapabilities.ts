/** What VS Code tells a language server it can do, for the tests and the fuzz that talk LSP. */
import type { ClientCapabilities } from 'vscode-languageserver-protocol/node';

export const VSCODE_LIKE: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
  textDocument: {
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'], insertTextModeSupport: { valueSet: [1, 2] } } },
    hover: { contentFormat: ['markdown'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    publishDiagnostics: { versionSupport: true, dataSupport: true },
  },
};
