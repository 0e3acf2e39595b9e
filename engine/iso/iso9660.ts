/**
 * Just enough ISO9660 to find a file in a live ISO: the primary volume descriptor and its
 * directory records. Rock Ridge and Joliet names are ignored and names are matched the way
 * coreos-installer matches them, so both tools find the same file (reference/boot-iso.md §D).
 */
import { ImageReader, IsoError } from './image';

const SECTOR_SIZE = 2048;
const FIRST_DESCRIPTOR_SECTOR = 16;
/** Real images have 2 to 4 descriptors; the cap keeps a hostile image from making us read it all. */
const MAX_DESCRIPTORS = 64;
/** A directory of a few thousand entries is ~100 KB; anything near this is hostile or corrupt. */
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;

/** A file or directory named by a primary directory record. */
export interface IsoEntry {
  /** The record's name with `;1` and then a trailing `.` removed, e.g. `IGNINFO.JSO`. */
  name: string;
  /** Byte offset of the entry's data (its extent) in the image. */
  extentOffset: number;
  /** Data length in bytes. */
  size: number;
  isDirectory: boolean;
}

export interface IsoVolume {
  /** The primary volume id, trailing spaces removed (FCOS: e.g. `fedora-coreos-38.20230718.3.0`). */
  volumeId: string;
  root: IsoEntry;
}

/** Reads the primary volume descriptor; an IsoError('not-iso') when the image has none. */
export async function readPrimaryVolume(image: ImageReader): Promise<IsoVolume> {
  for (let index = 0; index < MAX_DESCRIPTORS; index++) {
    const offset = (FIRST_DESCRIPTOR_SECTOR + index) * SECTOR_SIZE;
    if (offset + SECTOR_SIZE > image.size) break;
    const descriptor = await image.read(offset, SECTOR_SIZE);
    if (descriptor.toString('latin1', 1, 6) !== 'CD001') break;
    const type = descriptor[0];
    if (type === 255) break;
    if (type === 1 && descriptor[6] === 1) {
      return {
        volumeId: descriptor.toString('latin1', 40, 72).trimEnd(),
        root: parseRecord(descriptor.subarray(156, 156 + 34), 'the root directory record'),
      };
    }
  }
  throw new IsoError('not-iso', `this is not an ISO9660 image: it has no primary volume descriptor at byte ${FIRST_DESCRIPTOR_SECTOR * SECTOR_SIZE}`);
}

/** The entries of a directory, without its `.` and `..` records. */
export async function listDirectory(image: ImageReader, directory: IsoEntry): Promise<IsoEntry[]> {
  if (!directory.isDirectory) throw new Error(`${directory.name} is not a directory`);
  if (directory.size > MAX_DIRECTORY_BYTES) {
    throw new IsoError('not-iso', `the ISO9660 directory ${directory.name || '/'} claims ${directory.size} bytes, far more than any real directory; the image is corrupt`);
  }
  const data = await image.read(directory.extentOffset, directory.size);
  const entries: IsoEntry[] = [];
  let position = 0;
  while (position < data.length) {
    const length = data[position];
    if (length === 0) {
      // Records never cross a sector boundary; a zero length byte pads the rest of the sector.
      position = (Math.floor(position / SECTOR_SIZE) + 1) * SECTOR_SIZE;
      continue;
    }
    if (position + length > data.length) {
      throw new IsoError('truncated', `a directory record in ${directory.name || '/'} runs past the end of its directory; the image is corrupt`);
    }
    const record = data.subarray(position, position + length);
    position += length;
    const entry = parseRecord(record, `a directory record in ${directory.name || '/'}`);
    if (entry.name === '\0' || entry.name === '\x01') continue;
    entries.push(entry);
  }
  return entries;
}

/**
 * Finds `path` (e.g. `coreos/igninfo.json`) from the root: each component upper-cased and
 * compared with the record names as coreos-installer does. Undefined when any part is missing.
 */
export async function findEntry(image: ImageReader, volume: IsoVolume, path: string): Promise<IsoEntry | undefined> {
  let current = volume.root;
  for (const component of path.split('/').filter((part) => part !== '')) {
    if (!current.isDirectory) return undefined;
    const wanted = component.toUpperCase();
    const next = (await listDirectory(image, current)).find((entry) => entry.name === wanted);
    if (!next) return undefined;
    current = next;
  }
  return current;
}

/** A small file's bytes; refuses files over `maxBytes` so a bad record cannot make us read gigabytes. */
export async function readEntry(image: ImageReader, entry: IsoEntry, maxBytes = 1024 * 1024): Promise<Buffer> {
  if (entry.isDirectory) throw new Error(`${entry.name} is a directory`);
  if (entry.size > maxBytes) {
    throw new IsoError('not-iso', `the ISO9660 file ${entry.name} is ${entry.size} bytes, more than the ${maxBytes} bytes expected of it`);
  }
  return image.read(entry.extentOffset, entry.size);
}

function parseRecord(record: Buffer, what: string): IsoEntry {
  const nameLength = record.length >= 33 ? record[32] : 0;
  if (record.length < 34 || record[0] > record.length || 33 + nameLength > record[0]) {
    throw new IsoError('not-iso', `${what} is malformed; the image is not a valid ISO9660 image`);
  }
  return {
    name: matchableName(record.toString('latin1', 33, 33 + nameLength)),
    extentOffset: record.readUInt32LE(2) * SECTOR_SIZE,
    size: record.readUInt32LE(10),
    isDirectory: (record[25] & 2) !== 0,
  };
}

function matchableName(raw: string): string {
  const withoutVersion = raw.endsWith(';1') ? raw.slice(0, -2) : raw;
  return withoutVersion.endsWith('.') ? withoutVersion.slice(0, -1) : withoutVersion;
}
