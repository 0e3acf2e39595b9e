/**
 * The LSP path: mutated documents through one long-lived language server over stdio, as VS Code
 * would send them. Every request must be answered, without an error, within the deadline; the
 * server must not exit, print to stderr, or log a guarded handler's exception.
 */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  CodeActionRequest, CompletionRequest, CompletionTriggerKind, ConfigurationRequest, createProtocolConnection, Diagnostic, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, DocumentSymbolRequest, ExitNotification, FoldingRangeRequest, HoverRequest, InitializedNotification, InitializeRequest, Position, ProtocolConnection, PublishDiagnosticsNotification, PublishDiagnosticsParams, RegistrationRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { detectDialect } from '../../engine/index';
import { VSCODE_LIKE } from '../lspCapabilities';
import { SERVER_EXEC_ARGV } from '../../server/src/launchFlags';
import { SET_PREVIEWED_NOTIFICATION, TRANSPILE_REQUEST } from '../../server/src/protocol';
import { FuzzDocument, LONGEST_MESSAGE } from './engineFuzz';
import type { Random } from '../random';

/** The server built beside this file (out*\/test/fuzz/ → out*\/server/src/server.js). */
export const SERVER_SCRIPT = path.join(__dirname, '..', '..', 'server', 'src', 'server.js');
/** Past this, an answer counts as never coming and the server is replaced. */
export const DEADLINE_MS = 10_000;

/** Log lines that mean a handler threw (guarded() logs `<name> failed: …`) or a promise was dropped. */
const INCIDENT = /failed: |nhandled/;
const LANGUAGE_IDS: Record<string, string> = { butane: 'butane', clc: 'clc', yaml: 'yaml', json: 'json' };
const WARM_UP: ReadonlyArray<[string, string, string]> = [
  ['warm.bu', 'butane', 'variant: fcos\nversion: 1.6.0\n'],
  ['warm.clc', 'clc', 'storage: {}\n'],
  ['k3os/config.yaml', 'yaml', 'k3os: {}\n'],
  ['warm.ign', 'json', '{"ignition": {"version": "3.4.0"}}\n'],
];

export interface LspOutcome {
  problems: string[];
  /** The slowest answer (diagnostics or a request), in ms. */
  slowestMs: number;
  requests: number;
}

class Timeout extends Error {}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const expiry = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout(`${what}: no answer within ${DEADLINE_MS} ms`)), DEADLINE_MS)));
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

/** One server process and what it said that it should not have. */
class FuzzServer {
  readonly connection: ProtocolConnection;
  /** Log lines, stderr output and exits since the last take(). */
  private incidents: string[] = [];
  private waiters: { uri: string; version: number; resolve(p: PublishDiagnosticsParams): void; reject(e: Error): void }[] = [];
  private readonly settings = new Map<string, Record<string, unknown>>();
  exited = false;

  constructor(private readonly child: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', (d: Buffer) => this.incident(`stderr: ${d.toString().slice(0, 2000)}`));
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.incident(`server exited (code ${code}, signal ${signal})`);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const ready = this.waiters.filter((w) => w.uri === p.uri && w.version === p.version);
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(p);
    });
    this.connection.onNotification('window/logMessage', (m: { message: string }) => {
      if (INCIDENT.test(m.message)) this.incident(`log: ${m.message.slice(0, 2000)}`);
    });
    this.connection.onNotification('kindling/previewChanged', () => undefined);
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => this.settings.get(item.scopeUri ?? '') ?? {}));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onError(([err]) => this.incident(`connection error: ${err.message}`));
    this.connection.listen();
  }

  static async start(script: string): Promise<FuzzServer> {
    const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, script, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const server = new FuzzServer(child);
    await within(server.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: VSCODE_LIKE }), 'initialize');
    await server.connection.sendNotification(InitializedNotification.type, {});
    // Schemas load on first use: pay for that here, not in the first fuzzed document's latency.
    for (const [name, languageId, text] of WARM_UP) {
      const uri = pathToFileURL(path.join('/tmp/kindling-fuzz/warm-up', name)).href;
      await within(server.openAndWait(uri, languageId, text, {}), 'warm-up diagnostics');
      await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
    server.take();
    return server;
  }

  private incident(message: string): void {
    this.incidents.push(message);
    // A failed validation publishes nothing: give up on its diagnostics now rather than at the deadline.
    for (const w of this.waiters) w.reject(new Error(message));
    this.waiters = [];
  }

  /** The incidents since the last call. */
  take(): string[] {
    const taken = this.incidents;
    this.incidents = [];
    return taken;
  }

  open(uri: string, languageId: string, text: string, settings: Record<string, unknown>): void {
    this.settings.set(uri, settings);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Opens the document and resolves with its first diagnostics. */
  openAndWait(uri: string, languageId: string, text: string, settings: Record<string, unknown>): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, 1);
    this.open(uri, languageId, text, settings);
    return published;
  }

  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    if (this.exited) return Promise.reject(new Error('server is not running'));
    return new Promise((resolve, reject) => this.waiters.push({ uri, version, resolve, reject }));
  }

  close(uri: string): void {
    this.settings.delete(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  kill(): void {
    this.exited = true;
    this.connection.dispose();
    this.child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    try {
      await within(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      if (!this.exited) this.child.kill();
    }
  }
}

function randomPosition(text: string, rng: Random): Position {
  const lines = text.split(/\r\n|\r|\n/);
  const line = rng.chance(0.05) ? lines.length + rng.int(3) : rng.int(lines.length);
  const length = lines[line]?.length ?? 0;
  return { line, character: rng.chance(0.1) ? length + rng.int(5) : rng.int(length + 1) };
}

/** A keystroke-sized incremental change, sent as VS Code sends it (a range and new text). */
function typingChange(text: string, rng: Random): { range: { start: Position; end: Position }; text: string } {
  const start = randomPosition(text, rng);
  return { range: { start, end: { line: start.line, character: start.character + rng.int(3) } }, text: rng.pick(['', 'a', ' ', ':', '-', '\n', '"', '\t']) };
}

/** Keeps one server for many documents and starts a new one whenever it dies or hangs. */
export class LspFuzzer {
  private server: FuzzServer | undefined;
  restarts = 0;

  constructor(private readonly script = SERVER_SCRIPT, private readonly slowMs = 1_000) {}

  private async live(): Promise<FuzzServer> {
    if (!this.server || this.server.exited) {
      if (this.server) this.restarts++;
      this.server = await FuzzServer.start(this.script);
    }
    return this.server;
  }

  async stop(): Promise<void> {
    await this.server?.stop().catch(() => undefined);
    this.server = undefined;
  }

  async fuzz(doc: FuzzDocument, rng: Random): Promise<LspOutcome> {
    const server = await this.live();
    const uri = pathToFileURL(path.join('/tmp/kindling-fuzz', String(doc.index), doc.seed.fileName)).href;
    const problems: string[] = [];
    let slowestMs = 0;
    let requests = 0;
    const timed = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
      // After an exit or a hang the rest of this document is skipped; the exit is the failure.
      if (server.exited) return undefined;
      requests++;
      const started = performance.now();
      try {
        return await within(run(), what);
      } catch (err) {
        if (err instanceof Timeout) server.kill();
        problems.push(err instanceof Timeout ? err.message : `${what}: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      } finally {
        const ms = performance.now() - started;
        slowestMs = Math.max(slowestMs, ms);
        if (ms > this.slowMs) problems.push(`${what} took ${ms.toFixed(0)} ms`);
      }
    };
    const previewed = rng.chance(0.2);
    if (previewed) void server.connection.sendNotification(SET_PREVIEWED_NOTIFICATION, { uris: [uri] });
    const settings = { filesDir: doc.seed.filesDir ?? '', strict: rng.chance(0.2), pretty: rng.chance(0.5) };
    const languageId = LANGUAGE_IDS[doc.seed.languageId];
    // Plain YAML or JSON (a mutation can make a config unrecognisable) gets no diagnostics at all.
    const served = detectDialect(fileURLToPath(uri), doc.text, { languageId }) !== undefined;
    const published = served ? await timed('diagnostics after didOpen', () => server.openAndWait(uri, languageId, doc.text, settings)) : server.open(uri, languageId, doc.text, settings);
    let diagnostics: Diagnostic[] = published?.diagnostics ?? [];
    if (published && rng.chance(0.3)) {
      const change = typingChange(doc.text, rng);
      void server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [change] });
      const republished = await timed('diagnostics after didChange', () => server.diagnostics(uri, 2));
      diagnostics = republished?.diagnostics ?? [];
    }
    for (const d of diagnostics) {
      if (d.code === 'kindling/internal') problems.push(`published: ${d.message}`);
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      if (message.length > LONGEST_MESSAGE) problems.push(`published: a ${message.length}-character message for ${String(d.code)}`);
    }
    if (!server.exited) {
      const textDocument = { uri };
      // After a change, positions still come from the original text: they stay valid requests.
      const basis = doc.text;
      for (let i = 0; i < 2; i++) {
        const position = randomPosition(basis, rng);
        const context = rng.chance(0.3) ? { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: ' ' } : { triggerKind: CompletionTriggerKind.Invoked };
        await timed(`completion@${position.line}:${position.character}`, () => server.connection.sendRequest(CompletionRequest.type, { textDocument, position, context }));
        const at = randomPosition(basis, rng);
        await timed(`hover@${at.line}:${at.character}`, () => server.connection.sendRequest(HoverRequest.type, { textDocument, position: at }));
      }
      await timed('documentSymbol', () => server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }));
      await timed('foldingRange', () => server.connection.sendRequest(FoldingRangeRequest.type, { textDocument }));
      // Some clients drop `data`: the server then looks the fix up again.
      const sent = diagnostics.slice(0, 20).map((d) => (rng.chance(0.3) ? { ...d, data: undefined } : d));
      const range = { start: { line: 0, character: 0 }, end: randomPosition(basis, rng) };
      await timed('codeAction', () => server.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: sent } }));
      await timed('kindling/transpile', () => server.connection.sendRequest(TRANSPILE_REQUEST, { uri, pretty: rng.chance(0.5) ? undefined : rng.chance(0.5) }));
      server.close(uri);
      if (previewed) void server.connection.sendNotification(SET_PREVIEWED_NOTIFICATION, { uris: [] });
    }
    problems.push(...server.take());
    return { problems, slowestMs, requests };
  }
}
