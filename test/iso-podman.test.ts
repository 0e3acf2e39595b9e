/**
 * The coreos-installer container run through real podman. The image is a STAND-IN built here
 * (busybox and test/podman/coreos-installer-stand-in.sh, imported with `podman import`): no
 * registry is reachable in CI and coreos-installer cannot be built offline. What the test proves
 * is Kindling's side — the composed `podman run` (mounts, read-only base, working directory,
 * arguments), the config bytes reaching the container, the atomic output, and the errors —
 * with --pull=never so nothing is fetched. Host workarounds live in test/podman/containers.conf.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildCoreosIsoWithPodman, coreosInstallerArgs } from '../engine/host/coreosInstaller';
import { podmanRunArgv, PodmanSettings } from '../engine/iso/podman';
import { sha256 } from '../client/src/fileOps';
import { ROOT } from './helpers';
import { fixture } from './isoFixtures';

// A tag of its own per run: two test runs on one machine never remove each other's image.
const IMAGE = `localhost/kindling-test/coreos-installer-stand-in:run-${process.pid}-${Date.now().toString(36)}`;
const CONF = path.join(ROOT, 'test', 'podman', 'containers.conf');
const STAND_IN = path.join(ROOT, 'test', 'podman', 'coreos-installer-stand-in.sh');
const SETTINGS: PodmanSettings = { podman: 'podman', image: IMAGE, extraArgs: ['--pull=never'] };

let work: string;
let base: string;

function run(argv: string[], input?: Buffer): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(argv[0], argv.slice(1), { input, encoding: 'utf8', env: { ...process.env, CONTAINERS_CONF: CONF }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  process.env.CONTAINERS_CONF = CONF; // for the podman that Kindling itself spawns
  assert.equal(run(['podman', '--version']).status, 0, 'podman is missing: apt-get install podman runc');
  assert.equal(run(['/bin/busybox', 'true']).status, 0, 'a static busybox is missing: apt-get install busybox-static');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-podman-'));
  const rootfs = path.join(work, 'rootfs');
  fs.mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(rootfs, 'usr', 'bin'), { recursive: true });
  fs.mkdirSync(path.join(rootfs, 'data'));
  fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin', 'busybox'));
  for (const applet of ['sh', 'cat', 'cut', 'sha256sum']) fs.symlinkSync('busybox', path.join(rootfs, 'bin', applet));
  fs.copyFileSync(STAND_IN, path.join(rootfs, 'usr', 'bin', 'coreos-installer'));
  fs.chmodSync(path.join(rootfs, 'usr', 'bin', 'coreos-installer'), 0o755);
  const tarball = path.join(work, 'rootfs.tar');
  assert.equal(run(['tar', '-C', rootfs, '-cf', tarball, '.']).status, 0);
  const imported = run(['podman', 'import', '--change', 'ENTRYPOINT ["/usr/bin/coreos-installer"]', tarball, IMAGE]);
  assert.equal(imported.status, 0, imported.stderr);

  // A hostile name: spaces, quotes, a leading dash and $(…) must reach podman as one harmless word.
  base = path.join(work, `-base 'fcos' $(touch pwned).iso`);
  fs.writeFileSync(base, fixture('iso/embed-areas-2023-07.x86_64.iso.xz'));
});

after(() => {
  run(['podman', 'rmi', '--force', IMAGE]);
  fs.rmSync(work, { recursive: true, force: true });
});

function logLines(): { log: (line: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { log: (line) => lines.push(line), lines };
}

function standInReport(lines: string[], key: string): string[] {
  return lines.filter((l) => l.startsWith(`stand-in-${key}: `)).map((l) => l.slice(`stand-in-${key}: `.length));
}

test('podman run: argument array with a read-only base, private config folder and --pull=never', () => {
  const argv = podmanRunArgv(SETTINGS, {
    mounts: [
      { host: '/isos/base.iso', container: '/data/base.iso', readOnly: true },
      { host: '/tmp/cfg', container: '/data/config', readOnly: true },
      { host: '/out/.k', container: '/data/out', readOnly: false },
    ],
    workdir: '/data',
    args: coreosInstallerArgs({ kind: 'live' }, false),
  });
  assert.deepEqual(argv, [
    'podman', 'run', '--rm', '--network=none', '--security-opt', 'label=disable',
    '--volume', '/isos/base.iso:/data/base.iso:ro', '--volume', '/tmp/cfg:/data/config:ro', '--volume', '/out/.k:/data/out',
    '--workdir', '/data', '--pull=never', IMAGE,
    'iso', 'ignition', 'embed', '-i', '/data/config/config.ign', '-o', '/data/out/kindling.iso', '/data/base.iso',
  ]);
  assert.deepEqual(coreosInstallerArgs({ kind: 'install', destDevice: '/dev/disk/by-id/nvme-x' }, false).slice(0, 5), [
    'iso', 'customize', '--dest-ignition', '/data/config/config.ign', '--dest-device',
  ]);
  assert.throws(() => coreosInstallerArgs({ kind: 'install', destDevice: 'sda; rm -rf /' }, false), /not a disk device path/);
  assert.throws(() => podmanRunArgv(SETTINGS, { mounts: [{ host: '/a:b', container: '/x', readOnly: true }], workdir: '/', args: [] }), /':'/);
});

test('live ISO through the stand-in container: what it received, and the output renamed into place', async () => {
  const ignition = Buffer.from('{"ignition":{"version":"3.4.0"},"passwd":{"users":[{"name":"core","passwordHash":"$6$secret"}]}}');
  const output = path.join(work, 'out dir', 'node "1".iso');
  const before = sha256(fs.readFileSync(base));
  const { log, lines } = logLines();
  await buildCoreosIsoWithPodman({ base, output, ignition, mode: { kind: 'live' }, podman: SETTINGS, log });

  assert.deepEqual(standInReport(lines, 'cwd'), ['/data']);
  assert.deepEqual(standInReport(lines, 'arg'), ['iso', 'ignition', 'embed', '-i', '/data/config/config.ign', '-o', '/data/out/kindling.iso', '/data/base.iso']);
  assert.deepEqual(standInReport(lines, 'config-sha256'), [sha256(ignition)]);
  assert.deepEqual(standInReport(lines, 'base-sha256'), [before]);
  assert.deepEqual(standInReport(lines, 'base-writable'), ['no']);
  assert.ok(lines[0].startsWith('$ podman run --rm'), lines[0]);
  assert.ok(!lines.some((l) => l.includes('$6$secret')), 'the config is never logged');

  const written = fs.readFileSync(output);
  assert.equal(sha256(written), sha256(Buffer.concat([fs.readFileSync(base), ignition])));
  assert.equal(sha256(fs.readFileSync(base)), before, 'the base ISO is unchanged');
  // A shell would touch it in podman's working directory, this process's (podman is spawned without one), or beside the base ISO.
  for (const dir of [process.cwd(), work]) assert.ok(!fs.existsSync(path.join(dir, 'pwned')), `no shell ever saw the file name (${dir})`);
  assert.deepEqual(fs.readdirSync(path.dirname(output)), [path.basename(output)], 'no temporary files are left');
});

test('install-to-disk ISO: iso customize with --dest-ignition and --dest-device', async () => {
  const output = path.join(work, 'installer.iso');
  const { log, lines } = logLines();
  await buildCoreosIsoWithPodman({ base, output, ignition: Buffer.from('{}'), mode: { kind: 'install', destDevice: '/dev/sda' }, podman: SETTINGS, log });
  assert.deepEqual(standInReport(lines, 'arg'), [
    'iso', 'customize', '--dest-ignition', '/data/config/config.ign', '--dest-device', '/dev/sda', '-o', '/data/out/kindling.iso', '/data/base.iso',
  ]);
  assert.ok(fs.existsSync(output));
});

test('clear errors: image absent with pulling off, a failed pull, podman missing, a base that is not a live ISO', async () => {
  const output = path.join(work, 'never.iso');
  const job = { base, output, ignition: Buffer.from('{}'), mode: { kind: 'live' } as const };
  await assert.rejects(
    buildCoreosIsoWithPodman({ ...job, podman: { ...SETTINGS, image: 'localhost/kindling-test/absent:none' } }),
    /the image localhost\/kindling-test\/absent:none is not on this machine and pulling is off: run `podman pull/,
  );
  // `.invalid` never resolves (RFC 2606), so the pull fails on any machine.
  await assert.rejects(
    buildCoreosIsoWithPodman({ ...job, podman: { ...SETTINGS, image: 'registry.invalid/kindling/none:1', extraArgs: ['--pull=always'] } }),
    /^ProcessError: podman could not pull registry\.invalid\/kindling\/none:1: .*registry\.invalid/,
  );
  await assert.rejects(buildCoreosIsoWithPodman({ ...job, podman: { ...SETTINGS, podman: path.join(work, 'no-podman') } }), /podman is not installed/);
  const notIso = path.join(work, 'plain.iso');
  fs.writeFileSync(notIso, Buffer.alloc(64 * 1024, 7));
  await assert.rejects(buildCoreosIsoWithPodman({ ...job, base: notIso, podman: SETTINGS }), { name: 'IsoError' });
  assert.ok(!fs.existsSync(output));
  assert.deepEqual(fs.readdirSync(work).filter((f) => f.startsWith('.')), [], 'no temporary files are left');
});

test('cancelling stops the container and leaves nothing behind', async () => {
  const output = path.join(work, 'cancelled.iso');
  const controller = new AbortController();
  // Abort the moment podman has been spawned: the container is starting or running.
  const log = (line: string) => line.startsWith('$ podman') && controller.abort();
  const pending = buildCoreosIsoWithPodman({ base, output, ignition: Buffer.from('{}'), mode: { kind: 'live' }, podman: SETTINGS, log, signal: controller.signal });
  await assert.rejects(pending, { name: 'CancelledError' });
  assert.ok(!fs.existsSync(output));
  assert.deepEqual(fs.readdirSync(work).filter((f) => f.startsWith('.')), []);
});
