// Restricted Mode in a real VS Code: a hostile workspace's settings point Kindling's programs at
// a script that would leave a marker and its files-dir outside the workspace. Validation still
// works, but nothing is spawned, nothing outside the workspace is read, and nothing is written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { VsCode } from './harness.mjs';

let vscode;
let staging;
let marker;

before(async () => {
  staging = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-e2e-untrusted-'));
  const ws = path.join(staging, 'ws');
  const outside = path.join(staging, 'outside');
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'outside.txt'), 'read from outside the workspace');
  marker = path.join(staging, 'spawned');
  const trap = path.join(staging, 'trap.sh');
  fs.writeFileSync(trap, `#!/bin/sh\necho "$0 $*" >> '${marker}'\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(ws, 'node.bu'), 'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /etc/motd\n      contents:\n        local: outside.txt\n');
  fs.writeFileSync(path.join(ws, 'base.iso'), 'not an ISO');
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({
    'kindling.filesDir': outside,
    'kindling.outputDirectory': outside,
    'kindling.podman.path': trap,
    'kindling.xorriso.path': trap,
    'kindling.boot.qemuPath': trap,
    'kindling.boot.qemuImgPath': trap,
    'kindling.iso.fcosBaseImage': 'base.iso',
    'kindling.boot.fcosImage': 'base.iso',
  }));
  vscode = await VsCode.start({ workspace: ws, restricted: true });
});

after(async () => {
  await vscode?.stop();
  fs.rmSync(staging, { recursive: true, force: true });
});

/** Types `title` into the palette and tells whether a command with that title is offered. */
async function offered(title) {
  await vscode.page.keyboard.press('F1');
  await vscode.page.locator('.quick-input-widget input').waitFor();
  await vscode.page.keyboard.type(title);
  // The palette filters as it is typed: let it settle, and make sure it listed something (it
  // shows "N Results"), so an empty answer means "not offered" rather than "not rendered yet".
  await sleep(1500);
  await vscode.page.locator('.quick-input-widget', { hasText: /\d+ Results?/ }).waitFor();
  const found = await vscode.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).count();
  await vscode.page.keyboard.press('Escape');
  return found > 0;
}

test('Restricted Mode: checks run, the workspace files-dir is ignored, commands that run programs are not offered, nothing is spawned or written', { timeout: 150_000 }, async () => {
  await vscode.page.locator('.statusbar', { hasText: 'Restricted Mode' }).waitFor({ timeout: 30_000 });
  await vscode.open('node.bu');
  const rows = await vscode.problems();
  // The workspace's kindling.filesDir (outside the workspace) is not used: the files directory
  // is the config's own folder, where outside.txt is not.
  const missing = rows.filter({ hasText: '`outside.txt` does not exist in the files directory' }).first();
  await missing.waitFor({ timeout: 60_000 });
  assert.ok((await missing.innerText()).includes(vscode.ws), await missing.innerText());

  assert.equal(await offered('Kindling: Build ISO'), false, 'Build ISO is not offered');
  assert.equal(await offered('Kindling: Boot in QEMU'), false, 'Boot in QEMU is not offered');
  assert.equal(await offered('Kindling: Open Ignition Preview to the Side'), true, 'the preview is offered');

  await vscode.command('Kindling: Transpile to Ignition');
  await vscode.notification('Kindling writes Ignition files only in trusted workspaces').waitFor({ timeout: 30_000 });
  await vscode.screenshot('10-restricted-mode');
  assert.ok(!fs.existsSync(path.join(vscode.ws, 'node.ign')) && !fs.existsSync(path.join(staging, 'outside', 'node.ign')), 'nothing written');
  assert.ok(!fs.existsSync(marker), `nothing spawned, yet: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
});
