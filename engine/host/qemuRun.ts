/**
 * Test boots on this machine: a run folder per boot holding the qcow2 overlay and the config,
 * the accelerator choice, and the QEMU process itself, stoppable by the one who started it.
 * The base image is never opened for writing: QEMU gets an overlay that names it as backing.
 */
import { ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { constants, promises as fs } from 'fs';
import * as net from 'net';
import * as path from 'path';
import { Accel, overlayArgv, PortForward } from '../qemu/bootPlan';
import { ProcessError, ProcessLog, runChecked, spawnLogged, startFailure, terminate } from './processes';

/** KVM when /dev/kvm can be opened read-write, else TCG; with the reason for the log. */
export async function chooseAccel(wanted: 'auto' | Accel): Promise<{ accel: Accel; note?: string }> {
  if (wanted === 'tcg') return { accel: 'tcg' };
  try {
    await fs.access('/dev/kvm', constants.R_OK | constants.W_OK);
    return { accel: 'kvm' };
  } catch {
    if (wanted === 'kvm') throw new ProcessError('failed', 'KVM was asked for, but /dev/kvm cannot be opened (is the kvm module loaded and are you in the kvm group?)');
    return { accel: 'tcg', note: 'KVM is not available (/dev/kvm cannot be opened): booting with TCG, which is much slower' };
  }
}

/** A fresh folder under `runsDir` for one boot; nothing else is written outside it. */
export async function createRunFolder(runsDir: string): Promise<string> {
  await fs.mkdir(runsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const folder = path.join(runsDir, `${stamp}-${randomBytes(3).toString('hex')}`);
  await fs.mkdir(folder, { mode: 0o700 });
  return folder;
}

/** Writes the config as the new `file` in a run folder, 0600: it may hold secrets. */
export async function writeRunConfig(file: string, config: Buffer): Promise<void> {
  await fs.writeFile(file, config, { mode: 0o600, flag: 'wx' });
}

/** Creates the qcow2 `overlay` over the base image, which QEMU then only reads. */
export async function createOverlay(overlay: string, base: string, qemuImg: string, log?: ProcessLog, signal?: AbortSignal): Promise<void> {
  try {
    await runChecked(overlayArgv(qemuImg, path.resolve(base), overlay), { log, signal });
  } catch (err) {
    if (err instanceof ProcessError && err.reason === 'missing') {
      throw new ProcessError('missing', `${qemuImg} is not installed (Debian/Ubuntu: apt install qemu-utils)`);
    }
    throw err;
  }
}

/**
 * The host ports of `forwards` that something on 127.0.0.1 already listens on (often another
 * VM): QEMU would otherwise fail with a terse "Could not set up host forwarding rule".
 */
export async function busyHostPorts(forwards: readonly PortForward[]): Promise<number[]> {
  const busy: number[] = [];
  for (const { host } of forwards) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen({ host: '127.0.0.1', port: host, exclusive: true }, () => server.close(() => resolve(true)));
    });
    if (!free) busy.push(host);
  }
  return busy;
}

export interface RunningVm {
  /** The QEMU process: its stdout/stderr carry the serial console; its stdin types into it. */
  process: ChildProcess;
  /** Resolves with QEMU's exit code when the VM is gone. */
  exited: Promise<number | null>;
  /** Ends this VM (and only this one). */
  stop(): void;
}

/** Starts QEMU; rejects with a clear error when it cannot start. */
export function startVm(argv: readonly string[], log?: ProcessLog): Promise<RunningVm> {
  return new Promise((resolve, reject) => {
    const child = spawnLogged(argv, { log });
    child.once('error', (err: NodeJS.ErrnoException) => {
      const failure = startFailure(argv[0], err);
      reject(failure.reason === 'missing' ? new ProcessError('missing', `${argv[0]} is not installed (Debian/Ubuntu: apt install qemu-system-x86)`) : failure);
    });
    child.once('spawn', () => {
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      resolve({
        process: child,
        exited,
        stop: () => terminate(child),
      });
    });
  });
}
