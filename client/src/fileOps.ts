/**
 * The file-system side of "Transpile to Ignition", on Node's fs (the extension runs where the
 * files are: extensionKind workspace). No `vscode` import: unit-tested in test/client-logic.test.ts.
 */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';

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
