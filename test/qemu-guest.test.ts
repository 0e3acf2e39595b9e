/**
 * Proves the probe guest (qemuGuest.ts) with raw QEMU under TCG, before any Kindling code boots
 * it: the hashes it prints are those of the bytes QEMU was given, through fw_cfg (both names),
 * from its own qcow2 disk behind an overlay, and from a CD.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { gzipSync } from 'zlib';
import {
  buildGuestQcow2,
  buildProbeIso,
  Guest,
  GUEST_KERNEL_ARGS,
  newcArchive,
  parseProbe,
  prepareGuest,
  ProbeReport,
  QemuRun,
  runQemu,
  sha256,
} from './qemuGuest';

const IGNITION = Buffer.from(`${JSON.stringify({ ignition: { version: '3.4.0' }, storage: { files: [{ path: '/etc/motd', contents: { source: 'data:,h%C3%A9llo' } }] } }, null, 2)}\n`);
const K3OS_CONFIG = Buffer.from('k3os:\n  hostname: probe-node\n  password: rancher\n');
/** Fedora CoreOS live ISOs reserve 256 KiB for the embedded config. */
const EMBED_AREA_BYTES = 256 * 1024;

let guest: Guest;
let work: string;
let configFile: string;

/** Runs `make`, logging how long it took: the guest is cached per machine, the images are not. */
function timed<T>(label: string, make: () => T): T {
  const started = process.hrtime.bigint();
  const made = make();
  console.log(`# ${label}: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)} s`);
  return made;
}

before(() => {
  guest = timed('probe guest ready (built once per machine, then cached)', prepareGuest);
  console.log(`# probe guest: ${guest.kernelPackage} ${guest.version} in ${guest.dir}`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-qemu-guest-test-'));
  configFile = path.join(work, 'config.ign');
  fs.writeFileSync(configFile, IGNITION);
});

after(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Boots, logs the time, and checks that the guest ran its probe to the end and powered off. */
function boot(label: string, args: string[]): ProbeReport {
  const run: QemuRun = runQemu(args);
  console.log(`# ${label}: ${run.seconds.toFixed(2)} s`);
  const report = parseProbe(run.serial);
  const said = `serial:\n${run.serial.slice(-2000)}\nstderr:\n${run.stderr.slice(-1000)}`;
  assert.equal(run.status, 0, `QEMU exited with ${run.status ?? run.signal} (killed after the timeout?)\n${said}`);
  assert.ok(report.started && report.ended, `the probe did not run to the end\n${said}`);
  return report;
}

const directKernel = (initrd: string) => ['-machine', 'q35', '-kernel', guest.kernel, '-initrd', initrd, '-append', GUEST_KERNEL_ARGS];

test('parseProbe reads the marker lines through GRUB escape codes and kernel messages', () => {
  const hash = 'ab'.repeat(32);
  const log = [
    '\x1b[H\x1b[J  Booting `probe\'',
    'PROBE-START',
    `EMBED-CONFIG-SHA256: ${hash}`,
    'FWCFG-NAME: opt/org.flatcar-linux/config',
    `FWCFG-SHA256: ${hash}`,
    `CD-FILE-SHA256 k3os/system/config.yaml: ${hash}`,
    'CMDLINE: BOOT_IMAGE=/boot/vmlinuz console=ttyS0\r',
    'PROBE-END',
    '[    1.99] reboot: Power down',
  ].join('\r\n');
  assert.deepEqual(parseProbe(log), {
    fwcfg: [{ name: 'opt/org.flatcar-linux/config', sha256: hash }],
    fwcfgMissing: false,
    cdFiles: { 'k3os/system/config.yaml': hash },
    cdNotMounted: false,
    embedConfigSha256: hash,
    cmdline: 'BOOT_IMAGE=/boot/vmlinuz console=ttyS0',
    started: true,
    ended: true,
  });
  assert.deepEqual(parseProbe('no guest here'), { fwcfg: [], fwcfgMissing: false, cdFiles: {}, cdNotMounted: false, started: false, ended: false });
});

for (const name of ['opt/com.coreos/config', 'opt/org.flatcar-linux/config']) {
  test(`direct kernel boot: the guest hashes the config passed as fw_cfg ${name}`, () => {
    const report = boot(`direct kernel, ${name}`, [...directKernel(guest.initrd), '-fw_cfg', `name=${name},file=${configFile}`]);
    assert.deepEqual(report.fwcfg, [{ name, sha256: sha256(IGNITION) }]);
    assert.equal(report.cmdline, GUEST_KERNEL_ARGS);
  });
}

test('qcow2 base booted from its own disk through an overlay: the guest hashes the fw_cfg config, the base is unchanged', () => {
  const base = timed('qcow2 base built', () => buildGuestQcow2(guest, work));
  const baseBefore = sha256(fs.readFileSync(base));
  const overlay = path.join(work, 'overlay.qcow2');
  const created = spawnSync('qemu-img', ['create', '-f', 'qcow2', '-b', base, '-F', 'qcow2', overlay], { encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
  const report = boot('qcow2 overlay, virtio disk', [
    '-machine', 'q35',
    '-drive', `file=${overlay},format=qcow2,if=virtio`,
    '-fw_cfg', `name=opt/com.coreos/config,file=${configFile}`,
  ]);
  assert.deepEqual(report.fwcfg, [{ name: 'opt/com.coreos/config', sha256: sha256(IGNITION) }]);
  // GRUB from the disk booted the kernel (a direct -kernel boot has no BOOT_IMAGE).
  assert.equal(report.cmdline, `BOOT_IMAGE=/boot/vmlinuz ${GUEST_KERNEL_ARGS}`);
  assert.equal(sha256(fs.readFileSync(base)), baseBefore, 'the base qcow2 changed');
});

test('probe ISO as a CD (-machine pc): the guest hashes k3os/system/config.yaml from the disc and sees no fw_cfg config', () => {
  const iso = timed('k3OS-like probe ISO built', () => buildProbeIso(guest, work, { 'k3os/system/config.yaml': K3OS_CONFIG }, 'K3OS'));
  const report = boot('probe ISO, k3os config on CD', ['-machine', 'pc', '-cdrom', iso, '-boot', 'd']);
  assert.deepEqual(report.cdFiles, { 'k3os/system/config.yaml': sha256(K3OS_CONFIG) });
  assert.equal(report.fwcfgMissing, true);
  assert.equal(report.cmdline, `BOOT_IMAGE=/boot/vmlinuz ${GUEST_KERNEL_ARGS}`);
});

test('probe ISO with a Fedora CoreOS-style embed area loaded as a second initrd: the guest hashes /config.ign', () => {
  const igninfo = '{"file": "images/ignition.img"}';
  const archive = gzipSync(newcArchive([{ name: 'config.ign', mode: 0o100600, data: IGNITION }]));
  const area = Buffer.concat([archive, Buffer.alloc(EMBED_AREA_BYTES - archive.length)]);
  const files = { 'coreos/igninfo.json': igninfo, 'images/ignition.img': area };
  const iso = timed('FCOS-like probe ISO built', () => buildProbeIso(guest, work, files, 'PROBEFCOS', { extraInitrds: ['/images/ignition.img'] }));
  const report = boot('probe ISO, embedded config', ['-machine', 'pc', '-cdrom', iso, '-boot', 'd']);
  assert.equal(report.embedConfigSha256, sha256(IGNITION));
  assert.deepEqual(report.cdFiles, { 'coreos/igninfo.json': sha256(igninfo) });
});
