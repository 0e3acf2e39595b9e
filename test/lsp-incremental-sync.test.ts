/**
 * Incremental sync against the real server: 10,000 seeded random edits sent as didChange
 * (several changes per notification, applied in order) leave the server with exactly the
 * client's text, and with the diagnostics a fresh open of that text gets. The client's
 * reference is vscode-languageserver-textdocument's TextDocument.update, what the server's
 * TextDocuments uses too; what is under test is everything after it: versions, same-tick
 * coalescing, and the incremental re-analysis that patches the previous parse.
 *
 * No request returns a document's text, but kindling/bootPayload hands a k3OS config back
 * verbatim: the exact-text check turns the whole document into comments under a
 * `# kindling: k3os` modeline (syncEdits' commentedOut), asks for it, and undoes that.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { Diagnostic, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { BOOT_PAYLOAD_REQUEST, BootPayloadParams, BootPayloadResult } from '../server/src/protocol';
import { BUTANE_VECTORS, ROOT, VECTORS } from './helpers';
import { Client } from './lspClient';
import { commentedOut, EditGenerator, ModelDocument, RangeChange } from './syncEdits';
import { Random } from './random';

const EDITS = 10_000;
/** Fixed, so runs are comparable; KINDLING_SYNC_SEED explores other sequences. */
const SEED = Number(process.env.KINDLING_SYNC_SEED ?? 0x5eed10);
/** Edits between two comparisons with a fresh open. */
const CHECK_EVERY = 25;
/** Comparisons between two checks of the exact text (each costs two notifications and a request). */
const TEXT_CHECK_EVERY = 8;
/** How long one answer may take before the server counts as hung (an answer normally takes milliseconds). */
const ANSWER_LIMIT_MS = 20_000;
const SERVER = [path.join(__dirname, '..', 'server', 'src', 'server.js'), '--stdio'];

interface Source {
  /** Path under the document's folder: the file name decides the dialect as it would in an editor. */
  name: string;
  languageId: string;
  file: string;
}

const SOURCES: Source[] = [
  { name: 'k3s-server.bu', languageId: 'butane', file: path.join(ROOT, 'examples', 'k3s-server-fcos.bu') },
  { name: 'k3os/config.yaml', languageId: 'yaml', file: path.join(ROOT, 'examples', 'k3os', 'config.yaml') },
  { name: 'users.bu', languageId: 'butane', file: path.join(BUTANE_VECTORS, 'passwd-users-all-fields', 'input.bu') },
  { name: 'units.bu', languageId: 'butane', file: path.join(BUTANE_VECTORS, 'systemd-units-enabled-mask-dropins', 'input.bu') },
  { name: 'encodings.bu', languageId: 'butane', file: path.join(BUTANE_VECTORS, 'files-inline-encoding-choice', 'input.bu') },
  { name: 'agent.clc', languageId: 'clc', file: path.join(VECTORS, 'clc', 'clc-k3s-agent-templated', 'input.yaml') },
  { name: 'units.ign', languageId: 'json', file: path.join(BUTANE_VECTORS, 'systemd-units-enabled-mask-dropins', 'expected.ign') },
];

/** Sends one didChange; when `await`ed, resolves with the diagnostics published for exactly that version. */
function sendChange(client: Client, model: ModelDocument, changes: RangeChange[], awaitDiagnostics: boolean): Promise<Diagnostic[]> | undefined {
  const uri = model.document.uri;
  const version = ++model.version;
  if (awaitDiagnostics) return client.change(uri, version, changes).then((p) => p.diagnostics);
  void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  return undefined;
}

/** Diagnostics of `text` opened fresh, alone in a folder of its own (so no config set), then closed. */
async function freshDiagnostics(client: Client, source: Source, text: string, serial: number): Promise<Diagnostic[]> {
  const uri = `file:///sync/fresh-${serial}/${source.name}`;
  const published = await client.open(uri, text, source.languageId);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  return published.diagnostics;
}

/** The server's answer, or a failure naming what it was busy with: a hung server must leave a replay, not just a test timeout. */
async function answered<T>(answer: Promise<T>, hung: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${hung()} (no answer in ${ANSWER_LIMIT_MS / 1000} s)`)), ANSWER_LIMIT_MS);
  });
  try {
    return await Promise.race([answer, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where the server's text first differs from the client's, for a readable failure. */
function firstDifference(server: string, client: string): string {
  let i = 0;
  while (i < server.length && i < client.length && server[i] === client[i]) i++;
  return `from offset ${i}: server ${JSON.stringify(server.slice(i, i + 24))}, client ${JSON.stringify(client.slice(i, i + 24))}`;
}

/** Writes what replays a failure (the source and every didChange so far) where the assertion message points. */
function saveRepro(source: Source, original: string, batches: RangeChange[][]): string {
  const file = path.join(os.tmpdir(), `kindling-sync-repro-${source.name.replace(/\W/g, '_')}.json`);
  fs.writeFileSync(file, JSON.stringify({ seed: SEED, name: source.name, languageId: source.languageId, original, batches }));
  return file;
}

test('10,000 random incremental edits: the server keeps the client text and a fresh open’s diagnostics', { timeout: 180_000 }, async (t) => {
  const missing = SOURCES.filter((s) => !fs.existsSync(s.file));
  if (missing.length > 0) return t.skip(`golden vectors not found (${missing[0].file}); set KINDLING_VECTORS`);
  const client = await Client.start({ command: SERVER });
  // A fixed files-dir (absent) instead of each document's folder: local-file findings name the same path for both copies.
  client.settings = { associations: { '**/k3os/config.yaml': 'k3os' }, filesDir: path.join(os.tmpdir(), 'kindling-sync-no-files') };
  const random = new Random(SEED);
  const edits = new EditGenerator(random);
  const kinds = { typing: 0, replacement: 0, undo: 0 };
  let freshOpens = 0;
  let checks = 0;
  let textChecks = 0;

  for (const [index, source] of SOURCES.entries()) {
    const budget = Math.floor(EDITS / SOURCES.length) + (index === SOURCES.length - 1 ? EDITS % SOURCES.length : 0);
    const original = fs.readFileSync(source.file, 'utf8');
    const uri = `file:///sync/edited/${source.name}`;
    const model = new ModelDocument(uri, source.languageId, original);
    const batches: RangeChange[][] = [];
    const send = (changes: RangeChange[], awaitDiagnostics: boolean): Promise<Diagnostic[]> | undefined => {
      batches.push(changes);
      return sendChange(client, model, changes, awaitDiagnostics);
    };
    await client.open(uri, original, source.languageId);

    for (let done = 0; done < budget; ) {
      const count = Math.min(random.chance(0.6) ? 1 : 2 + random.int(3), CHECK_EVERY - (done % CHECK_EVERY), budget - done);
      const changes: RangeChange[] = [];
      for (let n = 0; n < count; n++) {
        const { change, kind } = edits.next(model);
        model.apply(change, kind);
        kinds[kind]++;
        changes.push(change);
      }
      done += count;
      const failure = (what: string) => `${source.name} after ${done} edits: ${what}; replay: ${saveRepro(source, original, batches)}`;
      const checkpoint = done % CHECK_EVERY === 0 || done === budget;
      // Unawaited changes reach the server together and are analysed as one (typing fast).
      const publishing = send(changes, checkpoint || random.chance(0.7));
      const published = publishing && (await answered(publishing, () => failure(`no diagnostics for version ${model.version}`)));
      if (!checkpoint) continue;

      const fresh = await answered(freshDiagnostics(client, source, model.text, ++freshOpens), () => failure('no diagnostics for a fresh open'));
      checks++;
      if (!isDeepStrictEqual(published, fresh)) assert.deepEqual(published, fresh, failure('diagnostics differ from a fresh open'));
      if (checks % TEXT_CHECK_EVERY !== 0 && done !== budget) continue;

      const probe = commentedOut(model);
      for (const change of probe) model.apply(change, 'probe');
      send(probe, false);
      const payload = await answered(client.connection.sendRequest<BootPayloadResult>(BOOT_PAYLOAD_REQUEST, { uri } satisfies BootPayloadParams), () => failure('no kindling/bootPayload answer'));
      textChecks++;
      if (payload.content !== model.text) assert.fail(failure(`the server's text differs ${payload.ok ? firstDifference(payload.content ?? '', model.text) : `(${payload.reason})`}`));
      const restore = probe.map(() => model.popUndo());
      for (const change of restore) model.apply(change, 'undo');
      send(restore, false);
    }
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  // Typing is what the server patches incrementally, replacements break the syntax and undos mend it: each must have had its share.
  for (const [kind, count] of Object.entries(kinds)) assert.ok(count >= EDITS / 10, `only ${count} of the ${EDITS} edits were ${kind}`);
  t.diagnostic(`${EDITS} edits (${kinds.typing} typing, ${kinds.replacement} random replacements, ${kinds.undo} undos) in ${SOURCES.length} documents; ${checks} diagnostic comparisons, ${textChecks} exact-text checks`);
  const internal = client.published.flatMap((p) => p.diagnostics).filter((d) => d.code === 'kindling/internal');
  assert.deepEqual([...new Set(internal.map((d) => d.message))], [], 'no check crashed on the edited texts');
  assert.deepEqual(client.logs.filter((m) => / failed/.test(m)), [], 'no handler failed');
  assert.equal(await client.stop(), 0);
});
