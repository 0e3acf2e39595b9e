/**
 * `boot_device` (fcos 1.3+, and the OpenShift specs built on those): the disks, RAID
 * arrays, LUKS volume and filesystems that re-create CoreOS's root (and, when mirrored,
 * boot) on the requested disks. The result is merged under the user's config, so entries
 * the user writes for the same devices or labels refine the generated ones.
 */
import type { IgnitionObject } from '../../ignition/marshal';
import { fcosAtLeast, isObj, isTrue, list, Obj, str } from '../checks/util';
import { translateStruct } from './generic';
import type { TranslationContext } from './types';

// Partition types and sizes of the CoreOS disk image (coreos-assembler's create_disk.sh).
// A mirrored disk must hold partitions at least as large as the image's, and BIOS-BOOT
// must sit where the image has it, so these are fixed, not tunable.
const TYPE_GUID = {
  reserved: '8DA63339-0007-60C0-C436-083AC8230908',
  bios: '21686148-6449-6E6F-744E-656564454649',
  prep: '9E1A2D38-C612-4316-AA26-8B49521E5A8B',
  esp: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B',
};
const SIZE_MIB = { reserved: 1, bios: 1, prep: 4, esp: 127, boot: 384 };

/** What each architecture's image has in front of /boot. */
interface FirmwarePartitions {
  /** Partition 1: BIOS-BOOT on x86_64, PReP on ppc64le, else a reserved placeholder. */
  first: 'bios' | 'prep' | 'reserved';
  /** Whether partition 2 is an EFI system partition (else a reserved placeholder). */
  esp: boolean;
}

const LAYOUTS: Record<string, FirmwarePartitions> = {
  x86_64: { first: 'bios', esp: true },
  aarch64: { first: 'reserved', esp: true },
  ppc64le: { first: 'prep', esp: false },
  's390x-eckd': { first: 'reserved', esp: false },
  's390x-virt': { first: 'reserved', esp: false },
  's390x-zfcp': { first: 'reserved', esp: false },
};

function partition(kind: keyof typeof TYPE_GUID, n: number): IgnitionObject {
  return { label: `${kind}-${n}`, sizeMiB: SIZE_MIB[kind], typeGuid: TYPE_GUID[kind] };
}

/** One mirrored disk: the image's partitions, labelled with the disk's 1-based index. */
function mirrorDisk(device: string, n: number, firmware: FirmwarePartitions): IgnitionObject {
  return {
    device,
    wipeTable: true,
    partitions: [
      partition(firmware.first, n),
      partition(firmware.esp ? 'esp' : 'reserved', n),
      { label: `boot-${n}`, sizeMiB: SIZE_MIB.boot },
      { label: `root-${n}` },
    ],
  };
}

function wipedFilesystem(device: string, format: string, label: string): IgnitionObject {
  return { device, format, label, wipeFilesystem: true };
}

interface Storage {
  disks: IgnitionObject[];
  raid: IgnitionObject[];
  luks: IgnitionObject[];
  filesystems: IgnitionObject[];
}

/** Disks, ESPs, the two RAID1 arrays and /boot on the mirrored disks. */
function addMirror(storage: Storage, devices: unknown[], firmware: FirmwarePartitions): void {
  devices.forEach((device, i) => {
    const n = i + 1;
    storage.disks.push(mirrorDisk(typeof device === 'string' ? device : '', n, firmware));
    // Each disk carries its own ESP so that any of them can boot alone.
    if (firmware.esp) storage.filesystems.push(wipedFilesystem(`/dev/disk/by-partlabel/esp-${n}`, 'vfat', `esp-${n}`));
  });
  const members = (prefix: string): string[] => devices.map((_, i) => `/dev/disk/by-partlabel/${prefix}-${i + 1}`);
  storage.raid.push(
    // Metadata at the end of the partition: BIOS GRUB reads /boot without knowing RAID.
    { devices: members('boot'), level: 'raid1', name: 'md-boot', options: ['--metadata=1.0'] },
    { devices: members('root'), level: 'raid1', name: 'md-root' },
  );
  storage.filesystems.push(wipedFilesystem('/dev/md/md-boot', 'ext4', 'boot'));
}

/** The partition LUKS goes on: s390x DASD/zFCP disks are named, with a fixed root partition number. */
function luksDevice(layout: string, luks: Obj, mirrored: boolean): string {
  if (layout === 's390x-eckd') return `${str(luks.device) ?? ''}2`;
  if (layout === 's390x-zfcp') return `${str(luks.device) ?? ''}4`;
  return mirrored ? '/dev/md/md-root' : '/dev/disk/by-partlabel/root';
}

function luksVolume(ctx: TranslationContext, layout: string, luks: Obj, mirrored: boolean, useCex: boolean): IgnitionObject {
  const volume: IgnitionObject = {};
  if (useCex) {
    volume.cex = { enabled: true };
  } else {
    // Only the unlocking methods go into clevis; device and discard belong to the volume.
    const clevisSource: Obj = {};
    for (const key of ['tang', 'threshold', 'tpm2']) if (luks[key] !== undefined) clevisSource[key] = luks[key];
    volume.clevis = translateStruct(ctx, clevisSource, 'Clevis');
  }
  volume.device = luksDevice(layout, luks, mirrored);
  // `discard` joined boot_device.luks in fcos 1.5; earlier translators never read it.
  if (fcosAtLeast(ctx, '1.5.0') && typeof luks.discard === 'boolean') volume.discard = luks.discard;
  volume.label = 'luks-root';
  volume.name = 'root';
  volume.wipeVolume = true;
  return volume;
}

/**
 * The config generated from `boot_device`, to merge as the parent of the translated
 * config; undefined when the spec has no boot_device or it asks for nothing.
 */
export function bootDeviceConfig(ctx: TranslationContext): IgnitionObject | undefined {
  if (!fcosAtLeast(ctx, '1.3.0') || !isObj(ctx.config.boot_device)) return undefined;
  const bootDevice = ctx.config.boot_device;
  const luks: Obj = isObj(bootDevice.luks) ? bootDevice.luks : {};
  const cex = fcosAtLeast(ctx, '1.6.0') && isObj(luks.cex) && isTrue(luks.cex.enabled);
  const wantLuks = isTrue(luks.tpm2) || list(luks.tang).length > 0 || cex;
  const mirrorDevices = list(isObj(bootDevice.mirror) ? bootDevice.mirror.devices : undefined);
  const wantMirror = mirrorDevices.length > 0;
  // LUKS settings without an unlocking method generate nothing (fcos 1.7 refuses them in validation).
  if (!wantLuks && !wantMirror) return undefined;

  // Without a layout Butane assumes x86_64 (fcos 1.7 refuses mirroring without one).
  const layout = str(bootDevice.layout) ?? 'x86_64';
  const firmware = LAYOUTS[layout];
  if (!firmware) return undefined; // refused by the checks before translation

  const storage: Storage = { disks: [], raid: [], luks: [], filesystems: [] };
  if (wantMirror) addMirror(storage, mirrorDevices, firmware);
  if (wantLuks) storage.luks.push(luksVolume(ctx, layout, luks, wantMirror, cex));
  const rootDevice = wantLuks ? '/dev/mapper/root' : '/dev/md/md-root';
  storage.filesystems.push(wipedFilesystem(rootDevice, 'xfs', 'root'));

  const out: IgnitionObject = {};
  for (const [key, entries] of Object.entries(storage)) if (entries.length > 0) out[key] = entries;
  return { storage: out };
}
