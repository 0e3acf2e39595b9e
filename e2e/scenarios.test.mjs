// What a person sees when they use Kindling in VS Code: each scenario drives the real workbench
// (code-server + chromium) and asserts on the screen, then saves a screenshot to e2e/screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E, VsCode } from './harness.mjs';
// The unit suites' helpers (compiled by `npm run compile`): fixtures and the CLI runner.
import helpers from '../out/test/helpers.js';
import isoFixtures from '../out/test/isoFixtures.js';

const STEP = { timeout: 120_000 };
let vscode;
let staging;

before(async () => {
  staging = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-e2e-ws-'));
  fs.cpSync(path.join(E2E, 'workspace'), staging, { recursive: true });
  // A small Fedora CoreOS-style live ISO with a real embed area (coreos-installer's fixture).
  fs.writeFileSync(path.join(staging, 'base.iso'), isoFixtures.fixture('iso/embed-areas-2023-07.x86_64.iso.xz'));
  vscode = await VsCode.start({ workspace: staging, settings: { 'kindling.iso.fcosBaseImage': 'base.iso', 'kindling.pretty': true } });
});

/** A scenario; when it fails, a screenshot of the moment goes beside the others. */
function scenario(name, shot, fn) {
  test(name, STEP, async () => {
    try {
      await fn();
    } catch (err) {
      await vscode.screenshot(`failed-${shot}`).catch(() => {});
      throw err;
    }
  });
}

after(async () => {
  await vscode?.stop();
  fs.rmSync(staging, { recursive: true, force: true });
});

scenario('a Butane file with mistakes: squiggles, and Problems rows with Kindling\'s messages', 'butane-diagnostics', async () => {
  await vscode.open('node.bu');
  await vscode.page.locator('.view-overlays .squiggly-warning').first().waitFor({ timeout: 60_000 });
  const rows = await vscode.problems();
  for (const message of [
    'unknown key `ssh_authorized_key`; did you mean `ssh_authorized_keys`? Butane ignores unknown keys',
    'mode 644 is decimal (octal 01204: an odd permission set); you probably meant octal 0644',
    'unknown key `inlin`; did you mean `inline`?',
  ]) {
    await rows.filter({ hasText: message }).first().waitFor({ timeout: 30_000 });
  }
  assert.match(await rows.filter({ hasText: 'ssh_authorized_key`' }).first().innerText(), /\[Ln 6, Col 7\]/);
  await vscode.screenshot('01-butane-diagnostics');
});

scenario('completion at a key position lists the keys of a storage file entry', 'completion', async () => {
  await vscode.open('node.bu');
  // Line 13 is `        inline: node-1`; a new line after it at the entry's indent wants an entry key.
  await vscode.goTo(13, 23);
  await vscode.page.keyboard.press('End');
  await vscode.page.keyboard.press('Enter');
  await vscode.page.keyboard.press('Shift+Tab');
  const labels = await vscode.suggest();
  for (const key of ['overwrite', 'user', 'group']) assert.ok(labels.some((l) => l.startsWith(key)), `${key} in ${labels.join(' | ')}`);
  await vscode.screenshot('02-completion');
  await vscode.page.keyboard.press('Escape');
  await vscode.page.keyboard.press('Control+Z');
});

scenario('hover on a key explains it', 'hover', async () => {
  await vscode.open('node.bu');
  await vscode.goTo(11, 9); // `mode`
  await vscode.page.keyboard.press('Control+K');
  await vscode.page.keyboard.press('Control+I');
  const hover = vscode.page.locator('.monaco-hover:not(.hidden) .hover-contents').first();
  await hover.waitFor({ timeout: 30_000 });
  assert.match(await hover.innerText(), /mode/i);
  await vscode.screenshot('03-hover');
  await vscode.page.keyboard.press('Escape');
});

scenario('a quick fix renames a misspelt key and its problem goes away', 'quick-fix', async () => {
  await vscode.open('node.bu');
  await vscode.page.locator('.view-overlays .squiggly-warning').first().waitFor({ timeout: 60_000 });
  await vscode.goTo(6, 8);
  await vscode.page.keyboard.press('Control+.');
  const fix = vscode.page.locator('.action-widget .monaco-list-row', { hasText: 'Rename to `ssh_authorized_keys`' }).first();
  await fix.waitFor({ timeout: 30_000 });
  await vscode.screenshot('04-quick-fix-menu');
  // The menu's overlay takes pointer events: choose the fix with the keyboard once it is focused.
  await vscode.page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Rename to `ssh_authorized_keys`' }).waitFor();
  await vscode.page.keyboard.press('Enter');
  await vscode.page.locator('.view-lines', { hasText: 'ssh_authorized_keys:' }).first().waitFor();
  const rows = await vscode.problems();
  await rows.filter({ hasText: 'mode 644 is decimal' }).first().waitFor();
  await vscode.page.waitForFunction(() => ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes('`ssh_authorized_key`')), null, { timeout: 30_000 });
  await vscode.screenshot('04-quick-fix-applied');
});

scenario('the Ignition preview opens to the side and follows typing', 'preview', async () => {
  await vscode.open('node.bu');
  await vscode.command('Kindling: Open Ignition Preview to the Side');
  const preview = '.editor-group-container:not(.active)';
  await vscode.page.locator(`${preview} .view-lines`, { hasText: /"path":\s+"\/etc\/hostname"/ }).first().waitFor({ timeout: 60_000 });
  // Type into the source (still the active group) and watch the preview change.
  await vscode.goTo(13, 23);
  await vscode.page.keyboard.press('End');
  await vscode.page.keyboard.type('-renamed');
  await vscode.page.locator('.editor-group-container .view-lines', { hasText: 'data:,node-1-renamed' }).first().waitFor({ timeout: 30_000 });
  await vscode.screenshot('05-preview-follows-typing');
  await vscode.page.keyboard.press('Control+S');
});

scenario('Build ISO from the palette writes node.iso with the config embedded and says so', 'build-iso', async () => {
  await vscode.open('node.bu');
  await vscode.command('Kindling: Build ISO');
  await vscode.pick('Live ISO');
  const done = vscode.notification('Built node.iso');
  await done.waitFor({ timeout: 90_000 });
  await vscode.screenshot('06-build-iso');
  const iso = path.join(vscode.ws, 'node.iso');
  assert.ok(fs.existsSync(iso));
  // The ISO holds exactly what Kindling transpiles the saved config to.
  const embedded = helpers.runCli(['iso', 'show', iso]).stdout;
  const expected = helpers.runCli(['transpile', path.join(vscode.ws, 'node.bu')]).stdout;
  assert.deepEqual(JSON.parse(embedded), JSON.parse(expected));
  await vscode.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'node.iso' }).waitFor();
});

scenario('a Container Linux Config gets its diagnostics', 'clc-diagnostics', async () => {
  await vscode.open('node.clc');
  const rows = await vscode.problems();
  await rows.filter({ hasText: 'The file `/usr/bin/tool` is on /usr' }).first().waitFor({ timeout: 60_000 });
  await rows.filter({ hasText: '`enable` is deprecated; use `enabled`' }).first().waitFor();
  await vscode.page.locator('.view-overlays .squiggly-error').first().waitFor();
  await vscode.screenshot('07-clc-diagnostics');
});

scenario('a k3OS config gets its diagnostics', 'k3os-diagnostics', async () => {
  await vscode.open('k3os/config.yaml');
  const rows = await vscode.problems();
  await rows.filter({ hasText: '`k3os.password` is in clear text' }).first().waitFor({ timeout: 60_000 });
  await vscode.screenshot('08-k3os-diagnostics');
});

scenario('no config content reaches a log: the Kindling output channel and every other log VS Code wrote', 'logs', async () => {
  await vscode.command('Kindling: Show Output');
  await vscode.page.locator('.panel .monaco-editor .view-lines', { hasText: 'Build ISO' }).first().waitFor({ timeout: 30_000 });
  await vscode.screenshot('11-output-channel');
  const logs = vscode.logs();
  assert.ok(logs.some(({ text }) => text.includes('Build ISO: wrote')), 'the Kindling channel is among the logs read');
  // The k3OS token, its clear-text password line, and the Butane config's own text.
  for (const secret of ['K10e2eSecretTokenNeverLogged', 'password: rancher', 'AAAAC3NzaC1lZDI1NTE5AAAAIGq6x', 'node-1-renamed']) {
    const leaks = logs.filter(({ text }) => text.includes(secret)).map(({ file }) => path.basename(file));
    assert.deepEqual(leaks, [], `${secret} appears in ${leaks.join(', ')}`);
  }
});
