/**
 * Remastering a k3OS ISO: the node config goes to /k3os/system/config.yaml and the install
 * arguments onto GRUB's kernel line. xorriso appends both files to a copy of the base as a new
 * session (an incremental write), which keeps the El Torito and hybrid boot records as they are
 * and needs no GRUB packages; the volume id stays K3OS, the label GRUB finds its root by.
 * The base is inspected with Kindling's own ISO9660 reader; xorriso, which writes the copy, runs
 * on this machine or, with the same arguments, in a container through podman.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ImageReader, IsoError } from '../iso/image';
import { findEntry, readEntry, readPrimaryVolume } from '../iso/iso9660';
import { installKernelArgs, K3osKernelArgs } from '../iso/k3osGrub';
import { PodmanSettings, podmanRunArgv } from '../iso/podman';
import { assertNotInput, copyFileWithProgress, CopyProgress, withImage, writeOutputAtomically } from './isoFiles';
import { CancelledError, ProcessError, ProcessLog, runProcess, RunResult } from './processes';

/** Where xorriso runs: a program on this machine, or an image with xorriso on its PATH. */
export type XorrisoTool = { kind: 'local'; xorriso: string } | { kind: 'podman'; podman: PodmanSettings };

export interface K3osRemasterRequest {
  base: string;
  output: string;
  /** The config.yaml bytes; they hold tokens and password hashes, so they are never logged. */
  config: Buffer;
  kernelArgs: K3osKernelArgs;
  tool: XorrisoTool;
  signal?: AbortSignal;
  log?: ProcessLog;
  /** Bytes of the base copied so far, the slow part. */
  progress?: CopyProgress;
}

export interface K3osRemasterResult {
  volumeId: string;
  /** The grub.cfg written into the output. */
  grubCfg: string;
}

const K3OS_VOLUME_ID = 'K3OS';
const CONFIG_ISO_PATH = '/k3os/system/config.yaml';
const GRUB_ISO_PATH = '/boot/grub/grub.cfg';
/** Names inside the private files folder. */
const NEW_GRUB = 'grub.cfg';
const CONFIG = 'config.yaml';
/** Fixed places in the container, so no host name reaches xorriso's arguments there. */
export const CONTAINER_PATHS = { files: '/kindling/files', output: '/kindling/output' } as const;

/** podman runs the image's xorriso whatever entrypoint the image declares. */
function xorrisoContainer(settings: PodmanSettings): PodmanSettings {
  return { ...settings, extraArgs: [...settings.extraArgs, '--entrypoint=xorriso'] };
}

/**
 * The command that appends config.yaml and grub.cfg from `filesDir` to `image` (a copy of the
 * base) as a new session, keeping the boot images; the files are owned by root, and only root
 * can read the config on the booted CD.
 */
export function xorrisoCommitCommand(tool: XorrisoTool, image: string, filesDir: string): string[] {
  const args = (target: string, files: string, join: (...p: string[]) => string) => [
    '-dev', target,
    '-boot_image', 'any', 'keep',
    '-map', join(files, CONFIG), CONFIG_ISO_PATH,
    '-map', join(files, NEW_GRUB), GRUB_ISO_PATH,
    '-chown', '0', CONFIG_ISO_PATH, GRUB_ISO_PATH, '--',
    '-chgrp', '0', CONFIG_ISO_PATH, GRUB_ISO_PATH, '--',
    '-chmod', '0400', CONFIG_ISO_PATH, '--',
    '-chmod', '0444', GRUB_ISO_PATH, '--',
    '-commit',
  ];
  const absolute = path.resolve(image);
  if (tool.kind === 'local') return [tool.xorriso, ...args(absolute, path.resolve(filesDir), path.join)];
  return podmanRunArgv(xorrisoContainer(tool.podman), {
    mounts: [
      { host: path.dirname(absolute), container: CONTAINER_PATHS.output, readOnly: false },
      { host: path.resolve(filesDir), container: CONTAINER_PATHS.files, readOnly: true },
    ],
    workdir: CONTAINER_PATHS.output,
    args: args(path.posix.join(CONTAINER_PATHS.output, path.basename(absolute)), CONTAINER_PATHS.files, path.posix.join),
  });
}

/** What the base holds that a k3OS remaster needs. */
interface BaseListing {
  volumeId: string;
  hasK3osFolder: boolean;
  grubCfg?: string;
}

/** Why the base cannot be remastered as k3OS, or undefined when it can. */
function baseProblem(base: string, listing: BaseListing): string | undefined {
  const found = [
    listing.volumeId !== K3OS_VOLUME_ID && `its volume id is "${listing.volumeId}", not ${K3OS_VOLUME_ID}`,
    !listing.hasK3osFolder && 'it has no /k3os folder',
    listing.grubCfg === undefined && `it has no ${GRUB_ISO_PATH}`,
  ].filter((p): p is string => typeof p === 'string');
  return found.length ? `${base} is not a k3OS ISO: ${found.join(', ')}; choose a k3OS release ISO (k3os-amd64.iso)` : undefined;
}

/** A missing program as the sentence a person acts on. */
function translate(err: unknown, tool: XorrisoTool): unknown {
  if (!(err instanceof ProcessError) || err.reason !== 'missing') return err;
  if (tool.kind === 'local') {
    return new ProcessError('missing', `xorriso is not installed or not on the PATH (${tool.xorriso}); remastering a k3OS ISO needs it (Debian/Ubuntu: apt install xorriso; Fedora: dnf install xorriso; macOS: brew install xorriso), or set the path to it, or use podman`);
  }
  return new ProcessError('missing', `podman is not installed or not on the PATH (${tool.podman.podman}); install it (Debian/Ubuntu: apt install podman) or remaster with a local xorriso instead`);
}

/** Runs one command; a stop that raced with its end still counts as a stop. */
async function run(argv: string[], request: K3osRemasterRequest): Promise<RunResult> {
  const { signal, log, tool } = request;
  let result: RunResult;
  try {
    result = await runProcess(argv, { signal, log });
  } catch (err) {
    throw translate(err, tool);
  }
  if (signal?.aborted) throw new CancelledError();
  // 125-127: podman itself failed (no such image, no xorriso in it), not xorriso.
  if (tool.kind === 'podman' && result.code !== null && result.code >= 125 && result.code <= 127) {
    throw new ProcessError('failed', `podman could not run xorriso in ${tool.podman.image}: ${lastLine(result)}`, result);
  }
  return result;
}

function lastLine(result: RunResult): string {
  return result.stderrTail.trim().split('\n').pop() || `exit ${result.code ?? result.signal}`;
}

async function listBase(image: ImageReader): Promise<BaseListing> {
  const volume = await readPrimaryVolume(image);
  const k3os = await findEntry(image, volume, '/k3os');
  const grub = await findEntry(image, volume, GRUB_ISO_PATH);
  return {
    volumeId: volume.volumeId,
    hasK3osFolder: k3os?.isDirectory === true,
    grubCfg: grub && !grub.isDirectory ? (await readEntry(image, grub)).toString('utf8') : undefined,
  };
}

/** The base's volume id and grub.cfg; refuses anything but a k3OS ISO, saying what it found. */
async function readBase(base: string): Promise<{ volumeId: string; grubCfg: string }> {
  const listing = await withImage(base, listBase).catch((err: unknown) => {
    if (err instanceof IsoError && err.code === 'not-iso') throw new IsoError('not-iso', `${base} is not an ISO 9660 image (${err.message}); choose a k3OS ISO`);
    throw err;
  });
  const problem = baseProblem(base, listing);
  if (problem) throw new IsoError('not-k3os', problem);
  // A base without grub.cfg is one of baseProblem's findings.
  return { volumeId: listing.volumeId, grubCfg: listing.grubCfg! };
}

async function assertReadableFile(file: string): Promise<void> {
  const stat = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new IsoError('not-iso', err.code === 'ENOENT' ? `the base ISO ${file} does not exist` : `cannot read the base ISO ${file}: ${err.message}`);
  });
  if (!stat.isFile()) throw new IsoError('not-iso', `the base ISO ${file} is not a file`);
}

/**
 * Writes `output`: a copy of the k3OS ISO `base` with the config and the install arguments.
 * The base is only read; the output appears complete or not at all (also when cancelled); the
 * private copy of the config is removed in every case.
 */
export async function remasterK3osIso(request: K3osRemasterRequest): Promise<K3osRemasterResult> {
  const { base, output, signal } = request;
  await assertReadableFile(base);
  await assertNotInput(output, [base]);
  if (signal?.aborted) throw new CancelledError();
  const filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kindling-k3os-remaster-'));
  try {
    const { volumeId, grubCfg: baseGrubCfg } = await readBase(base);
    const grubCfg = installKernelArgs(baseGrubCfg, request.kernelArgs);
    await fs.writeFile(path.join(filesDir, NEW_GRUB), grubCfg, { flag: 'wx' });
    await fs.writeFile(path.join(filesDir, CONFIG), request.config, { flag: 'wx', mode: 0o600 });
    await writeOutputAtomically(output, [base], async (temp) => {
      await copyFileWithProgress(base, temp, request.progress, signal);
      if (signal?.aborted) throw new CancelledError();
      const result = await run(xorrisoCommitCommand(request.tool, temp, filesDir), request);
      if (result.code !== 0) throw new ProcessError('failed', `xorriso could not write ${output}: ${lastLine(result)}`, result);
    });
    return { volumeId, grubCfg };
  } finally {
    await fs.rm(filesDir, { recursive: true, force: true });
  }
}
