/** A small LSP client over the real server's stdio, for the protocol tests. */
import { after } from 'node:test';
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  ClientCapabilities, ConfigurationRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, InitializeResult, ProtocolConnection, PublishDiagnosticsNotification, PublishDiagnosticsParams, RegistrationRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter, TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { VSCODE_LIKE } from './lspCapabilities';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = [path.join(ROOT, 'out', 'server', 'src', 'server.js'), '--stdio'];

/** Servers still running: a failed assertion skips `stop()`, and a live child would keep the run open. */
export const running = new Set<ChildProcess>();
after(() => {
  for (const child of running) child.kill();
});

export interface Waiter { uri: string; version?: number; resolve(p: PublishDiagnosticsParams): void; reject(e: Error): void }

export class Client {
  readonly connection: ProtocolConnection;
  readonly logs: string[] = [];
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** What `workspace/configuration` answers for the `kindling` section. */
  settings: Record<string, unknown> = {};
  /** When set, workspace/configuration answers wait for it (to order events around a fetch). */
  configurationGate: Promise<void> | undefined;
  /** Called when the server asks for configuration. */
  onConfigurationAsked: (() => void) | undefined;
  initialized!: InitializeResult;
  private waiters: Waiter[] = [];
  private exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.exited = new Promise((resolve) => child.on('exit', (code) => {
      for (const w of this.waiters) w.reject(new Error(`server exited (${code}) while waiting for diagnostics of ${w.uri}`));
      resolve(code);
    }));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      const ready = this.waiters.filter((w) => w.uri === p.uri && (w.version === undefined || w.version === p.version));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(p);
    });
    this.connection.onNotification('window/logMessage', (m: { message: string }) => {
      this.logs.push(m.message);
    });
    this.connection.onRequest(ConfigurationRequest.type, async (p) => {
      this.onConfigurationAsked?.();
      await this.configurationGate;
      return p.items.map(() => this.settings);
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  static async start(options: { command?: string[]; capabilities?: ClientCapabilities; folder?: string; initializationOptions?: unknown } = {}): Promise<Client> {
    const child = spawn(process.execPath, options.command ?? SERVER, { stdio: ['pipe', 'pipe', 'inherit'] });
    running.add(child);
    child.on('exit', () => running.delete(child));
    const client = new Client(child);
    const folders = options.folder ? [{ uri: pathToFileURL(options.folder).href, name: 'ws' }] : null;
    client.initialized = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: null, workspaceFolders: folders, capabilities: options.capabilities ?? VSCODE_LIKE,
      initializationOptions: options.initializationOptions,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves with the next diagnostics published for `uri` (and `version`, if given). */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => this.waiters.push({ uri, version, resolve, reject }));
  }

  open(uri: string, text: string, languageId = 'butane'): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, 1);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return published;
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return published;
  }

  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }
}

