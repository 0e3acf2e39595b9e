/**
 * The decisions behind "Kindling: Boot in QEMU" that need no editor: how a config can boot, the
 * machine settings read and checked, and the text of the console terminal. No `vscode` import:
 * unit-tested in test/client-boot.test.ts.
 */
import type { Accel, PortForward } from '../../engine/qemu/bootPlan';
import { parsePortForward } from '../../engine/qemu/bootPlan';
import type { BootPayloadResult } from '../../server/src/protocol';
import { lastFirst } from './lastFirst';

export type BootMethod = 'disk-fcos' | 'disk-flatcar' | 'fcos-live-iso' | 'k3os-live-iso';

export interface BootChoice {
  method: BootMethod;
  label: string;
  detail: string;
}

const CHOICES: Record<BootMethod, BootChoice> = {
  'disk-fcos': {
    method: 'disk-fcos',
    label: 'Fedora CoreOS disk image',
    detail: 'Boots a Fedora CoreOS qcow2 image (through an overlay: the image is never written) with this config in fw_cfg opt/com.coreos/config.',
  },
  'disk-flatcar': {
    method: 'disk-flatcar',
    label: 'Flatcar disk image',
    detail: 'Boots a Flatcar qcow2 image (through an overlay: the image is never written) with this config in fw_cfg opt/org.flatcar-linux/config.',
  },
  'fcos-live-iso': {
    method: 'fcos-live-iso',
    label: 'Fedora CoreOS live ISO',
    detail: 'Boots a copy of the live ISO with this config embedded; the live system runs from memory.',
  },
  'k3os-live-iso': {
    method: 'k3os-live-iso',
    label: 'k3OS live ISO',
    detail: 'Boots a copy of the k3OS ISO with this config as /k3os/system/config.yaml.',
  },
};

/** What a test boot hands the node, as the server decided it: its kind, and for Ignition its OS when it tells. */
export type BootPayload = Required<Pick<BootPayloadResult, 'kind'>> & Pick<BootPayloadResult, 'os'>;

/** The ways this config can boot; the last one used comes first. */
export function bootChoicesFor(payload: BootPayload, lastUsed?: string): BootChoice[] {
  let methods: BootMethod[];
  if (payload.kind === 'k3os') methods = ['k3os-live-iso'];
  else if (payload.os === 'flatcar') methods = ['disk-flatcar'];
  else if (payload.os === 'fcos') methods = ['disk-fcos', 'fcos-live-iso'];
  else methods = ['disk-fcos', 'disk-flatcar', 'fcos-live-iso'];
  return lastFirst(methods.map((m) => CHOICES[m]), lastUsed);
}

/** The setting that names the base image of a boot method, without `kindling.`. */
export function baseImageSetting(method: BootMethod): string {
  switch (method) {
    case 'disk-fcos':
      return 'boot.fcosImage';
    case 'disk-flatcar':
      return 'boot.flatcarImage';
    case 'fcos-live-iso':
      return 'iso.fcosBaseImage';
    case 'k3os-live-iso':
      return 'iso.k3osBaseImage';
  }
}

export interface MachineSettings {
  memoryMiB: number;
  cpus: number;
  forwards: PortForward[];
  accel: 'auto' | Accel;
}

/** The raw `kindling.boot.*` values, as a settings object holds them. */
export interface RawMachineSettings {
  memory: unknown;
  cpus: unknown;
  forwards: unknown;
  accel: unknown;
}

/** Checks the machine settings; a problem names the setting and what it wants. */
export function machineSettings(raw: RawMachineSettings): MachineSettings | { problem: string } {
  const whole = (value: unknown, min: number) => (typeof value === 'number' && Number.isInteger(value) && value >= min ? value : undefined);
  const memoryMiB = whole(raw.memory, 256);
  if (memoryMiB === undefined) return { problem: `kindling.boot.memory must be a whole number of MiB, at least 256 (it is ${JSON.stringify(raw.memory)})` };
  const cpus = whole(raw.cpus, 1);
  if (cpus === undefined) return { problem: `kindling.boot.cpus must be a whole number above 0 (it is ${JSON.stringify(raw.cpus)})` };
  if (!Array.isArray(raw.forwards)) return { problem: 'kindling.boot.forwards must be a list of "HOST:GUEST" ports' };
  const forwards: PortForward[] = [];
  for (const spec of raw.forwards) {
    const forward = typeof spec === 'string' ? parsePortForward(spec) : undefined;
    if (!forward) return { problem: `kindling.boot.forwards wants "HOST:GUEST" ports such as "2222:22", not ${JSON.stringify(spec)}` };
    forwards.push(forward);
  }
  const accel = raw.accel === 'kvm' || raw.accel === 'tcg' ? raw.accel : 'auto';
  return { memoryMiB, cpus, forwards, accel };
}

/** Terminal text: xterm moves down without returning to column 0 on a bare `\n`. */
export function terminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** The first lines of a VM's terminal: what boots, how, and how to reach it. */
export function consoleHeader(describe: { source: string; method: BootChoice; accel: Accel; accelNote?: string; forwards: readonly PortForward[] }): string {
  const lines = [`Kindling: booting ${describe.source} — ${describe.method.label}, ${describe.accel.toUpperCase()}`];
  if (describe.accelNote) lines.push(describe.accelNote);
  // The user each OS's images log in as over SSH.
  const user = describe.method.method === 'k3os-live-iso' ? 'rancher' : 'core';
  for (const { host, guest } of describe.forwards) {
    lines.push(`127.0.0.1:${host} → guest port ${guest}${guest === 22 ? ` (ssh -p ${host} ${user}@127.0.0.1)` : ''}`);
  }
  lines.push('This terminal is the serial console. "Kindling: Stop QEMU VM" or closing the terminal ends the VM.', '');
  return `${DIM}${terminalText(lines.join('\n'))}${RESET}\r\n`;
}

/** The line a VM's terminal ends with; `keptFolder` when kindling.boot.keepRunFolder kept it. */
export function exitMessage(code: number | null, stoppedByUser: boolean, keptFolder?: string): string {
  const why = stoppedByUser ? 'was stopped' : code === 0 ? 'exited' : code === null ? 'was killed' : `exited with status ${code}`;
  const folder = keptFolder ? `its run folder is kept: ${keptFolder}` : 'its run folder is removed';
  return `\r\n${DIM}[Kindling: the VM ${why}; ${folder}.]${RESET}\r\n`;
}
