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
