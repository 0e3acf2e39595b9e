/**
 * ISO files on disk: a random-access reader for engine/iso, and the one way Kindling writes an
 * ISO — into a temporary file beside the output, renamed into place only when complete, never
 * over the base image.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { ImageReader, IsoError } from '../iso/image';
import { replaceThroughTemp } from './atomicWrite';
import { CancelledError } from './processes';
import { sameFile } from './sameFile';

/** Opens an image for reading; call close() when done. */
async function openImage(file: string): Promise<ImageReader & { close(): Promise<void> }> {
  const handle = await fs.open(file, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > size) {
        throw new IsoError('truncated', `${path.basename(file)} ends at byte ${size}, but a structure in it reaches byte ${offset + length}`);
      }
      const buffer = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) throw new IsoError('truncated', `${path.basename(file)} ended while reading it`);
        done += bytesRead;
      }
      return buffer;
    },
    close: () => handle.close(),
  };
}

/** Runs `read` on the image in `file`, closing it afterwards. */
export async function withImage<T>(file: string, read: (image: ImageReader) => Promise<T>): Promise<T> {
  const image = await openImage(file);
  try {
    return await read(image);
  } finally {
    await image.close();
  }
}

/** Refuses an output that is the base image itself, under any name. */
export async function assertNotInput(output: string, inputs: readonly string[]): Promise<void> {
  for (const input of inputs) {
    if (path.resolve(output) === path.resolve(input) || (await sameFile(output, input))) {
      throw new OutputError(`refusing to write ${output}: it is the input ${input}; choose another output file`);
    }
  }
}

/** A problem with where the output goes (same as the input, disk full, no permission). */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** A clear sentence for a failed write: a full disk above all. */
export function describeWriteError(target: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return `the disk is full: there is not enough space for ${target}`;
  if (code === 'EDQUOT') return `the disk quota is exceeded: there is not enough space for ${target}`;
  if (code === 'EACCES' || code === 'EPERM') return `no permission to write ${target}`;
  if (code === 'EROFS') return `${target} is on a read-only file system`;
  return `cannot write ${target}: ${err instanceof Error ? err.message : String(err)}`;
}

export interface CopyProgress {
  /** Bytes done and in all, for a progress bar. */
  (done: number, total: number): void;
}

/**
 * Writes `output` through a temporary file in the same folder (replaceThroughTemp): `fill` gets
 * the temporary path and produces the file there (copying, patching, or letting another program
 * write it). On any failure or cancellation a previous `output` is untouched. The inputs are
 * never the output; a failed write is an OutputError saying why.
 */
export async function writeOutputAtomically(
  output: string,
  inputs: readonly string[],
  fill: (tempPath: string) => Promise<void>,
): Promise<void> {
  await assertNotInput(output, inputs);
  try {
    await replaceThroughTemp(output, fill);
  } catch (err) {
    if (err instanceof Error && (err as NodeJS.ErrnoException).code && !(err instanceof OutputError)) {
      throw new OutputError(describeWriteError(output, err));
    }
    throw err;
  }
}

const COPY_CHUNK = 4 * 1024 * 1024;

/** Copies `from` to `to` (a new file) in chunks, reporting progress and honouring the signal. */
export async function copyFileWithProgress(from: string, to: string, progress?: CopyProgress, signal?: AbortSignal): Promise<void> {
  const source = await fs.open(from, 'r');
  try {
    const target = await fs.open(to, 'wx');
    try {
      const { size } = await source.stat();
      const buffer = Buffer.alloc(Math.min(COPY_CHUNK, Math.max(size, 1)));
      let done = 0;
      while (done < size) {
        if (signal?.aborted) throw new CancelledError();
        const { bytesRead } = await source.read(buffer, 0, buffer.length, done);
        if (bytesRead === 0) break;
        await target.write(buffer, 0, bytesRead, done);
        done += bytesRead;
        progress?.(done, size);
      }
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** Writes `bytes` at `offset` of an existing file, in place. */
export async function patchFile(file: string, offset: number, bytes: Buffer): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.write(bytes, 0, bytes.length, offset);
  } finally {
    await handle.close();
  }
}
