/**
 * A minimal LSP client over a child process's stdio, built on
 * vscode-languageserver-protocol. It answers the server's requests
 * (workspace/configuration, client/registerCapability, …), records every
 * publishDiagnostics with its arrival time and lets callers await them — and, for
 * our server, the Ignition preview pushes (`kindling/previewChanged`).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { MemorySample, treeMemory } from './memory';
import { PREVIEW_CHANGED_NOTIFICATION, SET_PREVIEWED_NOTIFICATION, TranspileResult } from '../server/src/protocol';
import { performance } from 'node:perf_hooks';
import {
  CompletionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  RegistrationRequest,
  ShowMessageRequest,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type CompletionItem,
  type CompletionList,
  type InitializeParams,
  type Position,
  type Range,
} from 'vscode-languageserver-protocol/node';

export interface ServerSpec {
  label: string;
  /** Arguments for `node` (script path first). */
  args: string[];
  languageId: string;
  /** Settings tree served to workspace/configuration and sent with didChangeConfiguration. */
  settings: Record<string, unknown>;
  /** Fixed validation debounce of the server, in ms (subtracted in the "compute" figures). */
  debounceMs: number;
  /** Settings section the server pulls at start-up (e.g. `yaml`). */
  configSection?: string;
  /** Pulls of that section to await before opening a document (no sleeps: we count answered requests). */
  configPullsBeforeOpen: number;
  /** The server has Kindling's live Ignition preview (measured only then). */
  preview?: boolean;
}

export interface PreviewPush {
  result: TranspileResult;
  at: number;
}

export interface Published {
  params: PublishDiagnosticsParams;
  at: number;
}

interface Waiter {
  uri: string;
  version: number;
  after: number;
  resolve: (p: Published) => void;
  reject: (err: Error) => void;
}

function lookup(tree: Record<string, unknown>, section: string | undefined): unknown {
  if (!section) return tree;
  if (section in tree) return tree[section];
  let node: unknown = tree;
  for (const part of section.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export class LspClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly spawnedAt = performance.now();
  /** Whether any publishDiagnostics carried a `version` field. */
  sawVersionedDiagnostics = false;
  /** How many workspace/configuration requests for `configSection` were answered. */
  configPulls = 0;
  private configWaiters: Array<() => void> = [];
  private waiters: Waiter[] = [];
  private previewWaiters: { uri: string; version: number; resolve: (p: PreviewPush) => void; reject: (err: Error) => void }[] = [];
  private stderrTail = '';
  private exitError: Error | undefined;
  private shuttingDown = false;

  constructor(readonly spec: ServerSpec, cwd: string) {
    this.child = spawn(process.execPath, spec.args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-4000);
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    // A server that dies must fail the run, not leave promises pending forever.
    const died = (why: string) => {
      if (this.shuttingDown || this.exitError) return;
      this.exitError = new Error(`${spec.label}: server ${why}\n${this.stderrTail}`);
      this.waiters.forEach((w) => w.reject(this.exitError!));
      this.waiters = [];
      this.previewWaiters.forEach((w) => w.reject(this.exitError!));
      this.previewWaiters = [];
      this.connection.dispose();
    };
    this.child.on('error', (err) => died(`failed to start: ${err.message}`));
    this.child.on('exit', (code, signal) => setTimeout(() => died(`exited (${signal ?? code})`), 50));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.onDiagnostics(params));
    this.connection.onNotification(PREVIEW_CHANGED_NOTIFICATION, (result: TranspileResult) => this.onPreview(result));
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      const result = params.items.map((item) => lookup(spec.settings, item.section) ?? null);
      if (spec.configSection && params.items.some((i) => i.section === spec.configSection)) {
        this.configPulls++;
        // Let the response go out first, then wake whoever waits for it.
        setImmediate(() => this.configWaiters.forEach((w) => w()));
      }
      return result;
    });
    // Requests a real editor would accept; anything else gets MethodNotFound.
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(UnregistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(ShowMessageRequest.type, () => null);
    this.connection.onError(([err]) => {
      process.stderr.write(`${spec.label}: connection error: ${err.message}\n${this.stderrTail}\n`);
    });
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  get stderr(): string {
    return this.stderrTail;
  }

  private onDiagnostics(params: PublishDiagnosticsParams): void {
    const p: Published = { params, at: performance.now() };
    if (params.version !== undefined) this.sawVersionedDiagnostics = true;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      const versionOk = params.version === undefined || params.version >= w.version;
      if (w.uri === params.uri && versionOk && p.at >= w.after) w.resolve(p);
      else still.push(w);
    }
    this.waiters = still;
  }

  private onPreview(result: TranspileResult): void {
    const push: PreviewPush = { result, at: performance.now() };
    const ready = this.previewWaiters.filter((w) => w.uri === result.uri && (result.version ?? -1) >= w.version);
    this.previewWaiters = this.previewWaiters.filter((w) => !ready.includes(w));
    ready.forEach((w) => w.resolve(push));
  }

  /** Resolves with the first preview push for `uri` whose version is ≥ `version`. */
  waitForPreview(uri: string, version: number, timeoutMs = 30_000): Promise<PreviewPush> {
    return new Promise((resolve, reject) => {
      if (this.exitError) return reject(this.exitError);
      const timer = setTimeout(() => {
        this.previewWaiters = this.previewWaiters.filter((w) => w !== waiter);
        reject(new Error(`${this.spec.label}: no preview for ${uri} v${version} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        uri,
        version,
        resolve: (p: PreviewPush) => {
          clearTimeout(timer);
          resolve(p);
        },
        reject: (err: Error) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      this.previewWaiters.push(waiter);
    });
  }

  /** Tells our server which documents have a preview open (it then pushes their output on every change). */
  setPreviewed(uris: string[]): Promise<void> {
    return this.connection.sendNotification(SET_PREVIEWED_NOTIFICATION, { uris });
  }

  /**
   * Resolves with the first publishDiagnostics for `uri` whose version is ≥ `version`
   * (or, from servers that omit the version, the first one that arrives after `after`).
   */
  waitForDiagnostics(uri: string, version: number, after: number, timeoutMs = 30_000): Promise<Published> {
    return new Promise((resolve, reject) => {
      if (this.exitError) return reject(this.exitError);
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.spec.label}: no diagnostics for ${uri} v${version} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        uri,
        version,
        after,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves once `count` workspace/configuration pulls of the settings section were answered. */
  waitForConfigurationPulls(count: number, timeoutMs = 10_000): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.configWaiters = this.configWaiters.filter((w) => w !== check);
        resolve(ok);
      };
      const check = () => {
        if (this.configPulls >= count) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.configWaiters.push(check);
      check();
    });
  }

  async initialize(rootUri: string): Promise<number> {
    const params: InitializeParams = {
      processId: process.pid,
      clientInfo: { name: 'kindling-bench', version: '0.1.0' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: true, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          completion: {
            dynamicRegistration: true,
            contextSupport: true,
            completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
          },
          hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { dynamicRegistration: true, hierarchicalDocumentSymbolSupport: true },
        },
      },
    };
    await this.connection.sendRequest(InitializeRequest.type, params);
    const ready = performance.now();
    await this.connection.sendNotification(InitializedNotification.type, {});
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: this.spec.settings });
    return ready - this.spawnedAt;
  }

  async open(uri: string, text: string, version = 1): Promise<number> {
    const at = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: this.spec.languageId, version, text },
    });
    return at;
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Incremental change: replaces `range` with `text`. Returns the send time. */
  async change(uri: string, version: number, range: Range, text: string): Promise<number> {
    const at = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    return at;
  }

  async completion(uri: string, position: Position): Promise<{ ms: number; items: CompletionItem[] }> {
    const at = performance.now();
    const result = (await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position,
    })) as CompletionItem[] | CompletionList | null;
    const ms = performance.now() - at;
    const items = result === null ? [] : Array.isArray(result) ? result : result.items;
    return { ms, items };
  }

  /** VmRSS and VmHWM summed over the server's process tree. */
  memory(): MemorySample {
    return treeMemory(this.pid);
  }

  async shutdown(): Promise<void> {
    if (this.exitError) return;
    this.shuttingDown = true;
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), timeout(5000)]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // fall through to the kill below
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

function timeout(ms: number): Promise<void> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref());
}
