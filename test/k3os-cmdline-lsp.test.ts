/** `kindling/kernelCommandLine` through the real language server. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { KERNEL_COMMAND_LINE_REQUEST, KernelCommandLineResult } from '../server/src/protocol';
import { Client } from './lspClient';

const LIMIT = { timeout: 30_000 };
const CONFIG = 'hostname: node1\nk3os:\n  dns_nameservers: [1.1.1.1, 8.8.8.8]\n  sysctls:\n    kernel.printk: "4 4 1 7"\n  install:\n    silent: true\n';

test('kindling/kernelCommandLine renders the open k3OS document, with warnings placed; refuses other YAML and configs with errors', LIMIT, async () => {
  const client = await Client.start();
  const uri = 'file:///site/k3os/config.yaml';
  await client.open(uri, CONFIG, 'yaml');
  const result = await client.connection.sendRequest<KernelCommandLineResult>(KERNEL_COMMAND_LINE_REQUEST, { uri });
  assert.equal(result.ok, true, JSON.stringify(result.problems));
  assert.equal(result.line, 'hostname=node1 k3os.dns_nameservers=1.1.1.1 k3os.dns_nameservers=8.8.8.8 k3os.install.silent=true');
  assert.deepEqual(result.words?.length, 4);
  assert.deepEqual(result.warnings.map((w) => [w.line, w.character, w.severity]), [[4, 4, 'warning']]);
  assert.match(result.warnings[0].message, /`kernel\.printk` in `k3os\.sysctls` is left out/);

  // The analysis of the current version: an edit is seen.
  await client.change(uri, 2, [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 15 } }, text: 'node2' }]);
  const changed = await client.connection.sendRequest<KernelCommandLineResult>(KERNEL_COMMAND_LINE_REQUEST, { uri });
  assert.match(changed.line!, /^hostname=node2 /);

  // Plain YAML gets no diagnostics to wait for: just open it.
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: 'untitled:compose.yaml', languageId: 'yaml', version: 1, text: 'services:\n  web:\n    image: nginx\n' },
  });
  const other = await client.connection.sendRequest<KernelCommandLineResult>(KERNEL_COMMAND_LINE_REQUEST, { uri: 'untitled:compose.yaml' });
  assert.equal(other.ok, false);
  assert.match(other.problems[0].message, /Not a k3OS config/);

  const bad = 'file:///site/k3os/bad.yaml';
  await client.open(bad, 'k3os:\n  token: t\nwrite_files:\n  - path: /x\n    permissions: 0644\n', 'yaml');
  const refused = await client.connection.sendRequest<KernelCommandLineResult>(KERNEL_COMMAND_LINE_REQUEST, { uri: bad });
  assert.equal(refused.ok, false);
  assert.deepEqual(refused.problems.map((p) => [p.line, p.severity]), [[4, 'error']]);

  const missing = await client.connection.sendRequest<KernelCommandLineResult>(KERNEL_COMMAND_LINE_REQUEST, { uri: 'file:///nowhere.yaml' });
  assert.match(missing.problems[0].message, /not open/);
  assert.equal(await client.stop(), 0);
});
