// "Kindling: Boot in QEMU" in a real VS Code: the palette command boots the probe guest of
// test/qemuGuest.ts (a Debian kernel and a busybox initramfs that print the sha256 of the fw_cfg
// config) under TCG, and its serial console shows in a terminal, ending with Kindling's last line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E, VsCode } from './harness.mjs';
import helpers from '../out/test/helpers.js';
import qemuGuest from '../out/test/qemuGuest.js';

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
  const before = qemuGuest.sha256(fs.readFileSync(base));
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
  const expected = helpers.runCli(['transpile', path.join(vscode.ws, 'node.bu')]).stdout;
  assert.match(text, /FWCFG-NAME: opt\/com\.coreos\/config/);
  assert.match(text, new RegExp(`FWCFG-SHA256: ${qemuGuest.sha256(expected)}`));
  assert.equal(qemuGuest.sha256(fs.readFileSync(base)), before, 'the base image is byte-identical');
});
