/**
 * One test boot, the same for `kindling boot` and "Kindling: Boot in QEMU": the run folder and
 * what goes into it (the config and a qcow2 overlay, or a copy of the ISO with the config built
 * in), then QEMU's argument list. The base image is only ever read.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { Accel, BootOs, BootPlan, overlayArgv, PortForward, qemuArgv } from '../qemu/bootPlan';
import { compressionOf } from '../iso/initrdStreams';
import { busyHostPorts, createOverlay, createRunFolder, writeRunConfig } from './qemuRun';
import { embedIgnitionNatively } from './nativeEmbed';
import { remasterK3osIso, XorrisoTool } from './k3osRemaster';
import { displayCommand, ProcessError, ProcessLog } from './processes';

export type BootBase = { kind: 'disk'; image: string; os: BootOs } | { kind: 'iso'; iso: string };

export interface BootRequest {
  base: BootBase;
  /** What the node receives; a disk boot needs Ignition, an ISO boot takes either or none. */
  config?: { kind: 'ignition' | 'k3os'; content: string };
  runsDir: string;
  memoryMiB: number;
  cpus: number;
  accel: Accel;
  forwards: readonly PortForward[];
  firmware?: string;
  qemu: string;
  qemuImg: string;
  xorriso: XorrisoTool;
  log?: ProcessLog;
  signal?: AbortSignal;
  /** Bytes of the base ISO copied so far, when an ISO is copied. */
  progress?: (done: number, total: number) => void;
}

export interface PreparedBoot {
  /** The run folder; everything this boot writes is inside it. */
  folder: string;
  /** QEMU's argument list, program first. */
  argv: string[];
}

/** Why a request cannot boot, before anything is created (or any image is chosen); undefined when it can. */
export function bootRequestProblem(request: { base: Pick<BootBase, 'kind'>; config?: Pick<NonNullable<BootRequest['config']>, 'kind'> }): string | undefined {
  if (request.base.kind !== 'disk') return undefined;
  if (!request.config) return 'a disk image boots with an Ignition config passed through fw_cfg: give the config';
  if (request.config.kind === 'k3os') return 'a k3OS config boots from a k3OS ISO, not from a disk image';
  return undefined;
}

function bootIsoNote(iso: string, config: NonNullable<BootRequest['config']>): string {
  return `a copy of ${iso} with the config built in (${config.kind === 'k3os' ? 'k3OS remaster' : 'Ignition embed'})`;
}

/** QEMU's argument list for the request, booting `media`. */
function argvFor(request: BootRequest, media: Pick<BootPlan, 'overlay' | 'iso' | 'config'>): string[] {
  const { qemu, memoryMiB, cpus, accel, forwards, firmware } = request;
  return qemuArgv({ qemu, memoryMiB, cpus, accel, forwards, firmware, ...media });
}

/** The files a boot writes into its run folder. */
const RUN_FILES = { overlay: 'disk.qcow2', config: 'config.ign', iso: 'boot.iso' } as const;

/**
 * What QEMU boots for `request` with its run folder at `folder`: a disk boot's overlay and
 * config, or the ISO (a copy with the config built in, when there is a config). The dry run and
 * the real one share it, so they name the same files.
 */
function runMedia(request: BootRequest, folder: string): Pick<BootPlan, 'overlay' | 'iso' | 'config'> {
  const { base } = request;
  if (base.kind === 'disk') return { overlay: path.join(folder, RUN_FILES.overlay), config: { os: base.os, file: path.join(folder, RUN_FILES.config) } };
  return { iso: request.config ? path.join(folder, RUN_FILES.iso) : path.resolve(base.iso) };
}

/**
 * What a boot would do, without doing it: the commands it would run (with `<run>` for the run
 * folder that does not exist yet) and QEMU's argument list. For `--dry-run`.
 */
export function describeBoot(request: BootRequest): string[] {
  const { base, config } = request;
  const media = runMedia(request, path.join(request.runsDir, '<run>'));
  const lines: string[] = [];
  if (base.kind === 'disk') lines.push(displayCommand(overlayArgv(request.qemuImg, path.resolve(base.image), media.overlay!)));
  else if (config) lines.push(`# ${media.iso}: ${bootIsoNote(base.iso, config)}`);
  lines.push(displayCommand(argvFor(request, media)));
  return lines;
}

const QCOW2_MAGIC = Buffer.from('QFI\xfb', 'latin1');

/**
 * A disk base must be qcow2 (it becomes the overlay's backing file). Images are downloaded
 * compressed (`…qemu.x86_64.qcow2.xz`), so a compressed one gets the command that unpacks it.
 */
async function checkDiskImage(image: string): Promise<void> {
  const head = Buffer.alloc(8);
  const file = await fs.open(image, 'r');
  try {
    await file.read(head, 0, head.length, 0);
  } finally {
    await file.close();
  }
  if (head.subarray(0, 4).equals(QCOW2_MAGIC)) return;
  const packed = compressionOf(head, 0);
  if (packed) throw new ProcessError('failed', `${image} is ${packed}-compressed: unpack it first (e.g. ${packed} -dk ${path.basename(image)})`);
  throw new ProcessError('failed', `${image} is not a qcow2 image (download the QEMU image of Fedora CoreOS or Flatcar)`);
}

/** Creates the run folder and fills it; on any failure the folder is removed again. */
export async function prepareBoot(request: BootRequest): Promise<PreparedBoot> {
  const problem = bootRequestProblem(request);
  if (problem) throw new Error(problem);
  if (request.base.kind === 'disk') await checkDiskImage(request.base.image);
  const busy = await busyHostPorts(request.forwards);
  if (busy.length > 0) {
    const ports = busy.join(', ');
    throw new ProcessError('failed', `host port ${ports} ${busy.length > 1 ? 'are' : 'is'} already in use on 127.0.0.1 (another VM?): forward other ports`);
  }
  const folder = await createRunFolder(request.runsDir);
  try {
    return { folder, argv: await fillRunFolder(request, folder) };
  } catch (err) {
    await fs.rm(folder, { recursive: true, force: true });
    throw err;
  }
}

async function fillRunFolder(request: BootRequest, folder: string): Promise<string[]> {
  const { base, config, log, signal } = request;
  const media = runMedia(request, folder);
  if (base.kind === 'disk') {
    await writeRunConfig(media.config!.file, Buffer.from(config!.content, 'utf8'));
    await createOverlay(media.overlay!, base.image, request.qemuImg, log, signal);
  } else if (config) {
    const iso = media.iso!;
    const bytes = Buffer.from(config.content, 'utf8');
    log?.(`${iso}: ${bootIsoNote(base.iso, config)}`);
    if (config.kind === 'k3os') {
      await remasterK3osIso({ base: base.iso, output: iso, config: bytes, kernelArgs: { mode: 'live' }, tool: request.xorriso, log, signal, progress: request.progress });
    } else {
      await embedIgnitionNatively({ base: base.iso, output: iso, ignition: bytes, force: true, signal, progress: request.progress });
    }
  }
  return argvFor(request, media);
}

/** Removes a run folder once its VM is gone (its overlay is the node's throwaway disk). */
export async function removeRunFolder(folder: string): Promise<void> {
  await fs.rm(folder, { recursive: true, force: true });
}
