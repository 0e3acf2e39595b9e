import * as fs from 'fs';
import * as path from 'path';

/**
 * A file shipped with Kindling (schemas, snippets): next to `dist/` in the package, or at
 * the repository root when running from `out/` in tests.
 */
export function findBundledFile(...segments: string[]): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, ...segments);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}
