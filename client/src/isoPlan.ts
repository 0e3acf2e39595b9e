/**
 * The decisions behind "Kindling: Build ISO" that need no editor: which kinds of ISO a config
 * can become and what the output is called. No `vscode` import: unit-tested in
 * test/client-iso.test.ts.
 */
import type { IsoTarget } from '../../engine/iso/payload';
import { lastFirst } from './lastFirst';
import { configStem } from './outputPath';

export type IsoMethod = 'native-live' | 'podman-live' | 'podman-install' | 'k3os-install' | 'k3os-live';

export interface MethodChoice {
  method: IsoMethod;
  label: string;
  detail: string;
  /** Asks for the disk to install to. */
  needsDevice: boolean;
}

const METHODS: Record<IsoTarget, MethodChoice[]> = {
  fcos: [
    {
      method: 'native-live',
      label: 'Live ISO',
      detail: 'Boots Fedora CoreOS from the ISO with this config. Built by Kindling itself; no podman needed.',
      needsDevice: false,
    },
    {
      method: 'podman-install',
      label: 'Installer ISO (zero-touch)',
      detail: 'Installs Fedora CoreOS to a disk unattended and reboots into this config (coreos-installer iso customize, through podman).',
      needsDevice: true,
    },
    {
      method: 'podman-live',
      label: 'Live ISO with coreos-installer',
      detail: 'The live ISO built by the coreos-installer container (iso ignition embed, through podman).',
      needsDevice: false,
    },
  ],
  k3os: [
    {
      method: 'k3os-install',
      label: 'Installer ISO',
      detail: 'Installs k3OS to a disk unattended with this config (k3os.mode=install), remastered with xorriso.',
      needsDevice: true,
    },
    {
      method: 'k3os-live',
      label: 'Live ISO',
      detail: 'Boots k3OS as usual with this config in /k3os/system/config.yaml, remastered with xorriso.',
      needsDevice: false,
    },
  ],
};

/** The kinds of ISO a config of this target can become; the last one used comes first. */
export function methodsFor(target: IsoTarget, lastUsed?: string): MethodChoice[] {
  return lastFirst(METHODS[target], lastUsed);
}

/** `node.bu` → `node.iso`; an installer ISO is `node-install.iso`, so the two never clash. */
export function isoOutputName(sourceName: string, method: IsoMethod): string {
  const installer = method === 'podman-install' || method === 'k3os-install';
  return `${configStem(sourceName)}${installer ? '-install' : ''}.iso`;
}
