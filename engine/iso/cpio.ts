/**
 * The newc ("070701") cpio format the Linux kernel unpacks initramfs images from, as
 * coreos-installer writes it into a live ISO's Ignition embed area (reference/boot-iso.md §D).
 * Reading follows the kernel's rules: zero bytes between archives, names ending at their first
 * NUL (dracut pads name fields), and the last member of a path wins.
 */
import { IsoError } from './image';

const HEADER_LENGTH = 110;
const TRAILER = 'TRAILER!!!';
const TYPE_MASK = 0o170000;
const MODE_DIRECTORY = 0o040000;
const MODE_FILE = 0o100000;

export interface CpioMember {
  /**
   * Relative path without `./`, e.g. `config.ign` or `etc/coreos-firstboot-network/eth0.nmconnection`;
   * a latin1 string, so that any name bytes survive a read and rewrite unchanged.
   */
  name: string;
  /** Type and permission bits, e.g. 0o100600. */
  mode: number;
  data: Buffer;
}

export interface ParsedArchive {
  members: CpioMember[];
  /** Offset just past the trailer's data and padding. */
  end: number;
}

/**
 * Parses one archive that starts at `start` in `bytes`, up to and including its TRAILER!!!
 * entry. Padding is counted from the archive's start: archives that follow a compressed stream
 * in an initrd need not start on a 4-byte boundary. `where` names the stream in errors.
 */
export function parseArchive(bytes: Buffer, start: number, where: string): ParsedArchive {
  const members: CpioMember[] = [];
  let position = start;
  for (;;) {
    position = skipZeros(bytes, position);
    if (position + HEADER_LENGTH > bytes.length) {
      throw new IsoError('bad-area', `the cpio archive in ${where} ends without its ${TRAILER} entry`);
    }
    const magic = bytes.toString('latin1', position, position + 6);
    if (magic !== '070701' && magic !== '070702') {
      throw new IsoError('bad-area', `${where} holds something that is not a newc cpio header at byte ${position}`);
    }
    const field = (index: number): number => hexField(bytes, position + 6 + index * 8, where);
    const mode = field(1);
    const fileSize = field(6);
    const nameSize = field(11);
    const nameStart = position + HEADER_LENGTH;
    const dataStart = start + align4(nameStart + nameSize - start);
    const dataEnd = dataStart + fileSize;
    if (nameSize === 0 || dataEnd > bytes.length) {
      throw new IsoError('bad-area', `a cpio entry in ${where} at byte ${position} runs past the end of its stream`);
    }
    const rawName = bytes.toString('latin1', nameStart, nameStart + nameSize);
    const name = rawName.slice(0, rawName.includes('\0') ? rawName.indexOf('\0') : rawName.length);
    position = start + align4(dataEnd - start);
    if (name === TRAILER) return { members, end: Math.min(position, bytes.length) };
    members.push({ name, mode, data: bytes.subarray(dataStart, dataEnd) });
  }
}

/**
 * Parses a decompressed stream: archives one after another with zero bytes between and after
 * them. Anything else (or an archive cut short) is an IsoError('bad-area').
 */
export function parseArchives(bytes: Buffer, where: string): CpioMember[] {
  const members: CpioMember[] = [];
  let position = skipZeros(bytes, 0);
  while (position < bytes.length) {
    const archive = parseArchive(bytes, position, where);
    members.push(...archive.members);
    position = skipZeros(bytes, archive.end);
  }
  return members;
}

/**
 * The members as the kernel would leave them: names made relative (`./x` → `x`), the last
 * member of each path winning, in order of first appearance. Names with `..` components or
 * absolute names are refused with IsoError('unsafe-member'): they would land outside the folder
 * a careful reader extracts to, and Kindling never treats such a member as `config.ign`.
 */
export function latestMembers(members: readonly CpioMember[]): CpioMember[] {
  const byName = new Map<string, CpioMember>();
  for (const member of members) {
    const name = safeMemberName(member.name);
    if (name === '') continue; // the archive's own `.` entry
    byName.set(name, { ...member, name });
  }
  return [...byName.values()];
}

function safeMemberName(raw: string): string {
  if (raw.startsWith('/')) {
    throw new IsoError('unsafe-member', `the cpio archive has a member with an absolute name (${JSON.stringify(raw)}); refusing to read it`);
  }
  const parts = raw.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) {
    throw new IsoError('unsafe-member', `the cpio archive has a member whose name leaves its folder (${JSON.stringify(raw)}); refusing to read it`);
  }
  return parts.join('/');
}

/** True for directory entries (which a writer regenerates from the file paths). */
export function isDirectory(member: CpioMember): boolean {
  return (member.mode & TYPE_MASK) === MODE_DIRECTORY;
}

/**
 * Writes one newc archive: a directory entry (040755) for every parent folder before the first
 * member inside it, then the members, then the trailer. uid, gid and mtime are 0 and nlink 1,
 * like coreos-installer, so the same members always give the same bytes.
 */
export function writeArchive(members: ReadonlyArray<{ name: string; data: Buffer; mode?: number }>): Buffer {
  const chunks: Buffer[] = [];
  let length = 0;
  let inode = 1;
  const emit = (name: string, mode: number, data: Buffer): void => {
    const nameBytes = Buffer.from(`${name}\0`, 'latin1');
    const fields = [inode++, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, nameBytes.length, 0];
    const header = Buffer.from(`070701${fields.map((value) => value.toString(16).padStart(8, '0')).join('')}`, 'latin1');
    for (const part of [header, nameBytes, padding(HEADER_LENGTH + nameBytes.length), data, padding(data.length)]) {
      chunks.push(part);
      length += part.length;
    }
  };
  const folders = new Set<string>();
  for (const member of members) {
    const parts = member.name.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      if (!folders.has(folder)) {
        folders.add(folder);
        emit(folder, MODE_DIRECTORY | 0o755, Buffer.alloc(0));
      }
    }
    emit(member.name, member.mode ?? MODE_FILE | 0o600, member.data);
  }
  emit(TRAILER, 0, Buffer.alloc(0));
  return Buffer.concat(chunks, length);
}

function padding(length: number): Buffer {
  return Buffer.alloc(align4(length) - length);
}

function align4(value: number): number {
  return Math.ceil(value / 4) * 4; // not bitwise: sizes from a hostile header can exceed 2^31
}

function skipZeros(bytes: Buffer, position: number): number {
  while (position < bytes.length && bytes[position] === 0) position++;
  return position;
}

function hexField(bytes: Buffer, offset: number, where: string): number {
  const text = bytes.toString('latin1', offset, offset + 8);
  if (!/^[0-9a-fA-F]{8}$/.test(text)) throw new IsoError('bad-area', `a cpio header in ${where} has a field that is not hexadecimal (${JSON.stringify(text)})`);
  return parseInt(text, 16);
}
