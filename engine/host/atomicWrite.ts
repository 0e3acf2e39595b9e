/** Output writing shared by the CLI and the editor's Transpile command. Node built-ins only. */
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

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
