/**
 * Translation through the real language server over stdio: `kindling/transpile`, the preview
 * pushes (`kindling/setPreviewed` → `kindling/previewChanged`) with stale output after an
 * error, and the code lenses. Every wait is on a message, never on a timer.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CodeLens, CodeLensRequest, DidChangeConfigurationNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import {
  PREVIEW_CHANGED_NOTIFICATION, SET_PREVIEWED_NOTIFICATION, TRANSPILE_REQUEST, TranspileParams, TranspileResult,
} from '../server/src/protocol';
import { BUTANE_VECTORS } from './helpers';
import { Client } from './lspClient';

const LIMIT = { timeout: 30_000 };
const CONFIG = 'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /etc/hostname\n      mode: 0644\n      contents:\n        inline: node1\n';
/** Line 5 of CONFIG, `      mode: 0644`: replacing the value with a string is an error. */
const MODE_VALUE = { start: { line: 5, character: 12 }, end: { line: 5, character: 16 } };
const WITH_CODE_LENSES = { initializationOptions: { transpileCommands: true } };

/** Records every preview push; `next` resolves with the first one for `uri` at `version` or later. */
class Pushes {
  readonly all: TranspileResult[] = [];
  private waiters: { uri: string; version: number; resolve(r: TranspileResult): void }[] = [];

  constructor(client: Client) {
    client.connection.onNotification(PREVIEW_CHANGED_NOTIFICATION, (r: TranspileResult) => {
      this.all.push(r);
      const ready = this.waiters.filter((w) => w.uri === r.uri && (r.version ?? -1) >= w.version);
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(r);
    });
  }

  next(uri: string, version: number): Promise<TranspileResult> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }
}

function transpileRequest(client: Client, params: TranspileParams): Promise<TranspileResult> {
  return client.connection.sendRequest<TranspileResult>(TRANSPILE_REQUEST, params);
}

/** YAML that is not Butane gets no diagnostics, so `client.open` would wait forever. */
function openPlainYaml(client: Client): Promise<void> {
  return client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: 'untitled:plain.yaml', languageId: 'yaml', version: 1, text: 'name: not butane\n' },
  });
}

function vector(name: string): { uri: string; text: string; expected: string } | undefined {
  const dir = path.join(BUTANE_VECTORS, name);
  if (!fs.existsSync(dir)) return undefined;
  return {
    uri: pathToFileURL(path.join(dir, 'input.bu')).href,
    text: fs.readFileSync(path.join(dir, 'input.bu'), 'utf8'),
    expected: fs.readFileSync(path.join(dir, 'expected.ign'), 'utf8'),
  };
}

test("kindling/transpile returns butane's exact output, compact or pretty", LIMIT, async (t) => {
  const compact = vector('min-fcos-1.6.0-nonpretty');
  const pretty = vector('min-fcos-1.6.0-quoted-version');
  if (!compact || !pretty) return t.skip(`golden vectors not found under ${BUTANE_VECTORS}`);
  const client = await Client.start();
  client.settings = { strict: true }; // both vectors ran with --strict
  await client.open(compact.uri, compact.text);
  const result = await transpileRequest(client, { uri: compact.uri, pretty: false });
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  assert.equal(result.version, 1);
  assert.equal(result.format, 'json');
  assert.equal(result.ignitionVersion, '3.5.0');
  assert.equal(result.output, compact.expected);
  assert.deepEqual(result.problems, []);
  assert.equal(result.strict, true);

  await client.open(pretty.uri, pretty.text);
  const indented = await transpileRequest(client, { uri: pretty.uri });
  assert.equal(indented.output, pretty.expected, 'without `pretty`, the kindling.pretty setting (default on) applies');
  assert.equal(await client.stop(), 0);
});

test('the preview is pushed for previewed documents only, and keeps the last good output marked stale', LIMIT, async () => {
  const client = await Client.start();
  const pushes = new Pushes(client);
  const uri = 'untitled:preview.bu';
  const other = 'untitled:not-previewed.bu';
  await client.open(uri, CONFIG);
  await client.open(other, CONFIG);

  const first = pushes.next(uri, 1);
  await client.connection.sendNotification(SET_PREVIEWED_NOTIFICATION, { uris: [uri] });
  const good = await first;
  assert.equal(good.ok, true);
  assert.equal(good.version, 1);
  assert.match(good.output!, /"path": "\/etc\/hostname"/);

  // An edit to a document without a preview is not translated: its push would come first.
  await client.change(other, 2, [{ range: MODE_VALUE, text: '"x"' }]);
  const broken = pushes.next(uri, 2);
  await client.change(uri, 2, [{ range: MODE_VALUE, text: '"x"' }]);
  const stale = await broken;
  assert.deepEqual(pushes.all.map((r) => r.uri), [uri, uri], 'nothing pushed for the document without a preview');
  assert.equal(stale.ok, false);
  assert.equal(stale.version, 2);
  assert.equal(stale.output, undefined);
  assert.deepEqual(stale.stale, { output: good.output, version: 1, format: 'json' });
  assert.ok(stale.problems.length > 0 && stale.problems.every((p) => p.severity === 'error'));
  assert.deepEqual([stale.problems[0].line, stale.problems[0].character], [5, 12], 'problems point at the value');

  const requested = await transpileRequest(client, { uri });
  assert.deepEqual(requested, stale, 'the request answers from the same translation');

  const fixed = pushes.next(uri, 3);
  await client.change(uri, 3, [{ range: { start: MODE_VALUE.start, end: { line: 5, character: 15 } }, text: '0600' }]);
  const again = await fixed;
  assert.equal(again.ok, true);
  assert.equal(again.stale, undefined);
  assert.match(again.output!, /"mode": 384/);

  // No longer previewed: edits are not translated any more.
  await client.connection.sendNotification(SET_PREVIEWED_NOTIFICATION, { uris: [] });
  await client.change(uri, 4, [{ range: MODE_VALUE, text: '0644' }]); // resolves with version 4's diagnostics
  assert.equal((await transpileRequest(client, { uri })).version, 4, 'a request still translates it');
  assert.equal(pushes.all.length, 3);
  assert.equal(await client.stop(), 0);
});

test('without a good output there is no stale one; strict makes warnings block; unknown documents explain', LIMIT, async () => {
  const client = await Client.start();
  const uri = 'untitled:never-good.bu';
  await client.open(uri, CONFIG.replace('0644', '"rw"'));
  const never = await transpileRequest(client, { uri });
  assert.equal(never.ok, false);
  assert.equal(never.stale, undefined);
  assert.ok(never.problems.length > 0);

  const warned = 'untitled:warned.bu';
  await client.open(warned, `${CONFIG}  filez: []\n`);
  const relaxed = await transpileRequest(client, { uri: warned });
  assert.equal(relaxed.ok, true, 'warnings alone do not block');
  assert.deepEqual(relaxed.problems.map((p) => [p.severity, p.code]), [['warning', 'butane/unused-key']]);
  client.settings = { strict: true };
  const republished = client.diagnostics(warned);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  await republished;
  const strict = await transpileRequest(client, { uri: warned });
  assert.equal(strict.ok, false);
  assert.equal(strict.strict, true);
  assert.equal(strict.stale?.version, 1, 'the output from before strict was switched on is kept as stale');

  const closed = await transpileRequest(client, { uri: 'untitled:never-opened.bu' });
  assert.equal(closed.ok, false);
  assert.equal(closed.version, null);
  assert.match(closed.problems[0].message, /not open/);
  await openPlainYaml(client);
  const plain = await transpileRequest(client, { uri: 'untitled:plain.yaml' });
  assert.equal(plain.ok, false);
  assert.match(plain.problems[0].message, /Not a Butane config/);
  assert.ok(client.alive());
  assert.equal(await client.stop(), 0);
});

test('code lenses at the top of Butane documents, for clients that implement the commands', LIMIT, async () => {
  const plainClient = await Client.start();
  assert.equal(plainClient.initialized.capabilities.codeLensProvider, undefined, 'other editors lack kindling.openPreview');
  assert.equal(await plainClient.stop(), 0);

  const client = await Client.start(WITH_CODE_LENSES);
  assert.deepEqual(client.initialized.capabilities.codeLensProvider, { resolveProvider: false });
  const uri = 'untitled:lenses.bu';
  await client.open(uri, CONFIG);
  const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.range.end.line, l.command?.command, l.command?.arguments]), [
    [0, 0, 'kindling.openPreview', [uri]],
    [0, 0, 'kindling.transpile', [uri]],
  ]);
  assert.deepEqual(lenses.map((l) => l.command?.title), ['Open Ignition Preview', 'Transpile to Ignition']);

  await openPlainYaml(client);
  assert.equal(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: 'untitled:plain.yaml' } }), null);

  client.settings = { codeLens: { enable: false } };
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), [], 'kindling.codeLens.enable: false');
  assert.equal(await client.stop(), 0);
});
