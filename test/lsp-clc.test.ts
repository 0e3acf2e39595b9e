/** Container Linux Configs through the real language server: recognition, diagnostics, completion, transpile. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CodeAction, CodeActionRequest, CompletionList, CompletionRequest, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { MIGRATE_REQUEST, MigrateResult, TRANSPILE_REQUEST, TranspileResult } from '../server/src/protocol';
import { Client } from './lspClient';
import { VECTORS } from './helpers';

const LIMIT = { timeout: 30_000 };
const CLC = 'storage:\n  files:\n    - path: etc/motd\n      filesystem: root\n      contents:\n        inline: hi\n';

test('CLC documents get ct diagnostics whether named .clc or recognised in plain YAML; other YAML is left alone', LIMIT, async () => {
  const client = await Client.start();
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: 'untitled:compose.yaml', languageId: 'yaml', version: 1, text: 'services:\n  web:\n    image: nginx\n' },
  });
  const named = await client.open('untitled:node.clc', CLC, 'clc');
  const messages = named.diagnostics.map((d) => d.message);
  assert.ok(messages.includes('mode unspecified for file, defaulting to 0644'), messages.join('\n'));
  const yaml = await client.open('untitled:node.yaml', 'storage:\n  files:\n    - path: etc/motd\n      filesystem: root\n      mode: 0644\n', 'yaml');
  assert.deepEqual(yaml.diagnostics.filter((d) => d.code === 'clc/ignition').map((d) => [d.message, d.range.start.line]), [['path not absolute', 2]]);
  assert.ok(!client.published.some((p) => p.uri === 'untitled:compose.yaml'), 'no diagnostics for YAML that is not a config');

  const completion = (await client.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri: 'untitled:node.clc' },
    position: { line: 3, character: 6 },
  })) as CompletionList;
  assert.ok(completion.items.some((i) => i.label === 'mode'));
  assert.equal(await client.stop(), 0);
});

test('kindling/transpile answers with ct output; kindling.clc.platform and kindling.associations apply', LIMIT, async (t) => {
  const dir = path.join(VECTORS, 'clc', 'clc-etcd-platform-gce');
  if (!fs.existsSync(dir)) return t.skip('CLC vectors not found');
  const client = await Client.start();
  client.settings = { clc: { platform: 'gce' }, associations: { '**/nodes/*.txt': 'clc' } };
  const uri = 'untitled:/site/nodes/etcd.txt';
  const opened = await client.open(uri, fs.readFileSync(path.join(dir, 'input.yaml'), 'utf8'), 'plaintext');
  assert.deepEqual(opened.diagnostics.filter((d) => d.severity === 1), []);
  const result = await client.connection.sendRequest<TranspileResult>(TRANSPILE_REQUEST, { uri, pretty: true });
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  assert.equal(result.ignitionVersion, '2.3.0');
  assert.equal(result.output, fs.readFileSync(path.join(dir, 'expected.ign'), 'utf8'));
  assert.equal(await client.stop(), 0);
});

test('kindling/migrate returns the Butane for a CLC, refuses a CLC ct rejects; the deprecation note offers it', LIMIT, async () => {
  const client = await Client.start({ initializationOptions: { transpileCommands: true } });
  const good = await client.open('untitled:good.clc', 'systemd:\n  units:\n    - name: a.service\n      enable: true\n      contents: "[Service]\\nExecStart=/bin/true\\n[Install]\\nWantedBy=multi-user.target\\n"\n', 'clc');
  const migrated = await client.connection.sendRequest<MigrateResult>(MIGRATE_REQUEST, { uri: 'untitled:good.clc' });
  assert.equal(migrated.ok, true, JSON.stringify(migrated.problems));
  assert.match(migrated.butane!, /^variant: flatcar\nversion: 1\.1\.0\n/m);
  assert.match(migrated.butane!, /enabled: true/);
  const note = good.diagnostics.find((d) => d.code === 'clc/deprecated-format')!;
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: 'untitled:good.clc' }, range: note.range, context: { diagnostics: [note] } })) as CodeAction[];
  assert.deepEqual(actions.map((a) => a.command?.command), ['kindling.migrate']);

  await client.open('untitled:bad.clc', CLC.replace('etc/motd', 'etc/motd\n      mode: 0644'), 'clc');
  const refused = await client.connection.sendRequest<MigrateResult>(MIGRATE_REQUEST, { uri: 'untitled:bad.clc' });
  assert.equal(refused.ok, false);
  assert.deepEqual(refused.problems.map((p) => p.message), ['path not absolute']);
  assert.equal(await client.stop(), 0);
});
