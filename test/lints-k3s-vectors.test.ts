/**
 * The k3s install and settings rules over every shared vector: each finding there is a real
 * mistake per the catalogue (clear-text tokens, the installer's SELinux step on Flatcar), and
 * nothing else fires. Pinned, so a change in what the rules find is a deliberate one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Dialect } from '../engine/index';
import { VECTORS } from './helpers';

const MINE = /^(systemd\/shell-syntax|systemd\/unquoted-environment|secrets\/clear-text-token|k3s\/.*)$/;

const EXPECTED = [
  'butane/err-k3s-unit-listed-twice/input.bu secrets/clear-text-token',
  'butane/k3s-fcos-agent-data-disk/expected.ign secrets/clear-text-token',
  'butane/k3s-fcos-agent-data-disk/input.bu secrets/clear-text-token',
  'butane/k3s-fcos-server/expected.ign secrets/clear-text-token',
  'butane/k3s-fcos-server/input.bu secrets/clear-text-token',
  'butane/k3s-flatcar-agent-install-script/input.bu k3s/install-selinux',
  'butane/k3s-flatcar-ha-second-server/expected.ign secrets/clear-text-token',
  'butane/k3s-flatcar-ha-second-server/expected.ign secrets/clear-text-token',
  'butane/k3s-flatcar-ha-second-server/input.bu k3s/install-selinux',
  'butane/k3s-flatcar-ha-second-server/input.bu secrets/clear-text-token',
  'butane/k3s-flatcar-ha-second-server/input.bu secrets/clear-text-token',
  'butane/k3s-flatcar-server-install-script/expected.ign k3s/install-selinux',
  'butane/k3s-flatcar-server-install-script/expected.ign secrets/clear-text-token',
  'butane/k3s-flatcar-server-install-script/input.bu k3s/install-selinux',
  'butane/k3s-flatcar-server-install-script/input.bu secrets/clear-text-token',
  'clc/clc-k3s-agent-templated/expected.ign secrets/clear-text-token',
  'clc/clc-k3s-agent-templated/input.yaml secrets/clear-text-token',
];

test('k3s install and settings rules over the shared vectors', (t) => {
  if (!fs.existsSync(VECTORS)) return t.skip('no shared vectors here');
  const found: string[] = [];
  const inputs: [string, string, Dialect][] = [
    ['butane', 'input.bu', 'butane'],
    ['clc', 'input.yaml', 'clc'],
    ['butane', 'expected.ign', 'ignition'],
    ['clc', 'expected.ign', 'ignition'],
  ];
  for (const [kind, file, dialect] of inputs) {
    for (const name of fs.readdirSync(path.join(VECTORS, kind))) {
      const p = path.join(VECTORS, kind, name, file);
      if (!fs.existsSync(p)) continue;
      for (const d of analyze(fs.readFileSync(p, 'utf8'), { dialect }).diagnostics) if (MINE.test(d.code ?? '')) found.push(`${kind}/${name}/${file} ${d.code}`);
    }
  }
  assert.deepEqual(found.sort(), EXPECTED);
});
