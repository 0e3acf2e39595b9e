/**
 * Splits an initrd (or a live ISO's Ignition embed area, which the bootloader loads as one) into
 * its archives the way the kernel does: zero bytes are padding, `070701` starts an uncompressed
 * cpio archive, and gzip, xz and zstd streams are recognised by their magic. Each compressed
 * stream must end exactly, so its end is found from its own framing before the next one is read.
 * Decompression is capped: an embed area holds kilobytes, so a stream that expands past the cap
 * is refused rather than allowed to exhaust memory.
 */
import { Blob } from 'buffer';
import * as zlib from 'zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { XzReadableStream } from 'xz-decompress';
import { CpioMember, parseArchive, parseArchives } from './cpio';
import { IsoError } from './image';

/** Total decompressed bytes read from one initrd before giving up. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

export type StreamKind = 'cpio' | 'gzip' | 'xz' | 'zstd';

export interface InitrdStream {
  kind: StreamKind;
  /** Where the stream starts and ends in the initrd. */
  offset: number;
  end: number;
  /** Its cpio members in archive order (duplicates included; see latestMembers). */
  members: CpioMember[];
}

export interface ReadInitrdOptions {
  /** Names the bytes in error messages, e.g. "the Ignition embed area". */
  where?: string;
  maxDecompressedBytes?: number;
}

export async function readInitrd(bytes: Buffer, options: ReadInitrdOptions = {}): Promise<InitrdStream[]> {
  const where = options.where ?? 'the initrd';
  const limit = options.maxDecompressedBytes ?? MAX_DECOMPRESSED_BYTES;
  let budget = limit;
  const streams: InitrdStream[] = [];
  let position = 0;
  while (position < bytes.length) {
    if (bytes[position] === 0) {
      position++;
      continue;
    }
    const kind = detectKind(bytes, position);
    const label = `the ${kind === undefined ? 'data' : `${kind} stream`} at byte ${position} of ${where}`;
    if (kind === 'cpio') {
      const archive = parseArchive(bytes, position, where);
      streams.push({ kind, offset: position, end: archive.end, members: archive.members });
      position = archive.end;
      continue;
    }
    if (kind === undefined) {
      throw new IsoError('bad-area', `${label} is neither zero padding, a cpio archive, nor a gzip, xz or zstd stream`);
    }
    const tooLarge = (): IsoError =>
      new IsoError('bad-area', `${label} decompresses to more than ${budget} bytes; Kindling reads at most ${limit} bytes from an initrd (an Ignition embed area holds a few kilobytes)`);
    const { data, end } = await decompressStream(kind, bytes, position, budget, label, tooLarge);
    budget -= data.length;
    streams.push({ kind, offset: position, end, members: parseArchives(data, label) });
    position = end;
  }
  return streams;
}

/**
 * Compresses an archive for an embed area. The kernel unpacks gzip and xz (with a CRC32 check);
 * coreos-installer writes xz, but gzip is built into Node, so Kindling needs no compressor
 * dependency, and both the kernel and coreos-installer read it back.
 */
export function compressArchive(archive: Buffer): Buffer {
  return zlib.gzipSync(archive, { level: 9 });
}

type Compression = Exclude<StreamKind, 'cpio'>;

const CPIO_MAGIC = [0x30, 0x37, 0x30, 0x37, 0x30]; // "07070", then 1 or 2
const COMPRESSION_MAGIC: ReadonlyArray<[Compression, number[]]> = [
  ['gzip', [0x1f, 0x8b]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

function startsWith(bytes: Buffer, position: number, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[position + index] === byte);
}

/** The compression of the data at `position`, by its magic (also how a packed disk image is told). */
export function compressionOf(bytes: Buffer, position: number): Compression | undefined {
  return COMPRESSION_MAGIC.find(([, magic]) => startsWith(bytes, position, magic))?.[0];
}

function detectKind(bytes: Buffer, position: number): StreamKind | undefined {
  return startsWith(bytes, position, CPIO_MAGIC) ? 'cpio' : compressionOf(bytes, position);
}

async function decompressStream(
  kind: Compression,
  bytes: Buffer,
  start: number,
  budget: number,
  label: string,
  tooLarge: () => IsoError,
): Promise<{ data: Buffer; end: number }> {
  try {
    if (kind === 'gzip') return gunzipMember(bytes, start, budget, tooLarge);
    if (kind === 'xz') {
      const { end, uncompressedSize } = xzStreamEnd(bytes, start, label);
      if (uncompressedSize > budget) throw tooLarge();
      return { data: await unxz(bytes.subarray(start, end), budget, tooLarge), end };
    }
    const { end, largestOutput } = zstdFrameEnd(bytes, start, label);
    if (largestOutput > budget) throw tooLarge();
    return { data: Buffer.from(zstdDecompress(bytes.subarray(start, end))), end };
  } catch (err) {
    if (err instanceof IsoError) throw err;
    throw new IsoError('bad-area', `${label} is corrupt: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** One gzip member (RFC 1952): its header by hand, the deflate data through zlib, then the CRC32 and size trailer. */
function gunzipMember(bytes: Buffer, start: number, budget: number, tooLarge: () => IsoError): { data: Buffer; end: number } {
  const flags = bytes[start + 3];
  if (bytes[start + 2] !== 8 || flags & 0xe0) throw new Error('unsupported gzip header');
  let position = start + 10;
  if (flags & 4) position += 2 + bytes.readUInt16LE(position);
  for (const flag of [8, 16]) {
    if (flags & flag) {
      const nul = bytes.indexOf(0, position);
      if (nul < 0) throw new Error('unterminated gzip header');
      position = nul + 1;
    }
  }
  if (flags & 2) position += 2;
  if (position > bytes.length) throw new Error('truncated gzip header');
  let result: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    // `info` makes zlib report how much input the deflate data used, which is where the trailer starts.
    result = zlib.inflateRawSync(bytes.subarray(position), { info: true, maxOutputLength: Math.max(budget, 1) } as zlib.ZlibOptions) as unknown as typeof result;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw err;
  }
  const trailer = position + result.engine.bytesWritten;
  if (trailer + 8 > bytes.length) throw new Error('the gzip trailer is missing');
  if (bytes.readUInt32LE(trailer) !== crc32(result.buffer) || bytes.readUInt32LE(trailer + 4) !== result.buffer.length % 2 ** 32) {
    throw new Error('the gzip checksum does not match its data');
  }
  return { data: result.buffer, end: trailer + 8 };
}

/**
 * Where an xz stream (xz file format 1.0.4) ends. Block headers need not record their sizes,
 * so the end is found from the other side: the first 4-aligned stream footer whose CRC32, index
 * (with its CRC32) and block sizes all agree with the stream header.
 */
const XZ_CHECK_NONE = 0;
const XZ_CHECK_CRC32 = 1;
const XZ_CHECK_CRC64 = 4;

function xzStreamEnd(bytes: Buffer, start: number, label: string): { end: number; uncompressedSize: number } {
  const headerEnd = start + 12;
  if (headerEnd > bytes.length || bytes[start + 6] !== 0 || bytes[start + 7] > 15 || crc32(bytes.subarray(start + 6, start + 8)) !== bytes.readUInt32LE(start + 8)) {
    throw new IsoError('bad-area', `${label} has a corrupt xz stream header`);
  }
  // xz-decompress (like the kernel's own decoder) verifies no other checks, such as SHA-256.
  if (![XZ_CHECK_NONE, XZ_CHECK_CRC32, XZ_CHECK_CRC64].includes(bytes[start + 7])) {
    throw new IsoError('bad-area', `${label} uses xz integrity check ${bytes[start + 7]}; only CRC32, CRC64 or none can be read`);
  }
  for (let footer = headerEnd; footer + 12 <= bytes.length; footer += 4) {
    if (bytes[footer + 10] !== 0x59 || bytes[footer + 11] !== 0x5a) continue; // "YZ"
    if (bytes[footer + 8] !== bytes[start + 6] || bytes[footer + 9] !== bytes[start + 7]) continue;
    if (crc32(bytes.subarray(footer + 4, footer + 10)) !== bytes.readUInt32LE(footer)) continue;
    const indexStart = footer - (bytes.readUInt32LE(footer + 4) + 1) * 4;
    if (indexStart < headerEnd) continue;
    const index = parseXzIndex(bytes.subarray(indexStart, footer));
    if (index && headerEnd + index.blocksSize === indexStart) return { end: footer + 12, uncompressedSize: index.uncompressedSize };
  }
  throw new IsoError('bad-area', `${label} has no valid xz stream footer (the stream is cut short or corrupt)`);
}

function parseXzIndex(index: Buffer): { blocksSize: number; uncompressedSize: number } | undefined {
  let position = 1;
  const vli = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 63 && position < index.length; shift += 7) {
      const byte = index[position++];
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return Number.isSafeInteger(value) ? value : undefined;
    }
    return undefined;
  };
  if (index.length < 8 || index[0] !== 0) return undefined;
  const records = vli();
  if (records === undefined) return undefined;
  let blocksSize = 0;
  let uncompressedSize = 0;
  for (let record = 0; record < records; record++) {
    const unpadded = vli();
    const uncompressed = vli();
    if (unpadded === undefined || uncompressed === undefined || unpadded === 0) return undefined;
    blocksSize += Math.ceil(unpadded / 4) * 4;
    uncompressedSize += uncompressed;
  }
  while (position % 4 !== 0) if (index[position++] !== 0) return undefined;
  if (position + 4 !== index.length || crc32(index.subarray(0, position)) !== index.readUInt32LE(position)) return undefined;
  return { blocksSize, uncompressedSize };
}

async function unxz(stream: Buffer, budget: number, tooLarge: () => IsoError): Promise<Buffer> {
  const reader = new XzReadableStream(new Blob([stream]).stream() as ReadableStream<Uint8Array>).getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, total);
    total += value.length;
    if (total > budget) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(Buffer.from(value));
  }
}

/**
 * Where a zstd frame (RFC 8878) ends, from its header and block headers, and the most it can
 * decompress to (fzstd allocates the declared content or window size up front, so both count).
 */
function zstdFrameEnd(bytes: Buffer, start: number, label: string): { end: number; largestOutput: number } {
  const corrupt = (why: string): IsoError => new IsoError('bad-area', `${label} is not a valid zstd frame: ${why}`);
  let position = start + 4;
  if (position >= bytes.length) throw corrupt('it is cut short');
  const descriptor = bytes[position++];
  const singleSegment = (descriptor & 0x20) !== 0;
  if (descriptor & 0x08) throw corrupt('a reserved header bit is set');
  if (descriptor & 0x03) throw corrupt('it needs a dictionary');
  let windowSize = 0;
  if (!singleSegment) {
    const windowDescriptor = bytes[position++];
    const base = 2 ** (10 + (windowDescriptor >> 3));
    windowSize = base + (base / 8) * (windowDescriptor & 7);
  }
  const sizeFlag = descriptor >> 6;
  const sizeBytes = sizeFlag === 0 ? (singleSegment ? 1 : 0) : 2 ** sizeFlag;
  if (position + sizeBytes > bytes.length) throw corrupt('it is cut short');
  let contentSize = 0;
  for (let index = 0; index < sizeBytes; index++) contentSize += bytes[position + index] * 2 ** (8 * index);
  if (sizeBytes === 2) contentSize += 256;
  position += sizeBytes;
  if (singleSegment) windowSize = contentSize;
  let blocksOutput = 0;
  for (;;) {
    if (position + 3 > bytes.length) throw corrupt('it is cut short');
    const header = bytes.readUIntLE(position, 3);
    position += 3;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    if (type === 3) throw corrupt('it has a reserved block type');
    // Raw and RLE blocks regenerate exactly `size` bytes; a compressed block at most 128 KiB.
    blocksOutput += type === 2 ? Math.min(128 * 1024, windowSize) : size;
    position += type === 1 ? 1 : size;
    if (position > bytes.length) throw corrupt('it is cut short');
    if (header & 1) break;
  }
  if (descriptor & 0x04) position += 4;
  if (position > bytes.length) throw corrupt('it is cut short');
  return { end: position, largestOutput: Math.max(contentSize || windowSize, blocksOutput) };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, byte) => {
  let value = byte;
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

/** CRC-32 (IEEE), as gzip and xz use it; zlib.crc32 is missing from the Node in older VS Code builds. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
