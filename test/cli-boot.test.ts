/** `kindling boot`: usage errors and the exact command lines of --dry-run. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { qemuArgv, qemuOptionValue } from '../engine/qemu/bootPlan';
import { CLI, runCli } from './helpers';

let work: string;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-cli-boot-'));
  fs.writeFileSync(path.join(work, 'base.qcow2'), 'not read by a dry run');
  fs.writeFileSync(path.join(work, 'live.iso'), 'not read by a dry run');
  fs.writeFileSync(path.join(work, 'node.bu'), 'variant: fcos\nversion: 1.5.0\n');
  fs.writeFileSync(path.join(work, 'flatcar.bu'), 'variant: flatcar\nversion: 1.1.0\n');
  fs.writeFileSync(path.join(work, 'plain.ign'), '{"ignition":{"version":"3.4.0"}}');
  fs.writeFileSync(path.join(work, 'config.yaml'), '# kindling: k3os\nk3os:\n  hostname: edge\n');
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

function usage(args: string[], pattern: RegExp): void {
  const r = runCli(args);
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
}

test('boot usage errors are one line with exit 2', () => {
  const base = path.join(work, 'base.qcow2');
  usage(['boot', path.join(work, 'node.bu')], /exactly one of --image BASE\.qcow2 and --iso/);
  usage(['boot', '--image', base], /a disk image boots with an Ignition config passed through fw_cfg: give the config/);
  usage(['boot', '--image', base, '--fcos', '--flatcar', path.join(work, 'node.bu')], /exclude each other/);
  usage(['boot', '--image', base, path.join(work, 'plain.ign')], /--fcos or --flatcar/);
  usage(['boot', '--image', base, path.join(work, 'config.yaml')], /boots from a k3OS ISO/);
  usage(['boot', '--image', base, '--forward', '22', path.join(work, 'node.bu')], /HOST:GUEST/);
  usage(['boot', '--image', base, '--memory', '0', path.join(work, 'node.bu')], /--memory must be a whole number/);
  usage(['boot', '--image', path.join(work, 'missing.qcow2'), path.join(work, 'node.bu')], /cannot read/);
});

test('--dry-run prints the overlay and QEMU command lines: fw_cfg name by OS, forwards, memory', () => {
  const runs = path.join(work, 'runs');
  const r = runCli(['boot', '--dry-run', '--image', path.join(work, 'base.qcow2'), '--runs-dir', runs, '--memory', '3072', '--cpus', '4', path.join(work, 'node.bu')]);
  assert.equal(r.status, 0, r.stderr);
  const [overlay, qemu] = r.stdout.trimEnd().split('\n');
  assert.equal(overlay, `qemu-img create -f qcow2 -b ${path.join(work, 'base.qcow2')} -F qcow2 '${path.join(runs, '<run>', 'disk.qcow2')}'`);
  assert.match(qemu, /^qemu-system-x86_64 -name kindling -machine q35,accel=tcg -m 3072 -smp 4 -display none -serial stdio -monitor none -no-reboot /);
  assert.match(qemu, /-netdev user,id=net0,hostfwd=tcp:127\.0\.0\.1:2222-:22,hostfwd=tcp:127\.0\.0\.1:6443-:6443 /);
  assert.match(qemu, /-fw_cfg 'name=opt\/com\.coreos\/config,file=.*<run>\/config\.ign'$/);
  assert.ok(!fs.existsSync(runs), 'a dry run creates nothing');

  const flatcar = runCli(['boot', '--dry-run', '--image', path.join(work, 'base.qcow2'), '--no-forward', path.join(work, 'flatcar.bu')]);
  assert.equal(flatcar.status, 0, flatcar.stderr);
  assert.match(flatcar.stdout, /name=opt\/org\.flatcar-linux\/config/);
  assert.match(flatcar.stdout, /-netdev user,id=net0 /);
  const forced = runCli(['boot', '--dry-run', '--image', path.join(work, 'base.qcow2'), '--flatcar', path.join(work, 'plain.ign')]);
  assert.match(forced.stdout, /name=opt\/org\.flatcar-linux\/config/);

  const iso = runCli(['boot', '--dry-run', '--iso', path.join(work, 'live.iso'), '--forward', '8080:80']);
  assert.equal(iso.status, 0, iso.stderr);
  assert.match(iso.stdout, /-machine pc,accel=tcg .*hostfwd=tcp:127\.0\.0\.1:8080-:80 .*-drive media=cdrom,readonly=on,format=raw,file=.*live\.iso -boot d$/m);
  assert.doesNotMatch(iso.stdout, /fw_cfg/);
});

test('a boot that fails before QEMU starts says why in its last line and leaves no run folder', () => {
  const runs = path.join(work, 'failed-runs');
  // qcow2's magic with nothing valid after it: qemu-img fails once the run folder exists.
  const broken = path.join(work, 'broken.qcow2');
  fs.writeFileSync(broken, Buffer.concat([Buffer.from('QFI\xfb', 'latin1'), Buffer.alloc(100)]));
  const r = runCli(['boot', '--accel', 'tcg', '--no-forward', '--image', broken, '--runs-dir', runs, path.join(work, 'node.bu')]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr.trimEnd().split('\n').pop()!, /^kindling: qemu-img failed \(exit 1\): .*backing/);
  assert.deepEqual(fs.readdirSync(runs), []);
});

test('a disk base that is not qcow2 is refused before anything is created; a compressed one says how to unpack it', () => {
  const runs = path.join(work, 'unpacked-runs');
  const packed = path.join(work, 'fedora-coreos-qemu.x86_64.qcow2.xz');
  fs.writeFileSync(packed, Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 0]));
  const r = runCli(['boot', '--accel', 'tcg', '--no-forward', '--image', packed, '--runs-dir', runs, path.join(work, 'node.bu')]);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr.trimEnd(), `kindling: ${packed} is xz-compressed: unpack it first (e.g. xz -dk fedora-coreos-qemu.x86_64.qcow2.xz)`);
  const text = runCli(['boot', '--accel', 'tcg', '--no-forward', '--image', path.join(work, 'base.qcow2'), '--runs-dir', runs, path.join(work, 'node.bu')]);
  assert.match(text.stderr, /base\.qcow2 is not a qcow2 image/);
  assert.ok(!fs.existsSync(runs));
});

test('QEMU option values double their commas; hostile names stay one argument', () => {
  assert.equal(qemuOptionValue('/a,b/c,,d'), '/a,,b/c,,,,d');
  const argv = qemuArgv({ qemu: 'qemu', memoryMiB: 512, cpus: 1, accel: 'tcg', forwards: [], overlay: "/runs/x,file=/etc/passwd $(id)'.qcow2", config: { os: 'fcos', file: '/runs/c,1.ign' } });
  assert.ok(argv.includes("if=virtio,format=qcow2,file=/runs/x,,file=/etc/passwd $(id)'.qcow2"));
  assert.ok(argv.includes('name=opt/com.coreos/config,file=/runs/c,,1.ign'));
  assert.throws(() => qemuArgv({ qemu: 'q', memoryMiB: 1, cpus: 1, accel: 'tcg', forwards: [{ host: 70000, guest: 22 }], iso: '/x.iso' }), /not between 1 and 65535/);
});

/** A stand-in for qemu-system-x86_64 that records its arguments and exits with 3. */
function fakeQemu(): { program: string; argsFile: string } {
  const program = path.join(work, 'fake-qemu');
  const argsFile = path.join(work, 'fake-qemu.args');
  fs.writeFileSync(program, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\necho guest console\nexit 3\n`, { mode: 0o755 });
  return { program, argsFile };
}

test('the run folder goes away when QEMU exits, unless --keep-run; QEMU exit status 3 is exit 1', () => {
  const { program, argsFile } = fakeQemu();
  const runs = path.join(work, 'lifecycle-runs');
  const iso = path.join(work, 'live.iso');
  const r = runCli(['boot', '--accel', 'tcg', '--no-forward', '--qemu', program, '--iso', iso, '--runs-dir', runs]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^guest console$/m);
  assert.match(r.stderr, /run folder .* \(removed when QEMU exits; --keep-run keeps it\)/);
  assert.deepEqual(fs.readdirSync(runs), []);
  assert.ok(fs.readFileSync(argsFile, 'utf8').includes(`media=cdrom,readonly=on,format=raw,file=${iso}`));

  const kept = runCli(['boot', '--accel', 'tcg', '--no-forward', '--keep-run', '--qemu', program, '--iso', iso, '--runs-dir', runs]);
  assert.equal(kept.status, 1, kept.stderr);
  assert.equal(fs.readdirSync(runs).length, 1);
});

test('a host port already in use is refused before anything is created', async () => {
  const net = await import('net');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const runs = path.join(work, 'busy-runs');
    const image = path.join(work, 'header-only.qcow2');
    fs.writeFileSync(image, Buffer.concat([Buffer.from('QFI\xfb', 'latin1'), Buffer.alloc(100)]));
    const r = runCli(['boot', '--accel', 'tcg', '--forward', `${port}:22`, '--image', image, '--runs-dir', runs, path.join(work, 'node.bu')]);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr.trimEnd(), `kindling: host port ${port} is already in use on 127.0.0.1 (another VM?): forward other ports`);
    assert.ok(!fs.existsSync(runs));
  } finally {
    server.close();
  }
});

test('Ctrl-C stops the VM it started and still removes the run folder', { timeout: 30_000 }, async () => {
  const { spawn } = await import('child_process');
  const program = path.join(work, 'slow-qemu');
  // A stand-in that prints and then runs until it is signalled, as a booted VM does.
  fs.writeFileSync(program, '#!/bin/sh\necho booted\nexec sleep 60\n', { mode: 0o755 });
  const runs = path.join(work, 'interrupted-runs');
  const child = spawn(process.execPath, [CLI, 'boot', '--accel', 'tcg', '--no-forward', '--qemu', program, '--iso', path.join(work, 'live.iso'), '--runs-dir', runs], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('booted')) resolve();
  }));
  assert.equal(fs.readdirSync(runs).length, 1, 'the run folder exists while the VM runs');
  child.kill('SIGINT');
  const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  assert.equal(status, 1);
  assert.deepEqual(fs.readdirSync(runs), []);
});
