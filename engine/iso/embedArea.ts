/**
 * Finds a Fedora CoreOS live ISO's Ignition embed area: the bytes the bootloader loads as an
 * extra initrd, where `coreos-installer iso ignition embed` puts config.ign. Located the same
 * way coreos-installer does (reference/boot-iso.md §D), plus the legacy system-area header of
 * ISOs from before 2022 that carry no directory entry Kindling recognises.
 */
import { ImageReader, IsoError } from './image';
import { findEntry, IsoEntry, IsoVolume, readEntry, readPrimaryVolume } from './iso9660';

export interface IgnitionArea {
  /** Byte offset of the area in the image. */
  offset: number;
  /** Its length in bytes (262144 in every FCOS release so far). */
  length: number;
  via: 'igninfo.json' | 'ignition.img' | 'legacy header';
}

/** Their ISO9660 level-1 names: that is what the primary directory holds and coreos-installer looks up. */
const IGNINFO_PATH = 'COREOS/IGNINFO.JSO';
const IGNITION_IMG_PATH = 'IMAGES/IGNITION.IMG';
/** The last 24 bytes of the 32 KiB system area: "coreiso+", u64 LE offset, u64 LE length. */
const LEGACY_HEADER_OFFSET = 32744;
const LEGACY_MAGIC = 'coreiso+';
/** Real areas are 256 KiB; the whole area is read into memory, so a claim of more is refused. */
const MAX_AREA_BYTES = 32 * 1024 * 1024;

export async function findIgnitionArea(image: ImageReader): Promise<IgnitionArea> {
  const volume = await readPrimaryVolume(image);
  const area = (await areaFromIgninfo(image, volume)) ?? (await areaFromIgnitionImg(image, volume)) ?? (await areaFromLegacyHeader(image));
  if (!area) {
    throw new IsoError(
      'no-embed-area',
      `this is an ISO9660 image (volume "${volume.volumeId}") but not a Fedora CoreOS live ISO: it has no Ignition embed area (coreos/igninfo.json or images/ignition.img)`,
    );
  }
  if (area.length > MAX_AREA_BYTES) {
    throw new IsoError('bad-area', `the Ignition embed area (found via ${area.via}) claims ${area.length} bytes; real ones are 256 KiB, so this ISO is corrupt or not a Fedora CoreOS live ISO`);
  }
  if (area.offset + area.length > image.size) {
    throw new IsoError('truncated', `the Ignition embed area (found via ${area.via}) reaches byte ${area.offset + area.length}, but the image ends at byte ${image.size}`);
  }
  return area;
}

/** The area's bytes, read through findIgnitionArea. */
export async function readIgnitionArea(image: ImageReader): Promise<{ area: IgnitionArea; bytes: Buffer }> {
  const area = await findIgnitionArea(image);
  return { area, bytes: await image.read(area.offset, area.length) };
}

async function areaFromIgninfo(image: ImageReader, volume: IsoVolume): Promise<IgnitionArea | undefined> {
  const entry = await findEntry(image, volume, IGNINFO_PATH);
  if (!entry || entry.isDirectory) return undefined;
  const info = parseIgninfo((await readEntry(image, entry, 64 * 1024)).toString('utf8'));
  const file = await findEntry(image, volume, info.file);
  if (!file || file.isDirectory) {
    throw new IsoError('no-embed-area', `coreos/igninfo.json names ${info.file} as the Ignition embed area, but the ISO has no such file`);
  }
  return areaInFile(file, info.file, info.offset ?? 0, info.length, 'igninfo.json');
}

async function areaFromIgnitionImg(image: ImageReader, volume: IsoVolume): Promise<IgnitionArea | undefined> {
  const file = await findEntry(image, volume, IGNITION_IMG_PATH);
  return file && !file.isDirectory ? areaInFile(file, 'images/ignition.img', 0, undefined, 'ignition.img') : undefined;
}

async function areaFromLegacyHeader(image: ImageReader): Promise<IgnitionArea | undefined> {
  if (image.size < LEGACY_HEADER_OFFSET + 24) return undefined;
  const header = await image.read(LEGACY_HEADER_OFFSET, 24);
  if (header.toString('latin1', 0, 8) !== LEGACY_MAGIC) return undefined;
  const offset = Number(header.readBigUInt64LE(8));
  const length = Number(header.readBigUInt64LE(16));
  return { offset, length, via: 'legacy header' };
}

function areaInFile(file: IsoEntry, path: string, offset: number, length: number | undefined, via: IgnitionArea['via']): IgnitionArea {
  const areaLength = length ?? file.size - offset;
  if (offset > file.size || areaLength < 0 || offset + areaLength > file.size) {
    throw new IsoError('bad-area', `the Ignition embed area (${areaLength} bytes at offset ${offset}) does not fit inside ${path} (${file.size} bytes)`);
  }
  return { offset: file.extentOffset + offset, length: areaLength, via };
}

function parseIgninfo(text: string): { file: string; offset?: number; length?: number } {
  const invalid = (why: string): IsoError => new IsoError('no-embed-area', `the ISO's coreos/igninfo.json is not valid: ${why}`);
  let info: unknown;
  try {
    info = JSON.parse(text);
  } catch {
    throw invalid('it is not JSON');
  }
  if (typeof info !== 'object' || info === null || typeof (info as { file?: unknown }).file !== 'string') throw invalid('it has no "file" string');
  const { file, offset, length } = info as { file: string; offset?: unknown; length?: unknown };
  for (const [key, value] of [['offset', offset], ['length', length]] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 0)) throw invalid(`"${key}" is not a byte count`);
  }
  return { file, offset: offset as number | undefined, length: length as number | undefined };
}
