// The in-host suite (test/vscode/suite.ts, shared with @vscode/test-electron) run inside
// code-server's extension host. VS Code signals nothing by exit code there, so the suite writes
// a result file that this test waits for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { E2E, ROOT, VsCode } from './harness.mjs';

const resultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-e2e-result-'));
const resultFile = path.join(resultDir, 'result.json');
let vscode;

before(async () => {
  vscode = await VsCode.start({
    workspace: path.join(E2E, 'workspace'),
    env: { KINDLING_E2E_RESULT: resultFile },
    payload: [['extensionTestsPath', path.join(ROOT, 'out', 'test', 'vscode', 'suite.js')]],
  });
});

after(async () => {
  await vscode?.stop();
  fs.rmSync(resultDir, { recursive: true, force: true });
});

test('the in-host suite passes inside code-server', { timeout: 150_000 }, async () => {
  const deadline = Date.now() + 120_000;
  while (!fs.existsSync(resultFile)) {
    if (Date.now() > deadline) assert.fail(`the in-host suite wrote no result; code-server said:\n${vscode.log.slice(-3000)}`);
    await sleep(250);
  }
  const results = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  assert.ok(results.length >= 6, `${results.length} checks ran`);
  for (const result of results) assert.ok(result.ok, `${result.name}: ${result.error}`);
});
