/**
 * `kindling boot` with real QEMU under TCG, booting the probe guest of test/qemuGuest.ts (a
 * Debian kernel and a busybox initramfs that print the sha256 of what they received): the guest
 * must see exactly the bytes Kindling generated, under each OS's fw_cfg name and on an ISO, and
 * the base image must be byte-identical afterwards.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildGuestQcow2, buildProbeIso, Guest, parseProbe, prepareGuest, sha256 } from './qemuGuest';
import { runCli } from './helpers';

const BOOT = ['boot', '--accel', 'tcg', '--memory', '512', '--cpus', '1', '--no-forward', '--keep-run'];
let work: string;
let guest: Guest;
let base: string;

before(() => {
  guest = prepareGuest();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-boot-'));
  base = buildGuestQcow2(guest, work);
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

/** The one run folder a boot left under `runs`, and the config it passed. */
function runConfig(runs: string): Buffer {
  const [run] = fs.readdirSync(runs);
  return fs.readFileSync(path.join(runs, run, 'config.ign'));
}

for (const [name, config, fwcfg] of [
  ['Fedora CoreOS', 'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /etc/hostname\n      contents:\n        inline: fcos-node\n', 'opt/com.coreos/config'],
  ['Flatcar', 'variant: flatcar\nversion: 1.1.0\nstorage:\n  files:\n    - path: /etc/hostname\n      contents:\n        inline: flatcar-node\n', 'opt/org.flatcar-linux/config'],
] as const) {
  test(`qcow2 boot, ${name}: the guest reads the transpiled config under ${fwcfg}; the base is unchanged`, { timeout: 120_000 }, () => {
    const file = path.join(work, `${name.replace(/ /g, '-')}.bu`);
    fs.writeFileSync(file, config);
    const runs = path.join(work, `runs-${name.replace(/ /g, '-')}`);
    const before = sha256(fs.readFileSync(base));
    const r = runCli([...BOOT, '--image', base, '--runs-dir', runs, file], { timeout: 110_000 });
    assert.equal(r.status, 0, r.stderr);
    const probe = parseProbe(r.stdout);
    assert.ok(probe.started && probe.ended, r.stdout);
    const expected = runCli(['transpile', file]).stdout;
    assert.deepEqual(runConfig(runs), Buffer.from(expected));
    assert.deepEqual(probe.fwcfg, [{ name: fwcfg, sha256: sha256(expected) }]);
    assert.equal(sha256(fs.readFileSync(base)), before, 'the base qcow2 is byte-identical');
  });
}

test('ISO boot of a k3OS-style ISO with a config: the guest reads config.yaml from the CD', { timeout: 120_000 }, () => {
  const iso = buildProbeIso(guest, work, { 'k3os/system/config.yaml': 'k3os:\n  hostname: shipped\n' }, 'K3OS');
  const config = path.join(work, 'config.yaml');
  fs.writeFileSync(config, '# kindling: k3os\nk3os:\n  hostname: edge-7\n');
  const before = sha256(fs.readFileSync(iso));
  const r = runCli([...BOOT, '--iso', iso, '--runs-dir', path.join(work, 'runs-k3os'), config], { timeout: 110_000 });
  assert.equal(r.status, 0, r.stderr);
  const probe = parseProbe(r.stdout);
  assert.equal(probe.cdFiles['k3os/system/config.yaml'], sha256(fs.readFileSync(config)), r.stdout);
  assert.equal(sha256(fs.readFileSync(iso)), before, 'the base ISO is byte-identical');
});
