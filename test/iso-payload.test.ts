/** What "Build ISO" puts into an ISO: engine/iso/payload.ts directly and through the server. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, Dialect } from '../engine/index';
import { isoPayload } from '../engine/iso/payload';
import { ISO_PAYLOAD_REQUEST, IsoPayloadParams, IsoPayloadResult } from '../server/src/protocol';
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
