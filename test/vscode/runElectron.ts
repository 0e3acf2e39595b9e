/**
 * `npm run test:electron`: the in-host suite (suite.ts) in a desktop VS Code downloaded by
 * @vscode/test-electron — for machines that can reach update.code.visualstudio.com. Where it
 * cannot (CI here), e2e/inhost.test.mjs runs the same suite in code-server instead.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.join(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  // The suite edits files (and undoes); it gets a copy of the e2e workspace.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-electron-'));
  fs.cpSync(path.join(ROOT, 'e2e', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`test:electron: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
