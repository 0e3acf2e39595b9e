/** File identity on Node's fs, for the rule "never write over the input". */
import { promises as fs } from 'fs';

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
