/** k3OS configs through the real language server: recognition, sources from settings, hover, no Ignition features. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CodeLensRequest, CompletionList, CompletionRequest, Hover, HoverRequest, MarkupContent } from 'vscode-languageserver-protocol/node';
import { TRANSPILE_REQUEST, TranspileResult } from '../server/src/protocol';
import { Client } from './lspClient';

const LIMIT = { timeout: 30_000 };
const CONFIG = 'init_cmd:\n  - echo hi\nk3os:\n  password: $6$abc\n  \n';

test('k3OS configs in plain YAML get k3OS diagnostics; kindling.k3os.source decides the phases', LIMIT, async () => {
  const client = await Client.start({ initializationOptions: { transpileCommands: true } });
  client.settings = { k3os: { source: { '**/cloud/*.yaml': 'userdata' } } };
  const system = await client.open('file:///site/nodes/config.yaml', CONFIG, 'yaml');
  assert.deepEqual(system.diagnostics, []);
  const userdata = await client.open('file:///site/cloud/node1.yaml', CONFIG, 'yaml');
  assert.deepEqual(userdata.diagnostics.map((d) => [d.code, d.range.start.line]), [['k3os/phase-invalid-key', 0]]);
  assert.match(userdata.diagnostics[0].message as string, /never applied from cloud userdata/);
  const local = await client.open('file:///img/var/lib/rancher/k3os/config.yaml', CONFIG, 'yaml');
  assert.deepEqual(local.diagnostics.map((d) => d.code), ['k3os/phase-invalid-key'], 'the path names the local config');

  const hovered = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///site/cloud/node1.yaml' }, position: { line: 3, character: 4 } })) as Hover;
  assert.match((hovered.contents as MarkupContent).value, /From cloud userdata: applied in runtime/);
  const completion = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: 'file:///site/nodes/config.yaml' }, position: { line: 4, character: 2 } })) as CompletionList;
  assert.ok(completion.items.some((i) => i.label === 'server_url'));

  // No Ignition here: no lenses, and the transpile request says why.
  assert.equal(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: 'file:///site/nodes/config.yaml' } }), null);
  const transpiled = await client.connection.sendRequest<TranspileResult>(TRANSPILE_REQUEST, { uri: 'file:///site/nodes/config.yaml' });
  assert.equal(transpiled.ok, false);
  assert.match(transpiled.problems[0].message, /no Ignition config/);
  assert.equal(await client.stop(), 0);
});

test('kindling.rules re-grades or turns off Kindling rules in the editor', LIMIT, async () => {
  const client = await Client.start();
  client.settings = { rules: { 'k3os/clear-text-password': 'error', 'k3os/token-format': 'off', 'secrets/clear-text-token': 'off' } };
  const opened = await client.open('file:///site/k3os/config.yaml', 'k3os:\n  password: hunter2\n  token: secret\n', 'yaml');
  assert.deepEqual(opened.diagnostics.map((d) => [d.code, d.severity]), [['k3os/clear-text-password', 1]]);
  assert.equal(await client.stop(), 0);
});
