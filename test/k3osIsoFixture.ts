/**
 * A k3OS-shaped ISO for the remaster tests, built with grub-mkrescue like k3OS's own release
 * ISO: volume id K3OS, the kernel files under /k3os/system/kernel/current (dummies here, so it
 * does not boot a kernel), a shipped /k3os/system/config.yaml, and a grub.cfg laid out like
 * k3OS's: entries that search the K3OS label, loop-mount the kernel squashfs and boot
 * `(loop0)/vmlinuz … k3os.mode=… console=ttyS0 console=tty1`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** One k3OS-style menuentry; `mode` is the words between printk.devkmsg=on and the consoles. */
function entry(title: string, mode: string): string {
  return [
    `menuentry "${title}" {`,
    '  search.fs_label K3OS root',
    '  set sqfile=/k3os/system/kernel/current/kernel.squashfs',
    '  loopback loop0 /$sqfile',
    '  set root=($root)',
    `  linux (loop0)/vmlinuz printk.devkmsg=on ${mode} console=ttyS0 console=tty1`,
    '  initrd /k3os/system/kernel/current/initrd',
    '}',
  ].join('\n');
}

export const K3OS_LIKE_GRUB_CFG = [
  'set default=0\nset timeout=10\n',
  entry('k3OS LiveCD & Installer', 'k3os.mode=live'),
  entry('k3OS Installer', 'k3os.mode=install'),
  entry('k3OS Rescue Shell', 'rescue'),
  '',
].join('\n');

const TOOLS: Record<string, string> = {
  xorriso: 'xorriso',
  'grub-mkrescue': 'grub-common grub-pc-bin grub-efi-amd64-bin mtools',
};

/** Fails (never skips) when a tool is missing, naming the Debian packages CI installs. */
export function requireIsoTools(): void {
  for (const [program, packages] of Object.entries(TOOLS)) {
    const r = spawnSync(program, ['--version'], { encoding: 'utf8' });
    if (r.error) throw new Error(`${program} is needed for the k3OS ISO tests: apt-get install ${packages} (all ISO tests need xorriso grub-common grub-pc-bin grub-efi-amd64-bin mtools)`);
  }
}

function run(argv: string[]): string {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

/**
 * Builds the ISO in `dir` with grub-mkrescue (BIOS + UEFI El Torito images, hybrid MBR/GPT).
 * Only the GRUB modules k3OS's grub.cfg uses are installed, which keeps it near 5 MB.
 */
export function buildK3osIso(dir: string, volumeId = 'K3OS'): string {
  requireIsoTools();
  const tree = path.join(dir, `tree-${volumeId}`);
  const kernel = path.join(tree, 'k3os', 'system', 'kernel', 'current');
  fs.mkdirSync(kernel, { recursive: true });
  fs.mkdirSync(path.join(tree, 'boot', 'grub'), { recursive: true });
  fs.writeFileSync(path.join(kernel, 'kernel.squashfs'), 'not a squashfs: a stand-in for the kernel image\n');
  fs.writeFileSync(path.join(kernel, 'initrd'), 'not an initrd\n');
  fs.writeFileSync(path.join(tree, 'k3os', 'system', 'config.yaml'), 'k3os:\n  password: rancher\n');
  fs.writeFileSync(path.join(tree, 'boot', 'grub', 'grub.cfg'), K3OS_LIKE_GRUB_CFG);
  const iso = path.join(dir, `base-${volumeId}.iso`);
  const modules = 'normal linux search search_label loopback iso9660 squash4 part_gpt part_msdos all_video gfxterm';
  run(['grub-mkrescue', `--install-modules=${modules}`, '--fonts=', '--locales=', '--themes=', '-o', iso, tree, '--', '-volid', volumeId]);
  // grub-mkrescue can exit 0 without writing the image (k3OS's own build checks this too).
  if (!fs.existsSync(iso)) throw new Error('grub-mkrescue wrote no ISO: apt-get install grub-common grub-pc-bin grub-efi-amd64-bin mtools xorriso');
  return iso;
}

/** A plain data ISO (no boot records, no k3OS files). */
export function buildDataIso(dir: string, volumeId: string): string {
  requireIsoTools();
  const tree = path.join(dir, `data-${volumeId}`);
  fs.mkdirSync(path.join(tree, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(tree, 'docs', 'readme.txt'), 'data\n');
  const iso = path.join(dir, `data-${volumeId}.iso`);
  run(['xorriso', '-as', 'mkisofs', '-quiet', '-V', volumeId, '-o', iso, tree]);
  return iso;
}

/** One file of an ISO, read back with xorriso. */
export function extractFromIso(iso: string, isoPath: string, dir: string): Buffer {
  const to = path.join(dir, `extract-${Date.now()}-${Math.random().toString(16).slice(2)}`);
  run(['xorriso', '-osirrox', 'on', '-indev', iso, '-extract', isoPath, to]);
  const bytes = fs.readFileSync(to);
  fs.chmodSync(to, 0o600);
  fs.rmSync(to);
  return bytes;
}

/** What xorriso says about an ISO: its volume id, boot images, and one file's listing line. */
export function describeIso(iso: string, isoPath: string): { volumeId: string; bootImages: string[]; listing: string } {
  const pvd = run(['xorriso', '-indev', iso, '-pvd_info']);
  const torito = run(['xorriso', '-indev', iso, '-report_el_torito', 'plain']);
  const listing = run(['xorriso', '-indev', iso, '-lsdl', isoPath, '--']).trim();
  return {
    volumeId: /^Volume Id\s*: ?(.*)$/m.exec(pvd)?.[1].trimEnd() ?? '',
    // The boot images, their paths and options; the catalog itself moves to the new session.
    bootImages: torito.split('\n').filter((l) => /^El Torito (boot img|img path|img opts)/.test(l)),
    listing,
  };
}
