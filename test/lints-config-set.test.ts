/** k3s/cluster-init-twice: the configs of one folder are one cluster; only one server may start it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, configSetFindings, Dialect, SetMember } from '../engine/index';
import { DidCloseTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { Client } from './lspClient';
import { runCli } from './helpers';

const unit = (exec: string): string => `variant: flatcar
version: 1.1.0
systemd:
  units:
    - name: k3s-install.service
      enabled: true
      contents: |
        [Unit]
        Wants=network-online.target
        After=network-online.target
        ConditionPathExists=!/opt/bin/k3s
        [Service]
        Type=oneshot
        Environment="INSTALL_K3S_EXEC=${exec}"
        Environment="INSTALL_K3S_BIN_DIR=/opt/bin"
        Environment="INSTALL_K3S_SKIP_SELINUX_RPM=true"
        Environment="K3S_TOKEN=cluster-a-secret"
        ExecStart=/usr/bin/sh -c "curl -sfL https://get.k3s.io | sh -"
        [Install]
        WantedBy=multi-user.target
`;
const CONFIG_FILE = `variant: fcos
version: 1.5.0
storage:
  files:
    - path: /etc/rancher/k3s/config.yaml
      contents:
        inline: |
          cluster-init: true
          token: cluster-a-secret
          tls-san: [k3s.example.internal]
`;
const K3OS = 'k3os:\n  token: cluster-a-secret\n  k3s_args:\n    - server\n    - --cluster-init\n';

function member(name: string, text: string, dialect: Dialect = 'butane', rules?: Record<string, string>): SetMember & { text: string; rules?: Record<string, string> } {
  return { name, view: analyze(text, { dialect }).domain, text, rules };
}

function findings(self: ReturnType<typeof member>, ...others: ReturnType<typeof member>[]): string[] {
  return configSetFindings(self, others, self.rules).map((d) => self.text.slice(d.range.start, d.range.end));
}

test('two servers with --cluster-init in one set: each is told, at its own --cluster-init', () => {
  const first = member('server-1.bu', unit('server --cluster-init'));
  const second = member('server-2.bu', CONFIG_FILE);
  const third = member('server-3.yaml', K3OS, 'k3os');
  assert.deepEqual(findings(first, second), ['--cluster-init']);
  assert.deepEqual(findings(second, first), ['cluster-init']);
  assert.deepEqual(findings(third, first), ['--cluster-init']);
  const d = configSetFindings(first, [second, third])[0];
  assert.equal(d.code, 'k3s/cluster-init-twice');
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /and so does `server-2.bu`, `server-3.yaml` with the same token in this folder.*server: https:\/\/<first server>:6443/);
  // Via the environment too.
  assert.deepEqual(findings(member('env.bu', unit('server').replace('Type=oneshot', 'Type=oneshot\n        Environment=K3S_CLUSTER_INIT=true')), first), ['K3S_CLUSTER_INIT']);
});

test('servers of different clusters (other tokens) may each start their own', () => {
  const first = member('server-1.bu', unit('server --cluster-init'));
  const other = member('other.bu', CONFIG_FILE.replace('cluster-a-secret', 'cluster-b-secret'));
  const untokened = member('plain.bu', CONFIG_FILE.replace('          token: cluster-a-secret\n', ''));
  assert.deepEqual(findings(first, other, untokened), []);
  assert.deepEqual(findings(untokened, first), []);
});

test('one initialising server, joiners and agents are a healthy set', () => {
  const first = member('server-1.bu', unit('server --cluster-init'));
  const joiner = member('server-2.bu', unit('server --server https://10.0.0.10:6443'));
  const agent = member('agent.bu', unit('agent --cluster-init'));
  const off = member('off.bu', CONFIG_FILE.replace('cluster-init: true', 'cluster-init: false'));
  const k3osAgent = member('agent.yaml', 'k3os:\n  k3s_args: [agent, --cluster-init]\n', 'k3os');
  assert.deepEqual(findings(first, joiner, agent, off, k3osAgent), []);
  assert.deepEqual(findings(joiner, first), []);
  assert.deepEqual(findings(first), []);
});

test('the set finding honours levels and suppression comments', () => {
  const second = member('server-2.bu', CONFIG_FILE);
  assert.deepEqual(findings(member('server-1.bu', unit('server --cluster-init'), 'butane', { 'k3s/cluster-init-twice': 'off' }), second), []);
  const silenced = unit('server --cluster-init').replace('      contents: |', '      # kindling-disable-next-line k3s/cluster-init-twice\n      contents: |');
  assert.deepEqual(findings(member('server-1.bu', silenced), second), []);
});

test('kindling check treats the files of one folder as a set', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-set-'));
  fs.writeFileSync(path.join(dir, 'server-1.bu'), unit('server --cluster-init'));
  fs.writeFileSync(path.join(dir, 'server-2.bu'), CONFIG_FILE);
  fs.mkdirSync(path.join(dir, 'other'));
  fs.writeFileSync(path.join(dir, 'other', 'server-3.bu'), unit('server --cluster-init'));
  const r = runCli(['check', dir]);
  const lines = r.stdout.trim().split('\n').filter((l) => l.includes('[k3s/cluster-init-twice]'));
  assert.deepEqual(lines.map((l) => path.relative(dir, l.split(':')[0])), ['server-1.bu', 'server-2.bu']);
  assert.match(lines[0], /server-1\.bu:14:\d+: warning: .*`server-2\.bu`/);
});

const setFindings = (p: { diagnostics: { code?: string | number; range: { start: { line: number } } }[] }): [unknown, number][] =>
  p.diagnostics.filter((d) => d.code === 'k3s/cluster-init-twice').map((d) => [d.code, d.range.start.line]);

test('the language server checks the open configs of a folder as a set, and updates them together', { timeout: 30_000 }, async () => {
  const client = await Client.start();
  const one = await client.open('file:///site/cluster/server-1.bu', unit('server --cluster-init'), 'butane');
  assert.deepEqual(setFindings(one), []);
  // Opening the second file re-checks the first.
  const recheck = client.diagnostics('file:///site/cluster/server-1.bu');
  const two = await client.open('file:///site/cluster/server-2.bu', CONFIG_FILE, 'butane');
  assert.deepEqual(setFindings(two), [['k3s/cluster-init-twice', 7]]);
  const again = await recheck;
  assert.deepEqual(setFindings(again), [['k3s/cluster-init-twice', 13]]);
  const elsewhere = await client.open('file:///site/other/server-3.bu', unit('server --cluster-init'), 'butane');
  assert.deepEqual(setFindings(elsewhere), [], 'another folder is another set');
  assert.equal(await client.stop(), 0);
});

test('the language server re-checks the other configs of a folder only when their set findings can change', { timeout: 30_000 }, async () => {
  const client = await Client.start();
  const [first, second, plain] = ['server-1.bu', 'server-2.bu', 'hostname.bu'].map((n) => `file:///site/cluster/${n}`);
  const PLAIN = (host: string) => `variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /etc/hostname\n      contents:\n        inline: ${host}\n`;
  const publishedFor = (uri: string, since: number) => client.published.slice(since).filter((p) => p.uri === uri).length;
  /** The next diagnostics of `uri` whose set findings are `expected`, after `act` (earlier ones are skipped). */
  const setFindingsOf = async (uri: string, expected: [unknown, number][], act: () => unknown): Promise<void> => {
    let next = client.diagnostics(uri);
    act();
    while (JSON.stringify(setFindings(await next)) !== JSON.stringify(expected)) next = client.diagnostics(uri);
  };
  await client.open(first, unit('server --cluster-init'));
  await setFindingsOf(first, [['k3s/cluster-init-twice', 13]], () => client.open(second, CONFIG_FILE));
  await client.open(plain, PLAIN('node1'));

  // Typing in the plain config republishes only it: nothing the others' set findings read changed.
  const mark = client.published.length;
  for (let version = 2; version <= 4; version++) await client.change(plain, version, [{ text: PLAIN(`node${version}`) }]);
  // Then server-2 stops initialising its cluster: server-1's finding goes, in its one new publish.
  await setFindingsOf(first, [], () => client.change(second, 2, [{ text: CONFIG_FILE.replace('cluster-init: true', 'cluster-init: false') }]));
  assert.equal(publishedFor(plain, mark), 3);
  assert.equal(publishedFor(second, mark), 1, 'server-2 is not re-checked for the plain config');
  assert.equal(publishedFor(first, mark), 1, 'server-1 is re-checked once, for server-2');

  // --cluster-init back: the finding returns; another token: it goes again; back and closed: gone.
  await setFindingsOf(first, [['k3s/cluster-init-twice', 13]], () => client.change(second, 3, [{ text: CONFIG_FILE }]));
  await setFindingsOf(first, [], () => client.change(second, 4, [{ text: CONFIG_FILE.replace('cluster-a-secret', 'cluster-b-secret') }]));
  await setFindingsOf(first, [['k3s/cluster-init-twice', 13]], () => client.change(second, 5, [{ text: CONFIG_FILE }]));
  await setFindingsOf(first, [], () => client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: second } }));
  assert.equal(await client.stop(), 0);
});
