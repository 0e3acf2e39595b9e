// Bundles the three entry points with esbuild: the VS Code client, the language
// server and the CLI. Type checking and the test build are `tsc -p .` (npm run compile).
// `--outdir DIR` writes the bundles elsewhere than dist/: packaging builds into a staging
// folder so that the dev bundles in dist/, which the tests run, are never replaced.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt >= 0 ? process.argv[outdirAt + 1] : 'dist';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: join(outdir, 'extension.js'), external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: join(outdir, 'server.js') }),
  build({ ...common, entryPoints: ['cli/main.ts'], outfile: join(outdir, 'cli.js') }),
]);
chmodSync(join(outdir, 'cli.js'), 0o755);
