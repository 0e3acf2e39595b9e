import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { installKernelArgs } from '../engine/iso/k3osGrub';
import { k3osSchema } from '../engine/k3os/schema';
import {
  CONTAINER_PATHS,
  remasterK3osIso,
  xorrisoCommitCommand,
  XorrisoTool,
} from '../engine/host/k3osRemaster';
import { OutputError } from '../engine/host/isoFiles';
import { IsoError } from '../engine/iso/image';
import { CancelledError, ProcessError } from '../engine/host/processes';
import { sha256 } from '../client/src/fileOps';
import { buildDataIso, buildK3osIso, describeIso, extractFromIso, K3OS_LIKE_GRUB_CFG } from './k3osIsoFixture';

const LOCAL: XorrisoTool = { kind: 'local', xorriso: 'xorriso' };
const INSTALL = { mode: 'install', device: '/dev/vda', powerOff: true, timeoutSeconds: 1 } as const;
const SECRET = 'K10-secret-token-do-not-log';
const CONFIG = Buffer.from(`k3os:\n  token: ${SECRET}\n  password: $6$hash\n  ssh_authorized_keys:\n  - github:someone\n`);

/** The `linux` lines of a grub.cfg, in order. */
const linuxLines = (cfg: string) => cfg.split('\n').filter((l) => /^\s*linux\s/.test(l)).map((l) => l.trim());

// ---- grub.cfg editing (pure) ----

test('install mode rewrites only the first entry: k3os.mode replaced in place, install args after it, consoles kept', () => {
  const cfg = installKernelArgs(K3OS_LIKE_GRUB_CFG, {
    ...INSTALL,
    configUrl: 'https://example.com/nodes/a.yaml',
    extraArgs: ['k3os.install.tty=ttyS0', 'k3os.install.debug=true'],
  });
  const [first, second, third] = linuxLines(cfg);
  assert.equal(
    first,
    'linux (loop0)/vmlinuz printk.devkmsg=on k3os.mode=install k3os.install.silent=true k3os.install.device=/dev/vda ' +
      'k3os.install.config_url=https://example.com/nodes/a.yaml k3os.install.power_off=true k3os.install.tty=ttyS0 k3os.install.debug=true console=ttyS0 console=tty1',
  );
  assert.deepEqual([second, third], linuxLines(K3OS_LIKE_GRUB_CFG).slice(1));
  assert.match(cfg, /^set timeout=1$/m);
  assert.doesNotMatch(cfg, /timeout=10/);
  assert.match(cfg, /^set default=0$/m);
  // Everything but the two changed lines is as it was.
  assert.deepEqual(
    cfg.split('\n').filter((l) => !/linux|timeout/.test(l)),
    K3OS_LIKE_GRUB_CFG.split('\n').filter((l) => !/linux|timeout/.test(l)),
  );
});

test('words already on the line are replaced, never duplicated, and editing twice changes nothing more', () => {
  const base = 'set timeout=5\nmenuentry "k3OS" {\n  linux ($root)/vmlinuz k3os.install.device=/dev/sda quiet k3os.install.silent=false k3os.install.device=/dev/sdb console=ttyS0\n}\n';
  const once = installKernelArgs(base, INSTALL);
  assert.deepEqual(linuxLines(once), [
    'linux ($root)/vmlinuz k3os.install.device=/dev/vda quiet k3os.install.silent=true console=ttyS0 k3os.mode=install k3os.install.power_off=true',
  ]);
  assert.equal(installKernelArgs(once, INSTALL), once);
  assert.equal(once.match(/set timeout=/g)?.length, 1);
});

test('live mode keeps k3os.mode and silent as they are and only adds what is asked', () => {
  const cfg = installKernelArgs(K3OS_LIKE_GRUB_CFG, { mode: 'live', extraArgs: ['k3os.install.tty=ttyS0', 'k3os.dns_nameservers=1.1.1.1', 'k3os.dns_nameservers=8.8.8.8'] });
  assert.equal(
    linuxLines(cfg)[0],
    'linux (loop0)/vmlinuz printk.devkmsg=on k3os.mode=live k3os.install.tty=ttyS0 k3os.dns_nameservers=1.1.1.1 k3os.dns_nameservers=8.8.8.8 console=ttyS0 console=tty1',
  );
  assert.match(cfg, /^set timeout=10$/m, 'no timeout asked, none changed');
  assert.equal(installKernelArgs(K3OS_LIKE_GRUB_CFG, { mode: 'install', silent: false }).includes('k3os.install.silent=false'), true);
});

test('other grub.cfg shapes: one-line entry, CRLF, quoted title with a brace, no timeout line, another default', () => {
  const oneLine = 'menuentry "probe" { linux /boot/vmlinuz console=ttyS0 panic=-1 quiet\n  initrd /boot/initrd.gz }\n';
  assert.equal(
    installKernelArgs(oneLine, { mode: 'install', silent: false }),
    'menuentry "probe" { linux /boot/vmlinuz console=ttyS0 panic=-1 quiet k3os.mode=install k3os.install.silent=false\n  initrd /boot/initrd.gz }\n',
  );
  assert.equal(
    installKernelArgs('menuentry x { linux /vmlinuz a=1; initrd /i }', { mode: 'live', extraArgs: ['b=2'] }),
    'menuentry x { linux /vmlinuz a=1 b=2; initrd /i }',
  );
  const crlf = 'set timeout=10\r\nmenuentry "k3OS {live}" {\r\n  linux (loop0)/vmlinuz k3os.mode=live console=tty1\r\n}\r\n';
  assert.equal(
    installKernelArgs(crlf, { ...INSTALL, timeoutSeconds: 0 }),
    'set timeout=0\r\nmenuentry "k3OS {live}" {\r\n  linux (loop0)/vmlinuz k3os.mode=install k3os.install.silent=true k3os.install.device=/dev/vda k3os.install.power_off=true console=tty1\r\n}\r\n',
  );
  const noTimeout = 'set default=2\nmenuentry k3os {\n  linux /vmlinuz k3os.mode=live\n}\n';
  assert.equal(installKernelArgs(noTimeout, { mode: 'live', timeoutSeconds: 3 }), 'set timeout=3\nset default=0\nmenuentry k3os {\n  linux /vmlinuz k3os.mode=live\n}\n');
  const commented = '# menuentry "old" { linux /old }\nmenuentry "new" {\n  # linux /commented-out\n  linux /vmlinuz k3os.mode=live # a note\n}\n';
  assert.equal(
    installKernelArgs(commented, INSTALL),
    'set timeout=1\n' +
      commented.replace('k3os.mode=live', 'k3os.mode=install k3os.install.silent=true k3os.install.device=/dev/vda k3os.install.power_off=true'),
  );
});

test('refuses a grub.cfg without a kernel line to edit, with a sentence naming what is missing', () => {
  assert.throws(() => installKernelArgs('set timeout=5\n', INSTALL), /grub.cfg has no menuentry/);
  assert.throws(() => installKernelArgs('menuentry "Chain" {\n  chainloader +1\n}\nmenuentry "k3OS" {\n  linux /vmlinuz\n}\n', INSTALL), /the first menuentry of grub.cfg \("Chain"\) has no linux line/);
});

test('refuses values GRUB or k3OS would split or interpret, and malformed or conflicting arguments', () => {
  const refused: Array<[object, RegExp]> = [
    [{ device: '/dev/my disk' }, /k3os.install.device=\/dev\/my disk cannot go on the GRUB linux line: it contains a space/],
    [{ device: '/dev/$(reboot)' }, /it contains "\$"/],
    [{ device: '/dev/sda;reboot' }, /it contains ";"/],
    [{ device: "/dev/sd'a" }, /it contains "'"/],
    [{ device: '/dev/sd*' }, /it contains "\*"/],
    [{ device: 'sda' }, /"sda" is not a disk device path such as \/dev\/sda/],
    [{ device: '/dev/../etc/passwd' }, /is not a disk device path/],
    [{ device: '' }, /k3os.install.device needs a value/],
    [{ configUrl: 'https://x/c.yaml?a=1&b=2' }, /it contains "\?"/],
    [{ extraArgs: ['quiet'] }, /must have the form key=value/],
    [{ extraArgs: ['-x=1'] }, /must have the form key=value/],
    [{ extraArgs: ['k3os.install.devise=/dev/vda'] }, /k3os.install.devise is not a k3OS install argument; k3OS knows .*k3os.install.device, /],
    [{ extraArgs: ['k3os.install.device=/dev/sdb'] }, /k3os.install.device is set twice, by the device option and by an extra argument/],
    [{ extraArgs: ['k3os.mode=live'] }, /set k3os.mode through the install or live mode/],
    [{ extraArgs: ['k3os.password=a\tb'] }, /it contains a tab or line break/],
    [{ timeoutSeconds: 1.5 }, /timeout must be a whole number of seconds/],
    [{ timeoutSeconds: -1 }, /timeout must be a whole number of seconds/],
  ];
  for (const [options, message] of refused) {
    assert.throws(() => installKernelArgs(K3OS_LIKE_GRUB_CFG, { ...INSTALL, ...options }), message, JSON.stringify(options));
  }
});

test('every install key of the k3OS schema goes onto the kernel line as k3os.install.KEY', () => {
  const keys = Object.keys(k3osSchema().at(['k3os', 'install'])?.properties ?? {});
  assert.ok(keys.includes('force_efi') && keys.includes('no_format'), keys.join(', '));
  for (const key of keys) {
    const [first] = linuxLines(installKernelArgs(K3OS_LIKE_GRUB_CFG, { mode: 'live', extraArgs: [`k3os.install.${key}=x`] }));
    assert.ok(first.split(' ').includes(`k3os.install.${key}=x`), first);
  }
});

// ---- commands as data ----

test('the podman variant runs the same xorriso commit on fixed container paths', () => {
  const podman: XorrisoTool = { kind: 'podman', podman: { podman: 'podman', image: 'localhost/xorriso', extraArgs: ['--pull=never'] } };
  const files = '/tmp/kindling-k3os-X';
  const commit = xorrisoCommitCommand(podman, '/out dir/.new.iso.tmp', files);
  const imageAt = commit.indexOf('localhost/xorriso');
  assert.deepEqual(commit.slice(0, imageAt + 1), [
    'podman', 'run', '--rm', '--network=none', '--security-opt', 'label=disable',
    '--volume', '/out dir:/kindling/output',
    '--volume', '/tmp/kindling-k3os-X:/kindling/files:ro',
    '--workdir', '/kindling/output', '--pull=never', '--entrypoint=xorriso', 'localhost/xorriso',
  ]);
  assert.deepEqual(commit.slice(imageAt + 1), xorrisoCommitCommand(LOCAL, '/kindling/output/.new.iso.tmp', CONTAINER_PATHS.files).slice(1));
  assert.deepEqual(commit.slice(imageAt + 1, imageAt + 11), [
    '-dev', '/kindling/output/.new.iso.tmp', '-boot_image', 'any', 'keep',
    '-map', '/kindling/files/config.yaml', '/k3os/system/config.yaml', '-map', '/kindling/files/grub.cfg',
  ]);
  assert.equal(commit.at(-1), '-commit');
  assert.ok(!commit.includes('replay') && !commit.includes('-outdev'), 'an in-place incremental write, never -indev/-outdev replay');
  assert.throws(() => xorrisoCommitCommand(podman, '/a:b/out.iso', files), /cannot mount a path that contains ':'/);
});

// ---- real xorriso and grub-mkrescue ----

let fixture: Promise<{ dir: string; base: string }> | undefined;
/** Built once; a missing tool fails every test that needs it, naming the apt packages. */
function k3osBase(): Promise<{ dir: string; base: string }> {
  fixture ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-k3os-iso-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return { dir, base: buildK3osIso(dir) };
  })();
  return fixture;
}

const hashOf = (file: string): string => sha256(fs.readFileSync(file));

/** Runs `body` with os.tmpdir() pointing at a fresh folder, and returns what is left in it. */
async function withPrivateTmp(body: () => Promise<void>): Promise<string[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-k3os-tmp-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    await body();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  const left = fs.readdirSync(tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
  return left;
}

function workDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-k3os-out-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('remasters a k3OS ISO locally: config and kernel args read back, boot records and volume id kept, base untouched', async () => {
  const { base } = await k3osBase();
  const dir = workDir();
  const output = path.join(dir, 'node-1.iso');
  const before = hashOf(base);
  const logged: string[] = [];
  const progress: Array<[number, number]> = [];
  let result: Awaited<ReturnType<typeof remasterK3osIso>> | undefined;
  const left = await withPrivateTmp(async () => {
    result = await remasterK3osIso({ base, output, config: CONFIG, kernelArgs: INSTALL, tool: LOCAL, log: (l) => logged.push(l), progress: (d, t) => progress.push([d, t]) });
  });
  assert.deepEqual(left, [], 'the private copy of the config is removed');
  assert.equal(hashOf(base), before, 'the base is byte-identical');
  assert.equal(result?.volumeId, 'K3OS');

  assert.deepEqual(extractFromIso(output, '/k3os/system/config.yaml', dir), CONFIG);
  const grubCfg = extractFromIso(output, '/boot/grub/grub.cfg', dir).toString('utf8');
  assert.equal(grubCfg, result?.grubCfg);
  assert.equal(linuxLines(grubCfg)[0], 'linux (loop0)/vmlinuz printk.devkmsg=on k3os.mode=install k3os.install.silent=true k3os.install.device=/dev/vda k3os.install.power_off=true console=ttyS0 console=tty1');
  assert.match(grubCfg, /^set timeout=1$/m);
  // Other files of the base are still there.
  assert.equal(extractFromIso(output, '/k3os/system/kernel/current/initrd', dir).toString(), 'not an initrd\n');

  const was = describeIso(base, '/k3os/system/config.yaml');
  const now = describeIso(output, '/k3os/system/config.yaml');
  assert.equal(now.volumeId, 'K3OS');
  assert.ok(was.bootImages.filter((l) => l.startsWith('El Torito boot img')).length >= 2, `BIOS and UEFI images in the base: ${was.bootImages.join('; ')}`);
  assert.deepEqual(now.bootImages, was.bootImages);
  assert.match(now.listing, /^-r-------- +1 0 +0 +\d+ .*'\/k3os\/system\/config.yaml'$/, 'only root reads the config on the CD');

  const size = fs.statSync(base).size;
  assert.deepEqual(progress.at(-1), [size, size]);
  assert.ok(logged.some((l) => l.includes('-commit')), 'the command lines are logged');
  assert.ok(!logged.some((l) => l.includes(SECRET) || l.includes('$6$hash')), 'the config is never logged');
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('refuses an ISO that is not k3OS, saying what it found, and writes nothing', async () => {
  const { dir } = await k3osBase();
  const other = buildDataIso(dir, 'OTHER');
  const notIso = path.join(dir, 'notes.iso');
  fs.writeFileSync(notIso, 'just text\n'.repeat(5000));
  const out = workDir();
  const cases: Array<[string, RegExp]> = [
    [other, /is not a k3OS ISO: its volume id is "OTHER", not K3OS, it has no \/k3os folder, it has no \/boot\/grub\/grub.cfg/],
    [notIso, /is not an ISO 9660 image/],
    [path.join(dir, 'missing.iso'), /the base ISO .*missing.iso does not exist/],
  ];
  for (const [base, message] of cases) {
    await assert.rejects(remasterK3osIso({ base, output: path.join(out, 'x.iso'), config: CONFIG, kernelArgs: INSTALL, tool: LOCAL }), (err: Error) => {
      assert.ok(err instanceof IsoError, err.message);
      assert.match(err.message, message);
      return true;
    });
  }
  const relabelled = buildK3osIso(dir, 'K3OS_OLD');
  await assert.rejects(remasterK3osIso({ base: relabelled, output: path.join(out, 'x.iso'), config: CONFIG, kernelArgs: INSTALL, tool: LOCAL }), /its volume id is "K3OS_OLD", not K3OS; choose/);
  assert.deepEqual(fs.readdirSync(out), []);
});

test('refuses to write over the base, under any spelling of its path', async () => {
  const { base } = await k3osBase();
  const before = hashOf(base);
  for (const output of [base, path.join(path.dirname(base), '.', path.basename(base))]) {
    await assert.rejects(remasterK3osIso({ base, output, config: CONFIG, kernelArgs: INSTALL, tool: LOCAL }), (err: Error) => err instanceof OutputError && /it is the input/.test(err.message));
  }
  assert.equal(hashOf(base), before);
});

test('cancelling during the copy or during xorriso leaves no output and no temporary files', async () => {
  const { base } = await k3osBase();
  const dir = workDir();
  const output = path.join(dir, 'cancelled.iso');
  const duringCopy = new AbortController();
  const leftAfterCopy = await withPrivateTmp(() =>
    assert.rejects(
      remasterK3osIso({ base, output, config: CONFIG, kernelArgs: INSTALL, tool: LOCAL, signal: duringCopy.signal, progress: () => duringCopy.abort() }),
      CancelledError,
    ),
  );
  const duringXorriso = new AbortController();
  const log = (line: string) => line.includes('-commit') && setImmediate(() => duringXorriso.abort());
  const leftAfterXorriso = await withPrivateTmp(() =>
    assert.rejects(remasterK3osIso({ base, output, config: CONFIG, kernelArgs: INSTALL, tool: LOCAL, signal: duringXorriso.signal, log }), CancelledError),
  );
  assert.ok(duringCopy.signal.aborted && duringXorriso.signal.aborted, 'both runs were cancelled');
  assert.deepEqual([leftAfterCopy, leftAfterXorriso], [[], []]);
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('hostile file names (spaces, quotes, leading dash, $()) are only names', async () => {
  const { base: pristine } = await k3osBase();
  const dir = path.join(workDir(), `a b $(touch pwned) 'q"`);
  fs.mkdirSync(dir);
  const base = path.join(dir, `-base $(touch pwned) 'x".iso`);
  fs.copyFileSync(pristine, base);
  const configFile = path.join(dir, `--config $(touch pwned).yaml`);
  fs.writeFileSync(configFile, CONFIG);
  const output = path.join(dir, `-out; touch pwned "y'.iso`);
  const cwd = process.cwd();
  await remasterK3osIso({ base, output, config: fs.readFileSync(configFile), kernelArgs: INSTALL, tool: LOCAL });
  assert.deepEqual(extractFromIso(output, '/k3os/system/config.yaml', dir), CONFIG);
  assert.equal(describeIso(output, '/boot/grub/grub.cfg').volumeId, 'K3OS');
  assert.deepEqual(fs.readdirSync(dir).sort(), [path.basename(configFile), path.basename(base), path.basename(output)].sort());
  assert.ok(!fs.existsSync(path.join(cwd, 'pwned')));
});

test('a missing xorriso or podman is a clear sentence naming the package', async () => {
  const { base } = await k3osBase();
  const dir = workDir();
  const output = path.join(dir, 'x.iso');
  await assert.rejects(
    remasterK3osIso({ base, output, config: CONFIG, kernelArgs: INSTALL, tool: { kind: 'local', xorriso: '/nonexistent/xorriso' } }),
    (err: Error) => err instanceof ProcessError && err.reason === 'missing' && /xorriso is not installed .*apt install xorriso/.test(err.message),
  );
  const podman: XorrisoTool = { kind: 'podman', podman: { podman: '/nonexistent/podman', image: 'localhost/xorriso', extraArgs: [] } };
  await assert.rejects(
    remasterK3osIso({ base, output, config: CONFIG, kernelArgs: INSTALL, tool: podman }),
    (err: Error) => err instanceof ProcessError && /podman is not installed .*apt install podman/.test(err.message),
  );
  assert.deepEqual(fs.readdirSync(dir), []);
});
