/** "Kindling: Boot in QEMU": its editor-free decisions, and the manifest entries it relies on. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { baseImageSetting, bootChoicesFor, consoleHeader, exitMessage, machineSettings, terminalText } from '../client/src/bootChoices';

const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('a config boots the ways its OS can: disk images by fw_cfg name, live ISOs; the last choice first', () => {
  const methods = (payload: Parameters<typeof bootChoicesFor>[0], last?: string) => bootChoicesFor(payload, last).map((c) => c.method);
  assert.deepEqual(methods({ kind: 'ignition', os: 'fcos' }), ['disk-fcos', 'fcos-live-iso']);
  assert.deepEqual(methods({ kind: 'ignition', os: 'fcos' }, 'fcos-live-iso'), ['fcos-live-iso', 'disk-fcos']);
  assert.deepEqual(methods({ kind: 'ignition', os: 'flatcar' }), ['disk-flatcar'], 'Flatcar has no live ISO with an embed area');
  assert.deepEqual(methods({ kind: 'ignition' }), ['disk-fcos', 'disk-flatcar', 'fcos-live-iso'], 'a plain Ignition config may be for either OS');
  assert.deepEqual(methods({ kind: 'k3os' }, 'disk-fcos'), ['k3os-live-iso']);
});

test('each boot method takes its base image from a setting the manifest declares and restricts', () => {
  const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const method of ['disk-fcos', 'disk-flatcar', 'fcos-live-iso', 'k3os-live-iso'] as const) {
    const setting = `kindling.${baseImageSetting(method)}`;
    assert.ok(manifest.contributes.configuration.properties[setting], setting);
    assert.ok(restricted.includes(setting), `${setting} is restricted in untrusted workspaces`);
  }
});

test('machine settings are checked and name the setting that is wrong', () => {
  const defaults = Object.fromEntries(['memory', 'cpus', 'forwards', 'accel'].map((key) => [key, manifest.contributes.configuration.properties[`kindling.boot.${key}`].default]));
  assert.deepEqual(machineSettings(defaults as never), {
    memoryMiB: 2048,
    cpus: 2,
    forwards: [
      { host: 2222, guest: 22 },
      { host: 6443, guest: 6443 },
    ],
    accel: 'auto',
  });
  assert.deepEqual(machineSettings({ memory: 4096, cpus: 4, forwards: [], accel: 'tcg' }), { memoryMiB: 4096, cpus: 4, forwards: [], accel: 'tcg' });
  const problem = (raw: Partial<Record<'memory' | 'cpus' | 'forwards' | 'accel', unknown>>) => {
    const result = machineSettings({ ...defaults, ...raw } as never);
    return 'problem' in result ? result.problem : undefined;
  };
  assert.match(problem({ memory: 100 })!, /^kindling\.boot\.memory .*at least 256 \(it is 100\)/);
  assert.match(problem({ memory: '2G' })!, /kindling\.boot\.memory/);
  assert.match(problem({ cpus: 0 })!, /^kindling\.boot\.cpus/);
  assert.match(problem({ forwards: ['2222'] })!, /"HOST:GUEST".*not "2222"/);
  assert.match(problem({ forwards: ['70000:22'] })!, /not "70000:22"/);
  assert.match(problem({ forwards: 'x' })!, /must be a list/);
});

test('the console terminal: CRLF line ends, a header that says how to reach the node, an exit line', () => {
  assert.equal(terminalText('a\nb\r\nc'), 'a\r\nb\r\nc');
  const [fcos, k3os] = ['disk-fcos', 'k3os-live-iso'].map((method) => bootChoicesFor(method === 'k3os-live-iso' ? { kind: 'k3os' } : { kind: 'ignition', os: 'fcos' })[0]);
  const header = consoleHeader({ source: 'node.bu', method: fcos, accel: 'tcg', accelNote: 'KVM is not available', forwards: [{ host: 2222, guest: 22 }] });
  assert.match(header, /booting node\.bu — Fedora CoreOS disk image, TCG\r\nKVM is not available\r\n127\.0\.0\.1:2222 → guest port 22 \(ssh -p 2222 core@127\.0\.0\.1\)\r\n/);
  assert.doesNotMatch(header, /[^\r]\n/);
  assert.match(consoleHeader({ source: 'config.yaml', method: k3os, accel: 'kvm', forwards: [{ host: 2200, guest: 22 }] }), /ssh -p 2200 rancher@/);
  assert.match(exitMessage(0, false), /the VM exited; its run folder is removed/);
  assert.match(exitMessage(1, false, '/s/runs/r1'), /exited with status 1; its run folder is kept: \/s\/runs\/r1/);
  assert.match(exitMessage(null, true), /the VM was stopped/);
});

test('the manifest registers every command the client wires, and the boot commands are gated', () => {
  const extension = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
  const registered = [...extension.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
  const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(registered, declared);
  const command = (id: string) => manifest.contributes.commands.find((c: { command: string }) => c.command === id);
  assert.equal(command('kindling.boot').enablement, 'isWorkspaceTrusted');
  assert.equal(command('kindling.stopVm').enablement, 'kindling.vmRunning');
});

test('every kindling.* setting the client reads is declared in the manifest', () => {
  const declared = new Set(Object.keys(manifest.contributes.configuration.properties));
  const clientDir = path.join(ROOT, 'client', 'src');
  for (const file of fs.readdirSync(clientDir)) {
    const text = fs.readFileSync(path.join(clientDir, file), 'utf8');
    for (const match of text.matchAll(/\.get(?:<[^>]+>)?\('([\w.]+)'/g)) {
      if (match[1].startsWith('kindling.')) continue; // Memento keys, not settings
      assert.ok(declared.has(`kindling.${match[1]}`), `${file} reads kindling.${match[1]}`);
    }
  }
});
