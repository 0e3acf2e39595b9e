/**
 * The file-system side of "Transpile to Ignition", on Node's fs (the extension runs where the
 * files are: extensionKind workspace). No `vscode` import: unit-tested in test/client-logic.test.ts.
 */
import { createHash, randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The file's bytes, or undefined when there is no file; other errors (permissions, a folder) are thrown. */
export async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Whether both paths name one file — through symlinks, hard links and case-insensitive file
 * systems too, which comparing path strings would miss. False when either does not exist.
 */
export async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Writes `data` to `target` so that readers see the old file or the new one, never a partial
 * one: a temporary file in the same folder (same file system, so the rename is atomic), flushed,
 * then renamed over the target. A replaced file keeps its permission bits.
 */
export async function writeFileAtomic(target: string, data: string): Promise<void> {
  const folder = path.dirname(target);
  await fs.mkdir(folder, { recursive: true });
  let mode: number | undefined;
  try {
    mode = (await fs.stat(target)).mode & 0o7777;
  } catch {
    // a new file: the default mode
  }
  const temp = path.join(folder, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await fs.chmod(temp, mode);
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}
