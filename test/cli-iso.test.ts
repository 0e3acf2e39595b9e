/** `kindling iso …` end to end through the built CLI, on upstream's fixture ISOs. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './helpers';
import { fixture } from './isoFixtures';
import { buildK3osIso, extractFromIso } from './k3osIsoFixture';

let work: string;
let base: string;

const BUTANE = `variant: fcos
version: 1.5.0
passwd:
  users:
    - name: core
      ssh_authorized_keys: [ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKindlingTestKey core@test]
storage:
  files:
    - path: /etc/hostname
      contents:
        inline: node-1
`;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-cli-iso-'));
  base = path.join(work, 'fcos-live.iso');
  fs.writeFileSync(base, fixture('iso/embed-areas-2023-07.x86_64.iso.xz'));
  fs.writeFileSync(path.join(work, 'node.bu'), BUTANE);
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

function assertOneLine(r: { status: number | null; stderr: string }, status: number, pattern: RegExp): void {
  assert.equal(r.status, status, r.stderr);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${r.stderr}`);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

test('iso usage errors exit 2 with one line', () => {
  assertOneLine(runCli(['iso']), 2, /iso needs a command: embed, customize, show, remove, k3os/);
  assertOneLine(runCli(['iso', 'burn']), 2, /unknown iso command "burn"/);
  assertOneLine(runCli(['iso', 'embed', '--ignition', path.join(work, 'node.bu'), base]), 2, /needs -o OUT\.iso/);
  assertOneLine(runCli(['iso', 'embed', '--bogus', base]), 2, /unknown option --bogus for "kindling iso embed"/);
  assertOneLine(runCli(['iso', 'show', base, base]), 2, /exactly one BASE\.iso/);
  assertOneLine(runCli(['iso', 'show', path.join(work, 'missing.iso')]), 2, /cannot read .*missing\.iso/);
  assertOneLine(runCli(['iso', 'customize', '--dest-ignition', path.join(work, 'node.bu'), '--dest-device', 'sda', '-o', path.join(work, 'x.iso'), base]), 2, /not a disk device path/);
  assertOneLine(runCli(['iso', 'k3os', '--config', path.join(work, 'node.bu'), '-o', path.join(work, 'x.iso'), base]), 2, /needs --install-device DEV .* or --live/);
});

test('embed a Butane config, show it, remove it: the base is never changed', () => {
  const before = fs.readFileSync(base);
  const out = path.join(work, 'node.iso');
  const embed = runCli(['iso', 'embed', '--ignition', path.join(work, 'node.bu'), '-o', out, base]);
  assert.equal(embed.status, 0, embed.stderr);
  const expected = runCli(['transpile', path.join(work, 'node.bu')]).stdout;
  const show = runCli(['iso', 'show', out]);
  assert.equal(show.status, 0, show.stderr);
  assert.equal(show.stdout, expected, 'the embedded config is exactly what transpile prints');
  assert.deepEqual(fs.readFileSync(base), before);

  assertOneLine(runCli(['iso', 'embed', '--ignition', path.join(work, 'node.bu'), '-o', path.join(work, 'again.iso'), out]), 1, /already|--force/);
  assert.equal(runCli(['iso', 'embed', '--force', '--ignition', path.join(work, 'node.bu'), '-o', path.join(work, 'again.iso'), out]).status, 0);

  const removed = path.join(work, 'removed.iso');
  assert.equal(runCli(['iso', 'remove', '-o', removed, out]).status, 0);
  assert.deepEqual(fs.readFileSync(removed), before, 'removing gives back the pristine ISO byte for byte');
  assertOneLine(runCli(['iso', 'show', removed]), 1, /no embedded Ignition config/);
});

test('configs that cannot go into a Fedora CoreOS ISO are refused with the reason', () => {
  const flatcar = path.join(work, 'flatcar.bu');
  fs.writeFileSync(flatcar, 'variant: flatcar\nversion: 1.1.0\n');
  const r = runCli(['iso', 'embed', '--ignition', flatcar, '-o', path.join(work, 'f.iso'), base]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Flatcar has no ISO embed area: install with `flatcar-install -i config\.ign`/);

  const broken = path.join(work, 'broken.bu');
  fs.writeFileSync(broken, 'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: relative/path\n');
  const b = runCli(['iso', 'embed', '--ignition', broken, '-o', path.join(work, 'b.iso'), base]);
  assert.equal(b.status, 1);
  assert.match(b.stderr, /broken\.bu:5:\d+: error: .*\n.*does not transpile/);

  const k3os = path.join(work, 'config.yaml');
  fs.writeFileSync(k3os, 'k3os:\n  hostname: edge\n');
  assertOneLine(runCli(['iso', 'embed', '--ignition', k3os, '-o', path.join(work, 'k.iso'), base]), 2, /is not a Fedora CoreOS config/);
  assert.ok(!fs.existsSync(path.join(work, 'f.iso')) && !fs.existsSync(path.join(work, 'b.iso')) && !fs.existsSync(path.join(work, 'k.iso')));
});

test('ISO problems are one line with exit 1: not an ISO, no embed area, output over the base', () => {
  const junk = path.join(work, 'junk.iso');
  fs.writeFileSync(junk, Buffer.alloc(40000, 0x41));
  assertOneLine(runCli(['iso', 'show', junk]), 1, /ISO9660|not an ISO/i);
  const ign = path.join(work, 'plain.ign');
  fs.writeFileSync(ign, '{"ignition":{"version":"3.4.0"}}');
  assertOneLine(runCli(['iso', 'embed', '--ignition', ign, '-o', base, base]), 1, /refusing to write .*it is the input/);
});

test('k3os: a remastered installer ISO carries the config and the install arguments', () => {
  const k3osBase = buildK3osIso(work);
  const config = path.join(work, 'k3os config.yaml');
  fs.writeFileSync(config, '# kindling: k3os\nk3os:\n  hostname: edge-1\n  k3s_args: [server]\n');
  const out = path.join(work, 'edge-install.iso');
  const r = runCli(['iso', 'k3os', '--config', config, '--install-device', '/dev/vda', '--power-off', '--karg', 'k3os.install.tty=ttyS0', '-o', out, k3osBase]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(extractFromIso(out, '/k3os/system/config.yaml', work), fs.readFileSync(config));
  const grub = extractFromIso(out, '/boot/grub/grub.cfg', work).toString('utf8');
  const firstLinux = /^\s*linux .*$/m.exec(grub)?.[0] ?? '';
  for (const word of ['k3os.mode=install', 'k3os.install.silent=true', 'k3os.install.device=/dev/vda', 'k3os.install.power_off=true', 'k3os.install.tty=ttyS0']) {
    assert.ok(firstLinux.split(/\s+/).includes(word), `${word} in ${firstLinux}`);
  }

  assertOneLine(runCli(['iso', 'k3os', '--config', config, '--install-device', '/dev/vda', '--karg', 'k3os.install.colour=blue', '-o', path.join(work, 'bad.iso'), k3osBase]), 2, /not a k3OS install argument/);
  assertOneLine(runCli(['iso', 'k3os', '--config', config, '--live', '-o', path.join(work, 'bad.iso'), base]), 1, /is not a k3OS ISO/);
  assertOneLine(runCli(['iso', 'k3os', '--config', path.join(work, 'node.bu'), '--live', '-o', path.join(work, 'bad.iso'), k3osBase]), 2, /is not a k3OS config\.yaml/);
  assert.ok(!fs.existsSync(path.join(work, 'bad.iso')));
});
