// `npm run package [-- OUT.vsix]`: the production build packaged with vsce, by default into
// <name>-<version>.vsix at the repository root.
//
// It packages from a staging copy rather than the repository: the production bundles go
// into staging/dist, so dist/ keeps the dev bundles (sourcemaps, unminified) that the tests
// run, even while they run. Staging gets the files .vscodeignore keeps, and vsce applies
// that same file again there, so .vscodeignore stays the one list of what ships.
import { createVSIX, listFiles, PackageManager } from '@vscode/vsce';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = resolve(process.argv[2] ?? join(root, `${manifest.name}-${manifest.version}.vsix`));
const ignoreFile = join(root, '.vscodeignore');

const stage = mkdtempSync(join(tmpdir(), 'kindling-package-'));
try {
  // Everything is bundled, so no node_modules (PackageManager.None = vsce --no-dependencies).
  for (const file of await listFiles({ cwd: root, ignoreFile, packageManager: PackageManager.None })) {
    if (file.startsWith('dist/')) continue;
    cpSync(join(root, file), join(stage, file));
  }
  execFileSync(process.execPath, ['scripts/build.mjs', '--production', '--outdir', join(stage, 'dist')], { cwd: root, stdio: 'inherit' });
  await createVSIX({
    cwd: stage,
    packagePath: out,
    ignoreFile,
    dependencies: false,
    // There is no public repository yet, and vsce rewrites README's relative links (docs/…)
    // against one. Unrewritten, they lead nowhere in the Extensions view: docs/ does not ship.
    allowMissingRepository: true,
    rewriteRelativeLinks: false,
  });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
