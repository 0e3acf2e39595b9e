/**
 * Fedora CoreOS ISOs built by the real coreos-installer, run in its container through podman:
 * `iso ignition embed` (a live ISO that boots with the config) and `iso customize
 * --dest-ignition --dest-device` (an ISO that installs to disk unattended and reboots into the
 * config). The base ISO is mounted read-only, the config from a private folder, and the
 * container writes into a folder of its own beside the output; the result is renamed into place.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findIgnitionArea } from '../iso/embedArea';
import { checkInstallDevice } from '../iso/installDevice';
import { ContainerRun, PodmanSettings, podmanRunArgv } from '../iso/podman';
import { withImage, writeOutputAtomically } from './isoFiles';
import { ProcessError, ProcessLog, runProcess } from './processes';

export type CoreosIsoMode = { kind: 'live' } | { kind: 'install'; destDevice: string };

export interface CoreosInstallerJob {
  base: string;
  output: string;
  /** The Ignition config's bytes (never logged: it may hold password hashes and tokens). */
  ignition: Buffer;
  mode: CoreosIsoMode;
  podman: PodmanSettings;
  /** Replace a config already embedded in the base (coreos-installer's --force). */
  force?: boolean;
  signal?: AbortSignal;
  log?: ProcessLog;
}

/** Paths inside the container; fixed, so no host name ever reaches coreos-installer's arguments. */
const IN_CONTAINER = { base: '/data/base.iso', configDir: '/data/config', outDir: '/data/out' };
const OUTPUT_NAME = 'kindling.iso';

/** The coreos-installer arguments after the image name, in container paths. */
export function coreosInstallerArgs(mode: CoreosIsoMode, force: boolean): string[] {
  const config = `${IN_CONTAINER.configDir}/config.ign`;
  const out = `${IN_CONTAINER.outDir}/${OUTPUT_NAME}`;
  if (mode.kind === 'install') {
    return ['iso', 'customize', '--dest-ignition', config, '--dest-device', checkInstallDevice(mode.destDevice), '-o', out, IN_CONTAINER.base];
  }
  return ['iso', 'ignition', 'embed', ...(force ? ['--force'] : []), '-i', config, '-o', out, IN_CONTAINER.base];
}

/** The whole `podman run` for a job whose config and output folders are already known. */
function coreosInstallerRun(job: Pick<CoreosInstallerJob, 'base' | 'mode' | 'force'>, configDir: string, outDir: string): ContainerRun {
  return {
    mounts: [
      { host: path.resolve(job.base), container: IN_CONTAINER.base, readOnly: true },
      { host: configDir, container: IN_CONTAINER.configDir, readOnly: true },
      { host: outDir, container: IN_CONTAINER.outDir, readOnly: false },
    ],
    workdir: '/data',
    args: coreosInstallerArgs(job.mode, job.force ?? false),
  };
}

/** Turns podman's and the image's failures into one sentence a person can act on. */
function explainPodmanFailure(settings: PodmanSettings, stderrTail: string, exitCode: number | null): string {
  const last = stderrTail.trim().split('\n').pop() ?? '';
  if (/image not known|no such image|unable to find .* in local storage/i.test(stderrTail)) {
    return `the image ${settings.image} is not on this machine and pulling is off: run \`${settings.podman} pull ${settings.image}\` (podman said: ${last})`;
  }
  if (/pinging container registry|initializing source|manifest unknown|requested access to the resource is denied|error pulling|unable to pull|trying to pull/i.test(stderrTail)) {
    return `podman could not pull ${settings.image}: ${last}`;
  }
  if (/OCI runtime|crun:|runc:|setrlimit|rlimit/i.test(stderrTail)) {
    return `podman could not start the container (check podman's runtime setup in containers.conf): ${last}`;
  }
  return `coreos-installer failed (exit ${exitCode}): ${last || 'no message'}`;
}

/** Builds the ISO; resolves when `job.output` is complete. */
export async function buildCoreosIsoWithPodman(job: CoreosInstallerJob): Promise<void> {
  await checkLiveIso(job.base);
  const privateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kindling-ign-'));
  try {
    // Readable by the container's root only; the folder itself is private to this user.
    await fs.writeFile(path.join(privateDir, 'config.ign'), job.ignition, { mode: 0o600 });
    await writeOutputAtomically(job.output, [job.base], async (temp) => {
      const outDir = await fs.mkdtemp(path.join(path.dirname(temp), '.kindling-podman-'));
      try {
        const argv = podmanRunArgv(job.podman, coreosInstallerRun(job, privateDir, outDir));
        let result;
        try {
          result = await runProcess(argv, { signal: job.signal, log: job.log });
        } catch (err) {
          if (err instanceof ProcessError && err.reason === 'missing') {
            throw new ProcessError('missing', `podman is not installed or not at "${job.podman.podman}" (Debian/Ubuntu: apt install podman; or set kindling.podman.path). The live ISO can also be built without podman.`);
          }
          throw err;
        }
        if (result.code !== 0) throw new ProcessError('failed', explainPodmanFailure(job.podman, result.stderrTail, result.code), result);
        await fs.rename(path.join(outDir, OUTPUT_NAME), temp).catch(() => {
          throw new ProcessError('failed', `coreos-installer finished but wrote no ISO (expected ${OUTPUT_NAME} in its output folder)`);
        });
      } finally {
        await fs.rm(outDir, { recursive: true, force: true });
      }
    });
  } finally {
    await fs.rm(privateDir, { recursive: true, force: true });
  }
}

/** Fails fast, before any container starts, when the base is not a Fedora CoreOS live ISO. */
async function checkLiveIso(base: string): Promise<void> {
  await withImage(base, findIgnitionArea);
}
