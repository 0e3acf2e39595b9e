/**
 * `kindling boot`: boots a node with its config in QEMU before any hardware is flashed. A qcow2
 * base image boots through an overlay in a fresh run folder with the config in fw_cfg; an ISO
 * boots as it is, or — given a config — from a copy in the run folder with the config built in
 * (Fedora CoreOS embed, k3OS remaster). The serial console is this terminal.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configPayload } from '../engine/payload';
import { Accel, BootOs, DEFAULT_FORWARDS, PortForward, qemuArgv, overlayArgv } from '../engine/qemu/bootPlan';
import { chooseAccel, createOverlay, createRunFolder, startVm, writeRunConfig } from '../engine/host/qemuRun';
import { embedIgnitionNatively } from '../engine/host/nativeEmbed';
import { remasterK3osIso } from '../engine/host/k3osRemaster';
import { displayCommand } from '../engine/host/processes';
import { ParsedArgs, UsageError } from './args';
import { loadConfigFile } from './configFile';

export const BOOT_SPEC = {
  valued: ['--image', '--iso', '--memory', '--cpus', '--accel', '--forward', '--runs-dir', '--qemu', '--qemu-img', '--firmware', '--xorriso'],
  switches: ['--dry-run', '--fcos', '--flatcar', '--no-forward'],
  repeatable: ['--forward'],
};

export interface BootStreams {
  stdout(s: string): void;
  stderr(s: string): void;
}

function positiveInt(args: ParsedArgs, flag: string, fallback: number): number {
  const raw = args.flags.get(flag) as string | undefined;
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a whole number above 0, not "${raw}"`);
  return value;
}

function forwards(args: ParsedArgs): PortForward[] {
  if (args.flags.has('--no-forward')) return [];
  const given = args.lists.get('--forward');
  if (!given) return [...DEFAULT_FORWARDS];
  return given.map((spec) => {
    const match = /^(\d{1,5}):(\d{1,5})$/.exec(spec);
    const forward = match && { host: Number(match[1]), guest: Number(match[2]) };
    if (!forward || forward.host < 1 || forward.host > 65535 || forward.guest < 1 || forward.guest > 65535) {
      throw new UsageError(`--forward wants HOST:GUEST ports such as 2222:22, not "${spec}"`);
    }
    return forward;
  });
}

function accelFlag(args: ParsedArgs): 'auto' | Accel {
  const accel = (args.flags.get('--accel') as string | undefined) ?? 'auto';
  if (accel !== 'auto' && accel !== 'kvm' && accel !== 'tcg') throw new UsageError(`--accel must be auto, kvm or tcg, not "${accel}"`);
  return accel;
}

/** The config as a node receives it, and for qcow2 boots the OS whose fw_cfg name to use. */
function loadConfig(args: ParsedArgs, io: BootStreams): { kind: 'ignition' | 'k3os'; content: string; os?: BootOs } | undefined {
  const config = loadConfigFile(args.positionals[0], undefined, io.stderr);
  const payload = configPayload(config.analysis, config.text, config.options);
  if (!payload.ok) {
    config.refuse(payload.reason, payload.problems);
    return undefined;
  }
  if (payload.kind === 'k3os') return { kind: 'k3os', content: payload.content };
  const flag: BootOs | undefined = args.flags.has('--flatcar') ? 'flatcar' : args.flags.has('--fcos') ? 'fcos' : undefined;
  const inferred: BootOs | undefined = payload.os === 'flatcar' ? 'flatcar' : payload.os === 'ostree' ? 'fcos' : undefined;
  return { kind: 'ignition', content: payload.content, os: flag ?? inferred };
}

export async function runBoot(args: ParsedArgs, io: BootStreams): Promise<number> {
  const image = args.flags.get('--image') as string | undefined;
  const iso = args.flags.get('--iso') as string | undefined;
  if ((image === undefined) === (iso === undefined)) throw new UsageError('boot needs exactly one of --image BASE.qcow2 and --iso IMAGE.iso');
  if (args.flags.has('--fcos') && args.flags.has('--flatcar')) throw new UsageError('--fcos and --flatcar exclude each other');
  if (image !== undefined && args.positionals.length !== 1) throw new UsageError('boot --image needs the CONFIG to pass to the node');
  if (args.positionals.length > 1) throw new UsageError('boot takes one CONFIG');
  const base = image ?? iso!;
  if (!fs.existsSync(base) || !fs.statSync(base).isFile()) throw new UsageError(`cannot read ${base}: no such file`);

  const config = args.positionals.length === 1 ? loadConfig(args, io) : undefined;
  if (args.positionals.length === 1 && !config) return 1;
  if (image !== undefined && config?.kind === 'k3os') throw new UsageError('a k3OS config boots from a k3OS ISO: use --iso k3os.iso CONFIG');
  if (image !== undefined && !config?.os) throw new UsageError('say which OS the image is: --fcos or --flatcar (the Ignition config does not tell)');

  // Every flag is read before anything is created.
  const plan = {
    qemu: (args.flags.get('--qemu') as string | undefined) ?? 'qemu-system-x86_64',
    memoryMiB: positiveInt(args, '--memory', 2048),
    cpus: positiveInt(args, '--cpus', 2),
    forwards: forwards(args),
    firmware: args.flags.get('--firmware') as string | undefined,
  };
  const dryRun = args.flags.has('--dry-run');
  const { accel, note } = dryRun ? { accel: accelFlag(args) === 'kvm' ? ('kvm' as const) : ('tcg' as const), note: undefined } : await chooseAccel(accelFlag(args));
  if (note) io.stderr(`kindling: ${note}\n`);
  const runsDir = path.resolve((args.flags.get('--runs-dir') as string | undefined) ?? path.join(os.tmpdir(), 'kindling-runs'));
  const folder = dryRun ? path.join(runsDir, '<run>') : await createRunFolder(runsDir);
  const qemuImg = (args.flags.get('--qemu-img') as string | undefined) ?? 'qemu-img';
  const log = (line: string) => io.stderr(`${line}\n`);

  // What the boot needs in its run folder; a failure before QEMU starts removes the folder again.
  const prepare = async (): Promise<string[]> => {
    let overlay: string | undefined;
    let bootIso: string | undefined;
    let configFile: string | undefined;
    if (image !== undefined) {
      configFile = dryRun ? path.join(folder, 'config.ign') : await writeRunConfig(folder, Buffer.from(config!.content, 'utf8'));
      if (dryRun) io.stdout(`${displayCommand(overlayArgv(qemuImg, path.resolve(image), path.join(folder, 'disk.qcow2')))}\n`);
      overlay = dryRun ? path.join(folder, 'disk.qcow2') : await createOverlay(folder, image, qemuImg, log);
    } else if (config && !dryRun) {
      bootIso = path.join(folder, 'boot.iso');
      const bytes = Buffer.from(config.content, 'utf8');
      if (config.kind === 'k3os') {
        const xorriso = (args.flags.get('--xorriso') as string | undefined) ?? 'xorriso';
        await remasterK3osIso({ base: iso!, output: bootIso, config: bytes, kernelArgs: { mode: 'live' }, tool: { kind: 'local', xorriso }, log });
      } else {
        await embedIgnitionNatively({ base: iso!, output: bootIso, ignition: bytes, force: true });
      }
    } else {
      bootIso = config ? path.join(folder, 'boot.iso') : path.resolve(iso!);
      if (config) io.stdout(`# ${bootIso}: a copy of ${iso} with the config built in (${config.kind === 'k3os' ? 'k3OS remaster' : 'Ignition embed'})\n`);
    }
    return qemuArgv({ ...plan, accel, overlay, iso: bootIso, config: configFile && config?.os ? { os: config.os, file: configFile } : undefined });
  };
  let argv: string[];
  try {
    argv = await prepare();
  } catch (err) {
    if (!dryRun) fs.rmSync(folder, { recursive: true, force: true });
    throw err;
  }
  if (dryRun) {
    io.stdout(`${displayCommand(argv)}\n`);
    return 0;
  }
  io.stderr(`kindling: run folder ${folder}\n`);
  const vm = await startVm(argv, log);
  vm.process.stdout?.on('data', (chunk: Buffer) => io.stdout(chunk.toString('utf8')));
  vm.process.stderr?.on('data', (chunk: Buffer) => io.stderr(chunk.toString('utf8')));
  process.stdin.pipe(vm.process.stdin!);
  const code = await vm.exited;
  process.stdin.unpipe(vm.process.stdin!);
  process.stdin.pause();
  return code === 0 ? 0 : 1;
}
