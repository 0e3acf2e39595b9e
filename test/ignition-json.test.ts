/** Ignition JSON configs: checked by the engine, the CLI and the language server; the OS they are for from settings or flags. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { TRANSPILE_REQUEST, TranspileResult } from '../server/src/protocol';
import { analyze, resolveIgnitionOs } from '../engine/index';
import { Client } from './lspClient';
import { assertUsageError, runCli } from './helpers';

const LIMIT = { timeout: 30_000 };
const LOCAL_BIN = JSON.stringify({ ignition: { version: '3.4.0' }, storage: { files: [{ path: '/usr/local/bin/tool', mode: 493 }] } }, null, 2);
const USR_LIB = '{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "/usr/lib/tool", "mode": 420, "bogus": 1}]}}';

const codes = (text: string, options: Parameters<typeof analyze>[1]): string[] => analyze(text, options).diagnostics.map((d) => d.code);

test('Ignition JSON is validated against its spec version and read by the domain rules', () => {
  assert.deepEqual(codes(USR_LIB, { dialect: 'ignition' }), ['paths/read-only-usr', 'ignition/schema']);
  const d = analyze(USR_LIB, { dialect: 'ignition' }).diagnostics;
  assert.equal(USR_LIB.slice(d[0].range.start, d[0].range.end), '"/usr/lib/tool"');
  assert.equal(USR_LIB.slice(d[1].range.start, d[1].range.end), '"bogus"');
  assert.deepEqual(codes('{"storage": {}}', { dialect: 'ignition' }), ['ignition/version']);
  // /usr/local is writable on Fedora CoreOS, not on Flatcar: without a hint only the common part is reported.
  assert.deepEqual(codes(LOCAL_BIN, { dialect: 'ignition' }), []);
  assert.deepEqual(codes(LOCAL_BIN, { dialect: 'ignition', ignitionOs: 'ostree' }), []);
  assert.deepEqual(codes(LOCAL_BIN, { dialect: 'ignition', ignitionOs: 'flatcar' }), ['paths/read-only-usr']);
  const v2 = JSON.stringify({ ignition: { version: '2.3.0' }, storage: { files: [{ filesystem: 'root', path: '/usr/local/bin/tool', mode: 493 }] } });
  assert.deepEqual(codes(v2, { dialect: 'ignition' }), ['paths/read-only-usr'], 'spec 2.x is Flatcar');
  // The quick fix rewrites the JSON string as JSON.
  const fix = analyze(LOCAL_BIN, { dialect: 'ignition', ignitionOs: 'flatcar' }).diagnostics[0].fixes![0];
  assert.deepEqual(fix.edits.map((e) => e.newText), ['"/opt/bin/tool"']);
});

test('kindling.ignition.os patterns name the OS; unknown names are ignored', () => {
  assert.equal(resolveIgnitionOs('/site/flatcar/node.ign', { '**/flatcar/*.ign': 'flatcar' }), 'flatcar');
  assert.equal(resolveIgnitionOs('/site/fcos/node.ign', { '**/flatcar/*.ign': 'flatcar', '**/fcos/*.ign': 'fcos' }), 'ostree');
  assert.equal(resolveIgnitionOs('/site/x/node.ign', { '**/x/*.ign': 'windows' }), undefined);
});

test('kindling check reads .ign files, --ignition-os and repeatable --rule', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-ign-'));
  const file = path.join(dir, 'node.ign');
  fs.writeFileSync(file, LOCAL_BIN);
  assert.equal(runCli(['check', file]).status, 0);
  const flatcar = runCli(['check', '--ignition-os', 'flatcar', dir]);
  assert.equal(flatcar.status, 1);
  assert.match(flatcar.stdout, /node\.ign:8:\d+: error: .*\/usr\/local\/bin\/tool.*\[paths\/read-only-usr\]/);
  const downgraded = runCli(['check', '--ignition-os=flatcar', '--rule', 'paths/read-only-usr=warning', file]);
  assert.equal(downgraded.status, 0);
  assert.match(downgraded.stdout, /warning: .*\[paths\/read-only-usr\]/);
  const off = runCli(['check', '--ignition-os', 'flatcar', '--rule', 'k3os/token-format=hint', '--rule', 'paths/read-only-usr=off', file]);
  assert.deepEqual([off.status, off.stdout], [0, '']);
  for (const [args, message] of [
    [['--ignition-os', 'windows'], /--ignition-os must be one of flatcar, fcos/],
    [['--rule', 'paths/read-only-usr'], /--rule takes ID=LEVEL/],
    [['--rule', 'butane/unused-key=off'], /no Kindling rule "butane\/unused-key"/],
    [['--rule', 'paths/read-only-usr=loud'], /the level must be one of error, warning/],
  ] as const) assertUsageError(['check', ...args, file], message);
});

test('the language server checks .ign documents, with kindling.ignition.os, and offers no translation', LIMIT, async () => {
  const client = await Client.start({ initializationOptions: { transpileCommands: true } });
  client.settings = { ignition: { os: { '**/flatcar/*.ign': 'flatcar' } } };
  const fcos = await client.open('file:///site/fcos/node.ign', LOCAL_BIN, 'json');
  assert.deepEqual(fcos.diagnostics, []);
  const flatcar = await client.open('file:///site/flatcar/node.ign', LOCAL_BIN, 'json');
  assert.deepEqual(flatcar.diagnostics.map((d) => [d.code, d.range.start.line]), [["paths/read-only-usr", 7]]);
  // Hover and completion answer (with nothing Butane-specific) rather than fail.
  await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///site/flatcar/node.ign' }, position: { line: 4, character: 10 } });
  await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: 'file:///site/flatcar/node.ign' }, position: { line: 4, character: 10 } });
  const transpiled = await client.connection.sendRequest<TranspileResult>(TRANSPILE_REQUEST, { uri: 'file:///site/flatcar/node.ign' });
  assert.equal(transpiled.ok, false);
  assert.match(transpiled.problems[0].message, /already an Ignition config/);
  assert.equal(await client.stop(), 0);
});
