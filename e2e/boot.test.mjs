// "Kindling: Boot in QEMU" in a real VS Code: the palette command boots the probe guest of
// test/qemuGuest.ts (a Debian kernel and a busybox initramfs that print the sha256 of the fw_cfg
// config) under TCG, and its serial console shows in a terminal, ending with Kindling's last line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E, ROOT, VsCode } from './harness.mjs';
import qemuGuest from '../out/test/qemuGuest.js';

const CLI = path.join(ROOT, 'dist', 'cli.js');
let vscode;
let staging;
let base;

before(async () => {
  staging = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-e2e-boot-'));
  fs.copyFileSync(path.join(E2E, 'workspace', 'node.bu'), path.join(staging, 'node.bu'));
  base = qemuGuest.buildGuestQcow2(qemuGuest.prepareGuest(), fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-e2e-guest-')));
  vscode = await VsCode.start({
    workspace: staging,
    settings: { 'kindling.boot.fcosImage': base, 'kindling.boot.accel': 'tcg', 'kindling.boot.memory': 512, 'kindling.boot.cpus': 1, 'kindling.boot.forwards': [] },
  });
});

after(async () => {
  await vscode?.stop();
  fs.rmSync(staging, { recursive: true, force: true });
  if (base) fs.rmSync(path.dirname(base), { recursive: true, force: true });
});

test('Boot in QEMU: the serial console in a terminal shows the guest reading exactly the transpiled config', { timeout: 180_000 }, async () => {
  const before = createHash('sha256').update(fs.readFileSync(base)).digest('hex');
  await vscode.open('node.bu');
  await vscode.command('Kindling: Boot in QEMU');
  await vscode.pick('Fedora CoreOS disk image');
  const terminal = vscode.page.locator('.terminal-wrapper.active .xterm-rows');
  // GRUB clears the screen as it starts, so Kindling's header is in the scrollback, not in view.
  try {
    await terminal.filter({ hasText: 'the VM exited; its run folder is removed' }).waitFor({ timeout: 150_000 });
  } finally {
    await vscode.screenshot('09-boot-in-qemu');
  }
  const text = (await terminal.innerText()).replace(/\u00a0/g, ' ');
  const expected = execFileSync(process.execPath, [CLI, 'transpile', path.join(vscode.ws, 'node.bu')]);
  assert.match(text, /FWCFG-NAME: opt\/com\.coreos\/config/);
  assert.match(text, new RegExp(`FWCFG-SHA256: ${createHash('sha256').update(expected).digest('hex')}`));
  assert.equal(createHash('sha256').update(fs.readFileSync(base)).digest('hex'), before, 'the base image is byte-identical');
});
