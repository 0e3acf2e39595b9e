/** What "Build ISO" puts into an ISO and "Boot in QEMU" hands a node: engine/iso/payload.ts directly and through the server. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, Dialect } from '../engine/index';
import { isoPayload } from '../engine/iso/payload';
import { BOOT_PAYLOAD_REQUEST, BootPayloadParams, BootPayloadResult, ISO_PAYLOAD_REQUEST, IsoPayloadParams, IsoPayloadResult } from '../server/src/protocol';
import { Client } from './lspClient';

function payload(text: string, dialect: Dialect) {
  return isoPayload(analyze(text, { dialect }), text, {});
}

const FCOS = 'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /etc/hostname\n      contents:\n        inline: node1\n';

test('Butane for Fedora CoreOS is transpiled; OpenShift gives the raw Ignition, not a MachineConfig', () => {
  const fcos = payload(FCOS, 'butane');
  assert.ok(fcos.ok);
  assert.equal(fcos.target, 'fcos');
  assert.equal(fcos.ignitionVersion, '3.4.0');
  assert.equal(JSON.parse(fcos.content).storage.files[0].path, '/etc/hostname');

  const openshift = payload('variant: openshift\nversion: 4.14.0\nmetadata:\n  name: worker-hostname\n  labels:\n    machineconfiguration.openshift.io/role: worker\n', 'butane');
  assert.ok(openshift.ok, JSON.stringify(openshift));
  assert.equal(JSON.parse(openshift.content).ignition.version, '3.4.0');
});

test('Ignition JSON and k3OS configs go in as written; Flatcar and broken configs are refused', () => {
  const ign = '{"ignition":{"version":"3.4.0"}}\n';
  assert.deepEqual(payload(ign, 'ignition'), { ok: true, target: 'fcos', content: ign, ignitionVersion: '3.4.0' });
  const k3os = '# kindling: k3os\nk3os:\n  hostname: edge\n';
  assert.deepEqual(payload(k3os, 'k3os'), { ok: true, target: 'k3os', content: k3os });

  for (const [text, dialect, reason] of [
    ['variant: flatcar\nversion: 1.1.0\n', 'butane', /Butane config is for Flatcar/],
    ['{"ignition":{"version":"2.3.0"}}', 'ignition', /Ignition config is for Flatcar \(spec 2\.3\.0/],
    ['systemd:\n  units:\n    - name: a.service\n', 'clc', /Container Linux Config is for Flatcar/],
  ] as const) {
    const r = payload(text, dialect);
    assert.ok(!r.ok);
    assert.match(r.reason, reason);
    assert.match(r.reason, /flatcar-install -i config\.ign/);
  }
  const broken = payload('variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: etc/x\n', 'butane');
  assert.ok(!broken.ok);
  assert.equal(broken.reason, 'the Butane config does not transpile');
  assert.ok(broken.problems.some((d) => d.severity === 'error'));
  const badIgnition = payload('{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":7}]}}', 'ignition');
  assert.ok(!badIgnition.ok && badIgnition.reason === 'the Ignition config has errors');
});

test('kindling/isoPayload answers for the document as it is in the editor', { timeout: 30_000 }, async () => {
  const client = await Client.start();
  try {
    const uri = 'file:///tmp/kindling-iso/node.bu';
    await client.open(uri, FCOS);
    const ok = await client.connection.sendRequest<IsoPayloadResult>(ISO_PAYLOAD_REQUEST, { uri } satisfies IsoPayloadParams);
    assert.equal(ok.ok, true);
    assert.equal(ok.target, 'fcos');
    assert.equal(JSON.parse(ok.content!).ignition.version, '3.4.0');

    const flatcar = 'file:///tmp/kindling-iso/flatcar.bu';
    await client.open(flatcar, 'variant: flatcar\nversion: 1.1.0\nstorage:\n  files:\n    - path: etc/x\n');
    const refused = await client.connection.sendRequest<IsoPayloadResult>(ISO_PAYLOAD_REQUEST, { uri: flatcar });
    assert.equal(refused.ok, false);
    assert.match(refused.reason!, /Flatcar has no ISO embed area/);

    const closed = await client.connection.sendRequest<IsoPayloadResult>(ISO_PAYLOAD_REQUEST, { uri: 'file:///tmp/kindling-iso/never-opened.bu' });
    assert.deepEqual(closed, { uri: 'file:///tmp/kindling-iso/never-opened.bu', ok: false, reason: 'the document is not open in the Kindling language server', problems: [] });
  } finally {
    await client.stop();
  }
});

test('kindling/bootPayload: Ignition with the OS it is for (Flatcar too), k3OS as written, errors refused', { timeout: 30_000 }, async () => {
  const client = await Client.start();
  const ask = (uri: string) => client.connection.sendRequest<BootPayloadResult>(BOOT_PAYLOAD_REQUEST, { uri } satisfies BootPayloadParams);
  try {
    const fcos = 'file:///tmp/kindling-boot/node.bu';
    await client.open(fcos, FCOS);
    const fcosAnswer = await ask(fcos);
    assert.equal(fcosAnswer.kind, 'ignition');
    assert.equal(fcosAnswer.os, 'fcos');
    assert.equal(JSON.parse(fcosAnswer.content!).storage.files[0].path, '/etc/hostname');

    const clc = 'file:///tmp/kindling-boot/node.clc';
    await client.open(clc, 'storage:\n  files:\n    - path: /etc/hostname\n      filesystem: root\n      contents:\n        inline: flatcar-node\n', 'clc');
    const clcAnswer = await ask(clc);
    assert.equal(clcAnswer.os, 'flatcar');
    assert.equal(JSON.parse(clcAnswer.content!).ignition.version, '2.3.0');

    const plain = 'file:///tmp/kindling-boot/plain.ign';
    await client.open(plain, '{"ignition":{"version":"3.4.0"}}', 'json');
    const plainAnswer = await ask(plain);
    assert.equal(plainAnswer.ok, true);
    assert.equal(plainAnswer.os, undefined, 'a plain Ignition config does not say its OS');

    const k3os = 'file:///tmp/kindling-boot/k3os/config.yaml';
    const k3osText = 'k3os:\n  hostname: edge-7\n';
    await client.open(k3os, k3osText, 'yaml');
    assert.deepEqual(await ask(k3os), { uri: k3os, ok: true, kind: 'k3os', content: k3osText, problems: [] });

    const broken = 'file:///tmp/kindling-boot/broken.bu';
    await client.open(broken, 'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: etc/x\n');
    const brokenAnswer = await ask(broken);
    assert.equal(brokenAnswer.ok, false);
    assert.equal(brokenAnswer.reason, 'the Butane config does not transpile');
    assert.equal(brokenAnswer.problems[0].line, 4);
  } finally {
    await client.stop();
  }
});
