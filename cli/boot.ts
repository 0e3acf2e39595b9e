/**
 * `kindling boot`: boots a node with its config in QEMU before any hardware is flashed. A qcow2
 * base image boots through an overlay in a fresh run folder with the config in fw_cfg; an ISO
 * boots as it is, or — given a config — from a copy in the run folder with the config built in
 * (Fedora CoreOS embed, k3OS remaster). The serial console is this terminal.
 */
import * as os from 'os';
import * as path from 'path';
import { configPayload } from '../engine/payload';
import { Accel, BootOs, bootOsOf, DEFAULT_FORWARDS, parsePortForward, PortForward } from '../engine/qemu/bootPlan';
import { chooseAccel, startVm } from '../engine/host/qemuRun';
import { BootBase, bootRequestProblem, BootRequest, describeBoot, prepareBoot, removeRunFolder } from '../engine/host/bootRun';
import { ParsedArgs, UsageError } from './args';
import { loadConfigFile, requireFile } from './configFile';

export const BOOT_SPEC = {
  valued: ['--image', '--iso', '--memory', '--cpus', '--accel', '--forward', '--runs-dir', '--qemu', '--qemu-img', '--firmware', '--xorriso'],
  switches: ['--dry-run', '--fcos', '--flatcar', '--no-forward', '--keep-run'],
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
    const forward = parsePortForward(spec);
    if (!forward) throw new UsageError(`--forward wants HOST:GUEST ports such as 2222:22, not "${spec}"`);
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
  return { kind: 'ignition', content: payload.content, os: flag ?? bootOsOf(payload.os) };
}

export async function runBoot(args: ParsedArgs, io: BootStreams): Promise<number> {
  const image = args.flags.get('--image') as string | undefined;
  const iso = args.flags.get('--iso') as string | undefined;
  if ((image === undefined) === (iso === undefined)) throw new UsageError('boot needs exactly one of --image BASE.qcow2 and --iso IMAGE.iso');
  if (args.flags.has('--fcos') && args.flags.has('--flatcar')) throw new UsageError('--fcos and --flatcar exclude each other');
  if (args.positionals.length > 1) throw new UsageError('boot takes one CONFIG');
  requireFile(image ?? iso!);

  const config = args.positionals.length === 1 ? loadConfig(args, io) : undefined;
  if (args.positionals.length === 1 && !config) return 1;
  const problem = bootRequestProblem({ base: { kind: image !== undefined ? 'disk' : 'iso' }, config });
  if (problem) throw new UsageError(problem);
  if (image !== undefined && !config?.os) throw new UsageError('say which OS the image is: --fcos or --flatcar (the Ignition config does not tell)');
  const base: BootBase = image !== undefined ? { kind: 'disk', image, os: config!.os! } : { kind: 'iso', iso: iso! };

  // Every flag is read before anything is created.
  const dryRun = args.flags.has('--dry-run');
  const wantedAccel = accelFlag(args);
  const log = (line: string) => io.stderr(`${line}\n`);
  const request: BootRequest = {
    base,
    config: config && { kind: config.kind, content: config.content },
    runsDir: path.resolve((args.flags.get('--runs-dir') as string | undefined) ?? path.join(os.tmpdir(), 'kindling-runs')),
    memoryMiB: positiveInt(args, '--memory', 2048),
    cpus: positiveInt(args, '--cpus', 2),
    accel: wantedAccel === 'kvm' ? 'kvm' : 'tcg',
    forwards: forwards(args),
    firmware: args.flags.get('--firmware') as string | undefined,
    qemu: (args.flags.get('--qemu') as string | undefined) ?? 'qemu-system-x86_64',
    qemuImg: (args.flags.get('--qemu-img') as string | undefined) ?? 'qemu-img',
    xorriso: { kind: 'local', xorriso: (args.flags.get('--xorriso') as string | undefined) ?? 'xorriso' },
    log,
  };
  if (dryRun) {
    for (const line of describeBoot(request)) io.stdout(`${line}\n`);
    return 0;
  }
  const { accel, note } = await chooseAccel(wantedAccel);
  if (note) io.stderr(`kindling: ${note}\n`);
  const { folder, argv } = await prepareBoot({ ...request, accel });
  const keep = args.flags.has('--keep-run');
  io.stderr(`kindling: run folder ${folder}${keep ? '' : ' (removed when QEMU exits; --keep-run keeps it)'}\n`);
  try {
    const vm = await startVm(argv, log);
    vm.process.stdout?.on('data', (chunk: Buffer) => io.stdout(chunk.toString('utf8')));
    vm.process.stderr?.on('data', (chunk: Buffer) => io.stderr(chunk.toString('utf8')));
    process.stdin.pipe(vm.process.stdin!);
    // Ctrl-C or a kill ends the VM first, so the run folder is still cleaned up.
    const stop = () => vm.stop();
    process.once('SIGINT', stop).once('SIGTERM', stop);
    const code = await vm.exited;
    process.off('SIGINT', stop).off('SIGTERM', stop);
    process.stdin.unpipe(vm.process.stdin!);
    process.stdin.pause();
    return code === 0 ? 0 : 1;
  } finally {
    if (!keep) await removeRunFolder(folder);
  }
}
