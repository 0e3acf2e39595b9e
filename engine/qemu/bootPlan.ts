/**
 * The QEMU command lines of a test boot, as argument arrays. Pure: tests read them as data and
 * `kindling boot --dry-run` prints them. A qcow2 boot runs an overlay in its own run folder (the
 * base image is only its backing file) and passes the Ignition config through fw_cfg under the
 * name each OS reads; an ISO boot attaches the ISO read-only.
 */
import type { TargetOs } from '../node/model';

export type BootOs = 'fcos' | 'flatcar';

/** Where each OS's Ignition looks on QEMU (Flatcar's migration notes name its own key). */
const FW_CFG_NAMES: Record<BootOs, string> = {
  fcos: 'opt/com.coreos/config',
  flatcar: 'opt/org.flatcar-linux/config',
};

/** The fw_cfg OS of a config's target OS; undefined when the config does not tell. */
export function bootOsOf(os: TargetOs): BootOs | undefined {
  return os === 'flatcar' ? 'flatcar' : os === 'ostree' ? 'fcos' : undefined;
}

export type Accel = 'kvm' | 'tcg';

export interface PortForward {
  host: number;
  guest: number;
}

/** `2222:22` → host 2222, guest 22; undefined for anything else. */
export function parsePortForward(spec: string): PortForward | undefined {
  const match = /^\s*(\d{1,5}):(\d{1,5})\s*$/.exec(spec);
  if (!match) return undefined;
  const forward = { host: Number(match[1]), guest: Number(match[2]) };
  const inRange = (port: number) => port >= 1 && port <= 65535;
  return inRange(forward.host) && inRange(forward.guest) ? forward : undefined;
}

/** SSH and the Kubernetes API, on host ports that rarely clash with the host's own. */
export const DEFAULT_FORWARDS: readonly PortForward[] = [
  { host: 2222, guest: 22 },
  { host: 6443, guest: 6443 },
];

export interface BootPlan {
  qemu: string;
  memoryMiB: number;
  cpus: number;
  accel: Accel;
  forwards: readonly PortForward[];
  /** A qcow2 boot: the overlay file in the run folder (its backing file is the base image). */
  overlay?: string;
  /** An ISO boot: the image, attached read-only. */
  iso?: string;
  /** The Ignition config file passed through fw_cfg (qcow2 boots). */
  config?: { os: BootOs; file: string };
  /** UEFI firmware (e.g. /usr/share/ovmf/OVMF.fd); BIOS when absent. */
  firmware?: string;
}

/** QEMU splits option values at commas; a literal comma is written twice. */
export function qemuOptionValue(value: string): string {
  return value.replace(/,/g, ',,');
}

function checkPort(port: number, what: string): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`${what} port ${port} is not between 1 and 65535`);
}

/**
 * `qemu-system-x86_64 …`. The serial console is the process's stdio (no monitor on it, so the
 * terminal shows only the guest); `-no-reboot` turns a guest reboot or panic into QEMU's exit.
 */
export function qemuArgv(plan: BootPlan): string[] {
  if (!plan.overlay === !plan.iso) throw new Error('a boot needs exactly one of a disk overlay and an ISO');
  const netdev = ['user', 'id=net0'];
  for (const forward of plan.forwards) {
    checkPort(forward.host, 'host');
    checkPort(forward.guest, 'guest');
    netdev.push(`hostfwd=tcp:127.0.0.1:${forward.host}-:${forward.guest}`);
  }
  const argv = [
    plan.qemu,
    '-name', 'kindling',
    // `pc` (i440FX) has the PIIX IDE controller every kernel can read a CD through.
    '-machine', `${plan.iso ? 'pc' : 'q35'},accel=${plan.accel}`,
    '-m', String(plan.memoryMiB),
    '-smp', String(plan.cpus),
    '-display', 'none',
    '-serial', 'stdio',
    '-monitor', 'none',
    '-no-reboot',
    '-netdev', netdev.join(','),
    '-device', 'virtio-net-pci,netdev=net0',
  ];
  if (plan.accel === 'kvm') argv.push('-cpu', 'host');
  if (plan.firmware) argv.push('-bios', plan.firmware);
  if (plan.overlay) argv.push('-drive', `if=virtio,format=qcow2,file=${qemuOptionValue(plan.overlay)}`);
  if (plan.iso) argv.push('-drive', `media=cdrom,readonly=on,format=raw,file=${qemuOptionValue(plan.iso)}`, '-boot', 'd');
  if (plan.config) argv.push('-fw_cfg', `name=${FW_CFG_NAMES[plan.config.os]},file=${qemuOptionValue(plan.config.file)}`);
  return argv;
}

/** `qemu-img create` of an overlay whose backing file is the base: QEMU writes only the overlay. */
export function overlayArgv(qemuImg: string, base: string, overlay: string): string[] {
  return [qemuImg, 'create', '-f', 'qcow2', '-b', base, '-F', 'qcow2', overlay];
}
