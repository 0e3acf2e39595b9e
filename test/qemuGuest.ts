/**
 * The probe guest the QEMU boot tests start: Debian's cloud kernel and a busybox initramfs
 * whose /init prints, on the serial port, what the VM was given (the sha256 of each Ignition
 * config passed through fw_cfg, of config files on the boot CD, of an embedded /config.ign,
 * and the kernel command line), then powers off. A test compares those hashes with the bytes
 * it generated. Built once per machine into a cache folder under the temp dir (see
 * ../shared/reference/boot-iso.md §A for the recipe and the measured timings).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { sha256 } from '../client/src/fileOps';

// e2e/boot.test.mjs hashes with the same function as the tests.
export { sha256 };

/** The Debian packages these tests need, by the program (or file) each one provides. */
const QEMU_TEST_TOOLS = [
  { program: 'qemu-system-x86_64', pkg: 'qemu-system-x86' },
  { program: 'qemu-img', pkg: 'qemu-utils' },
  { program: 'xorriso', pkg: 'xorriso' },
  { program: 'grub-mkrescue', pkg: 'grub-common' },
  { file: '/usr/lib/grub/i386-pc/boot_hybrid.img', pkg: 'grub-pc-bin' },
  { file: '/bin/busybox', pkg: 'busybox-static' },
  // grub-mkrescue formats its EFI image with mtools whenever grub-efi-amd64-bin is installed.
  { program: 'mformat', pkg: 'mtools' },
] as const;

/** What .ci/run installs for them: `apt-get install --no-install-recommends <these>`. */
const QEMU_TEST_APT_PACKAGES = [...new Set(QEMU_TEST_TOOLS.map((t) => t.pkg))];

/** The kernel command line of every probe boot: serial console, exit on panic. */
export const GUEST_KERNEL_ARGS = 'console=ttyS0 panic=-1 quiet';

/** QEMU options every probe boot shares: TCG (KVM hangs on the CI host), no NIC, serial on stdout. */
const QEMU_PROBE_ARGS = ['-accel', 'tcg', '-m', '512', '-nic', 'none', '-display', 'none', '-no-reboot', '-serial', 'stdio', '-monitor', 'none'];

const KERNEL_META_PACKAGE = 'linux-image-cloud-amd64';
const FW_CFG_MODULE = 'qemu_fw_cfg';
/** What the guest needs to mount a CD with the cloud kernel (ATA only: boot it with `-machine pc`), in load order. */
const CD_MODULES = ['scsi_common', 'scsi_mod', 'libata', 'ata_piix', 'cdrom', 'sr_mod', 'isofs'];
/** Files on the boot CD whose hashes the guest reports. */
const CD_FILES = ['k3os/system/config.yaml', 'coreos/igninfo.json'];

const PROBE_INIT = `#!/bin/busybox sh
# Probe guest: report on the serial port what this VM was given, then power off.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
# A k3OS cmdline ends with console=tty1, which makes /dev/console the screen: use the port itself.
[ -c /dev/ttyS0 ] && exec >/dev/ttyS0 2>&1
digest() { sha256sum < "$1" | cut -d' ' -f1; }
echo "PROBE-START"
# An ISO embed area (an extra initrd) unpacks its config here.
[ -f /config.ign ] && echo "EMBED-CONFIG-SHA256: $(digest /config.ign)"
# Debian builds fw_cfg's sysfs view as a module (absent from the initramfs if it is built in).
if [ -f /lib/modules/${FW_CFG_MODULE}.ko ]; then insmod /lib/modules/${FW_CFG_MODULE}.ko || echo "FWCFG-INSMOD-FAILED"; fi
given=0
for name in opt/com.coreos/config opt/org.flatcar-linux/config; do
  raw=/sys/firmware/qemu_fw_cfg/by_name/$name/raw
  [ -r "$raw" ] || continue
  given=1
  echo "FWCFG-NAME: $name"
  echo "FWCFG-SHA256: $(digest "$raw")"
done
[ $given = 1 ] || echo "FWCFG-MISSING"
# Only the CD initramfs has these modules; they are numbered in load order.
if [ -d /lib/modules/cd ]; then
  for m in /lib/modules/cd/*.ko; do [ -f "$m" ] && insmod "$m" 2>/dev/null; done
  waited=0
  while [ ! -b /dev/sr0 ] && [ $waited -lt 100 ]; do sleep 0.1; waited=$((waited+1)); done
  if mount -t iso9660 -o ro /dev/sr0 /mnt 2>/dev/null; then
    for p in ${CD_FILES.join(' ')}; do
      [ -f "/mnt/$p" ] && echo "CD-FILE-SHA256 $p: $(digest "/mnt/$p")"
    done
    umount /mnt
  else
    echo "CD-NOT-MOUNTED"
  fi
fi
echo "CMDLINE: $(cat /proc/cmdline)"
echo "PROBE-END"
poweroff -f
`;

/** The probe guest's files; all paths are inside `dir`, the machine-wide cache. */
export interface Guest {
  /** The kernel image (bzImage). */
  kernel: string;
  /** The initramfs for fw_cfg and embed probes (direct-kernel and disk boots). */
  initrd: string;
  /** The same plus the CD modules, for ISO boots (`-machine pc`); waits up to 10 s for /dev/sr0. */
  cdInitrd: string;
  /** The kernel package's version, e.g. 6.1.192-2. */
  version: string;
  /** The kernel package, e.g. linux-image-6.1.0-56-cloud-amd64. */
  kernelPackage: string;
  /** The CD modules packed as .ko files, in load order (built-in ones are left out). */
  cdModules: string[];
  dir: string;
}

const COMPLETE_MARKER = 'complete.json';
let prepared: Guest | undefined;

/** Fails (never skips) when a tool is missing, naming the Debian package. */
function requireQemuTestTools(): void {
  const missing = QEMU_TEST_TOOLS.filter((t) =>
    'file' in t ? !fs.existsSync(t.file) : spawnSync(t.program, ['--version'], { stdio: 'ignore' }).error !== undefined,
  );
  if (missing.length) {
    const names = missing.map((t) => ('file' in t ? t.file : t.program)).join(', ');
    throw new Error(`${names} missing: apt-get install --no-install-recommends ${missing.map((t) => t.pkg).join(' ')} (the QEMU tests need ${QEMU_TEST_APT_PACKAGES.join(' ')})`);
  }
  const busybox = run(['dpkg-query', '-W', '-f=${Status}', 'busybox-static'], { allowFailure: true });
  if (!busybox.includes('installed')) throw new Error('/bin/busybox must be the static one for the guest initramfs: apt-get install busybox-static');
}

function run(argv: string[], options: { cwd?: string; allowFailure?: boolean } = {}): string {
  const r = spawnSync(argv[0], argv.slice(1), { cwd: options.cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${argv[0]} could not be run: ${r.error.message}`);
  if (r.status !== 0 && !options.allowFailure) throw new Error(`${argv.join(' ')} failed (exit ${r.status ?? r.signal}): ${r.stderr.trim().split('\n').pop()}`);
  return r.stdout;
}

/**
 * The cloud kernel package apt would install now (the meta package's dependency, never a
 * hard-coded ABI), and its version. apt-cache takes ~0.7 s per call here, so the version comes
 * from the meta package's exact `(= version)` pin when it has one.
 */
function resolveKernelPackage(): { kernelPackage: string; version: string } {
  const meta = run(['apt-cache', 'show', '--no-all-versions', KERNEL_META_PACKAGE], { allowFailure: true });
  const depends = /^Depends:.*?\b(linux-image-[0-9][^\s,]*)(?: \(= ([^)\s]+)\))?/m.exec(meta);
  if (!depends) throw new Error(`apt-cache does not know ${KERNEL_META_PACKAGE}: run apt-get update (the QEMU tests download Debian's cloud kernel)`);
  const [, kernelPackage, pinned] = depends;
  const version = pinned ?? /^Version: (\S+)$/m.exec(run(['apt-cache', 'show', '--no-all-versions', kernelPackage]))?.[1];
  if (!version) throw new Error(`apt-cache show ${kernelPackage} printed no version`);
  return { kernelPackage, version };
}

/**
 * The guest, built on first use into `<tmp>/kindling-qemu-guest-<version>-<recipe hash>` and
 * reused while complete. Concurrent test processes each build in a private folder and rename it
 * into place; the loser discards its copy.
 */
export function prepareGuest(): Guest {
  if (prepared) return prepared;
  requireQemuTestTools();
  const { kernelPackage, version } = resolveKernelPackage();
  const recipe = sha256(JSON.stringify([PROBE_INIT, FW_CFG_MODULE, CD_MODULES])).slice(0, 12);
  const dir = path.join(os.tmpdir(), `kindling-qemu-guest-${version}-${recipe}`);
  const marker = path.join(dir, COMPLETE_MARKER);
  if (!fs.existsSync(marker)) {
    fs.rmSync(dir, { recursive: true, force: true }); // a half-built cache
    const building = fs.mkdtempSync(`${dir}.building-`);
    try {
      buildGuestFiles(building, kernelPackage, version);
      fs.renameSync(building, dir);
    } catch (err) {
      fs.rmSync(building, { recursive: true, force: true });
      if (!fs.existsSync(marker)) throw err;
    }
  }
  const built = JSON.parse(fs.readFileSync(marker, 'utf8')) as { cdModules: string[] };
  prepared = {
    kernel: path.join(dir, 'vmlinuz'),
    initrd: path.join(dir, 'initrd.gz'),
    cdInitrd: path.join(dir, 'initrd-cd.gz'),
    version,
    kernelPackage,
    cdModules: built.cdModules,
    dir,
  };
  return prepared;
}

function buildGuestFiles(dir: string, kernelPackage: string, version: string): void {
  const download = path.join(dir, 'download');
  fs.mkdirSync(download);
  run(['apt-get', 'download', kernelPackage], { cwd: download });
  const deb = fs.readdirSync(download).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${kernelPackage} wrote no .deb`);
  const tree = path.join(dir, 'package');
  run(['dpkg-deb', '-x', path.join(download, deb), tree]);

  const vmlinuz = fs.readdirSync(path.join(tree, 'boot')).find((f) => f.startsWith('vmlinuz-'));
  if (!vmlinuz) throw new Error(`${kernelPackage} has no boot/vmlinuz-*`);
  fs.copyFileSync(path.join(tree, 'boot', vmlinuz), path.join(dir, 'vmlinuz'));

  const modules = kernelModules(tree);
  const fwCfg = modules.find(FW_CFG_MODULE);
  const cd = CD_MODULES.flatMap((name) => {
    const file = modules.find(name);
    return file ? [{ name, file }] : [];
  });
  const base: NewcEntry[] = [
    ...['bin', 'dev', 'proc', 'sys', 'mnt', 'lib', 'lib/modules'].map((name) => ({ name, mode: 0o40755 })),
    // The kernel opens /dev/console before /init runs; without it early errors would be lost.
    { name: 'dev/console', mode: 0o20600, rdev: [5, 1] as const },
    { name: 'init', mode: 0o100755, data: Buffer.from(PROBE_INIT) },
    { name: 'bin/busybox', mode: 0o100755, data: fs.readFileSync('/bin/busybox') },
    ...(fwCfg ? [{ name: `lib/modules/${FW_CFG_MODULE}.ko`, mode: 0o100644, data: fs.readFileSync(fwCfg) }] : []),
  ];
  const cdEntries: NewcEntry[] = [
    { name: 'lib/modules/cd', mode: 0o40755 },
    ...cd.map(({ name, file }, i) => ({ name: `lib/modules/cd/${String(i + 1).padStart(2, '0')}-${name}.ko`, mode: 0o100644, data: fs.readFileSync(file) })),
  ];
  fs.writeFileSync(path.join(dir, 'initrd.gz'), gzipSync(newcArchive(base), { level: 9 }));
  fs.writeFileSync(path.join(dir, 'initrd-cd.gz'), gzipSync(newcArchive([...base, ...cdEntries]), { level: 9 }));
  fs.rmSync(download, { recursive: true });
  fs.rmSync(tree, { recursive: true });
  // Written last: its presence means the folder is whole.
  fs.writeFileSync(path.join(dir, COMPLETE_MARKER), JSON.stringify({ kernelPackage, version, cdModules: cd.map((m) => m.name) }));
}

/**
 * Finds a module's .ko in an unpacked kernel package; undefined when the kernel has it built in
 * (listed in modules.builtin). Debian 12 ships plain .ko files and no modules.dep, so the
 * guest loads them with busybox insmod by path, in an order fixed here.
 */
function kernelModules(tree: string): { find(name: string): string | undefined } {
  const [release] = fs.readdirSync(path.join(tree, 'lib', 'modules'));
  const root = path.join(tree, 'lib', 'modules', release);
  const byName = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      const match = /^(.+)\.ko(\.\w+)?$/.exec(entry.name);
      if (entry.isDirectory()) walk(file);
      else if (match) byName.set(match[1].replace(/-/g, '_'), file);
    }
  };
  walk(path.join(root, 'kernel'));
  const builtinFile = path.join(root, 'modules.builtin');
  const builtin = new Set(
    (fs.existsSync(builtinFile) ? fs.readFileSync(builtinFile, 'utf8') : '').split('\n').map((l) => path.basename(l).replace(/\.ko$/, '').replace(/-/g, '_')),
  );
  return {
    find(name) {
      const file = byName.get(name);
      if (file?.endsWith('.ko')) return file;
      if (file) throw new Error(`${file} is compressed; busybox insmod in the probe guest needs a plain .ko`);
      if (builtin.has(name)) return undefined;
      throw new Error(`kernel ${release} has no module ${name}, neither as a .ko nor built in`);
    },
  };
}

interface NewcEntry {
  /** Relative path, no leading slash. */
  name: string;
  /** File type and permission bits, e.g. 0o100644. */
  mode: number;
  data?: Buffer;
  /** Device number [major, minor] of a device node. */
  rdev?: readonly [number, number];
}

/** A newc cpio archive (the kernel's initramfs format), owned by root, mtime 0. */
export function newcArchive(entries: readonly NewcEntry[]): Buffer {
  const parts: Buffer[] = [];
  const pad = (length: number) => Buffer.alloc((4 - (length % 4)) % 4);
  const member = (ino: number, name: string, mode: number, nlink: number, data: Buffer, rdev: readonly [number, number]) => {
    const fields = [ino, mode, 0, 0, nlink, 0, data.length, 0, 0, rdev[0], rdev[1], Buffer.byteLength(name) + 1, 0];
    const header = Buffer.from(`070701${fields.map((f) => f.toString(16).padStart(8, '0')).join('')}${name}\0`);
    parts.push(header, pad(header.length), data, pad(data.length));
  };
  entries.forEach((e, i) => member(i + 1, e.name, e.mode, (e.mode & 0o170000) === 0o040000 ? 2 : 1, e.data ?? Buffer.alloc(0), e.rdev ?? [0, 0]));
  member(0, 'TRAILER!!!', 0, 1, Buffer.alloc(0), [0, 0]);
  return Buffer.concat(parts);
}

/** `dir/stem.ext`, or `dir/stem-2.ext` and so on when taken: building twice in one folder keeps both. */
function freshPath(dir: string, stem: string, ext: string): string {
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? `${stem}${ext}` : `${stem}-${n}${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/** A GRUB config whose first entry boots the probe kernel: the one a k3OS remaster edits. */
function probeGrubCfg(initrds: readonly string[]): string {
  return [
    'serial --unit=0 --speed=115200',
    'terminal_input serial console',
    'terminal_output serial console',
    'set timeout=0',
    'menuentry "Kindling probe guest" {',
    `  linux /boot/vmlinuz ${GUEST_KERNEL_ARGS}`,
    `  initrd ${initrds.join(' ')}`,
    '}',
    '',
  ].join('\n');
}

/**
 * A grub-mkrescue hybrid ISO (El Torito BIOS + UEFI, and an MBR that boots it as a disk) with
 * the probe kernel, `initrd` as /boot/initrd.gz, and `files` (ISO path without a leading slash
 * → content). `extraInitrds` (ISO paths among `files`, e.g. /images/ignition.img) are loaded
 * after it, as a Fedora CoreOS live ISO loads its embed area.
 */
function buildGrubIso(guest: Guest, dir: string, name: string, initrd: string, files: Record<string, Buffer | string>, volumeId: string, extraInitrds: readonly string[] = []): string {
  const tree = fs.mkdtempSync(path.join(dir, `${name}-tree-`));
  const place = (isoPath: string, content: Buffer | string) => {
    const target = path.join(tree, isoPath);
    if (!target.startsWith(tree + path.sep)) throw new Error(`ISO path ${isoPath} leaves the ISO`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  };
  place('boot/vmlinuz', fs.readFileSync(guest.kernel));
  place('boot/initrd.gz', fs.readFileSync(initrd));
  place('boot/grub/grub.cfg', probeGrubCfg(['/boot/initrd.gz', ...extraInitrds]));
  for (const [isoPath, content] of Object.entries(files)) place(isoPath, content);
  const iso = freshPath(dir, name, '.iso');
  // Only the GRUB modules the config needs: keeps the ISO near 20 MB instead of 35.
  const modules = 'normal linux serial terminal iso9660 part_msdos part_gpt gzio';
  run(['grub-mkrescue', `--install-modules=${modules}`, '--fonts=', '--locales=', '--themes=', '-o', iso, tree, '--', '-volid', volumeId]);
  // grub-mkrescue can exit 0 without writing the image when a GRUB platform package is missing.
  if (!fs.existsSync(iso)) throw new Error(`grub-mkrescue wrote no ISO: apt-get install ${QEMU_TEST_APT_PACKAGES.join(' ')}`);
  fs.rmSync(tree, { recursive: true });
  return iso;
}

/**
 * A bootable probe ISO carrying `files` (e.g. `{ 'k3os/system/config.yaml': yaml }`); its guest
 * mounts the CD and reports CD-FILE-SHA256 lines. Boot it with `-machine pc -cdrom ISO -boot d`
 * (the cloud kernel has no AHCI). Its grub.cfg boots `linux /boot/vmlinuz …` in the first entry.
 */
export function buildProbeIso(guest: Guest, dir: string, files: Record<string, Buffer | string>, volumeId: string, options: { extraInitrds?: readonly string[] } = {}): string {
  return buildGrubIso(guest, dir, `probe-${volumeId}`, guest.cdInitrd, files, volumeId, options.extraInitrds);
}

/**
 * A qcow2 base image that boots the probe guest from its own disk (no -kernel), like a Fedora
 * CoreOS or Flatcar qcow2: the grub-mkrescue hybrid ISO's MBR boots GRUB from a hard disk too
 * (virtio or IDE, pc or q35), so converting the ISO to qcow2 gives a bootable disk without
 * root, loop devices or partitioning tools.
 */
export function buildGuestQcow2(guest: Guest, dir: string): string {
  const iso = buildGrubIso(guest, dir, 'probe-disk', guest.initrd, {}, 'PROBEDISK');
  const qcow2 = freshPath(dir, 'probe-base', '.qcow2');
  run(['qemu-img', 'convert', '-f', 'raw', '-O', 'qcow2', iso, qcow2]);
  fs.rmSync(iso);
  return qcow2;
}

export interface ProbeReport {
  /** Each fw_cfg config the guest found, in the order it printed them. */
  fwcfg: { name: string; sha256: string }[];
  /** The guest found neither fw_cfg config name. */
  fwcfgMissing: boolean;
  /** sha256 by CD path (e.g. k3os/system/config.yaml). */
  cdFiles: Record<string, string>;
  /** The guest has the CD modules but could not mount /dev/sr0. */
  cdNotMounted: boolean;
  embedConfigSha256?: string;
  cmdline?: string;
  started: boolean;
  ended: boolean;
}

/** Reads the guest's marker lines from a serial log (GRUB's escape codes and kernel lines may surround them). */
export function parseProbe(serialLog: string): ProbeReport {
  const report: ProbeReport = { fwcfg: [], fwcfgMissing: false, cdFiles: {}, cdNotMounted: false, started: false, ended: false };
  let fwcfgName: string | undefined;
  for (const line of serialLog.split(/\r?\n|\r/)) {
    let m: RegExpExecArray | null;
    if (line.includes('PROBE-START')) report.started = true;
    else if (line.includes('PROBE-END')) report.ended = true;
    else if (line.includes('FWCFG-MISSING')) report.fwcfgMissing = true;
    else if (line.includes('CD-NOT-MOUNTED')) report.cdNotMounted = true;
    else if ((m = /FWCFG-NAME: (\S+)/.exec(line))) fwcfgName = m[1];
    else if ((m = /FWCFG-SHA256: ([0-9a-f]{64})/.exec(line)) && fwcfgName) report.fwcfg.push({ name: fwcfgName, sha256: m[1] });
    else if ((m = /CD-FILE-SHA256 (\S+): ([0-9a-f]{64})/.exec(line))) report.cdFiles[m[1]] = m[2];
    else if ((m = /EMBED-CONFIG-SHA256: ([0-9a-f]{64})/.exec(line))) report.embedConfigSha256 = m[1];
    else if ((m = /CMDLINE: (.*)$/.exec(line))) report.cmdline = m[1].trim();
  }
  return report;
}

export interface QemuRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** The guest's serial output (QEMU_PROBE_ARGS put it on stdout). */
  serial: string;
  stderr: string;
  seconds: number;
}

/** Runs qemu-system-x86_64 with QEMU_PROBE_ARGS plus `args`, stdin from /dev/null, killed after `timeoutMs`. */
export function runQemu(args: readonly string[], timeoutMs = 90_000): QemuRun {
  const started = process.hrtime.bigint();
  const r = spawnSync('qemu-system-x86_64', [...QEMU_PROBE_ARGS, ...args], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('qemu-system-x86_64 is missing: apt-get install qemu-system-x86');
  return { status: r.status, signal: r.signal, serial: r.stdout ?? '', stderr: r.stderr ?? '', seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
