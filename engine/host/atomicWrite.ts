/** Output writing shared by the CLI, the editor's Transpile command and every ISO build. Node built-ins only. */
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

/**
 * Replaces `target` so that readers see the old file or the new one, never a partial one: `fill`
 * produces the new file at a temporary path in the same folder (same file system, so the rename
 * is atomic); it is flushed, then renamed over the target. On any failure the temporary file is
 * removed and the target is untouched.
 */
export async function replaceThroughTemp(target: string, fill: (tempPath: string) => Promise<void>): Promise<void> {
  const folder = path.dirname(path.resolve(target));
  const temp = path.join(folder, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.mkdir(folder, { recursive: true });
    await fill(temp);
    const handle = await fs.open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Writes `data` to `target` atomically (see replaceThroughTemp); a replaced file keeps its permission bits. */
export async function writeFileAtomic(target: string, data: string): Promise<void> {
  let mode: number | undefined;
  try {
    mode = (await fs.stat(target)).mode & 0o7777;
  } catch {
    // a new file: the default mode
  }
  await replaceThroughTemp(target, async (temp) => {
    await fs.writeFile(temp, data, { encoding: 'utf8', flag: 'wx' });
    if (mode !== undefined) await fs.chmod(temp, mode);
  });
}
