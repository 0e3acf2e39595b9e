// A real VS Code for the e2e tests: code-server 4.100.3 (VS Code 1.100.3) with Kindling loaded in
// extension-development mode, driven through Debian's chromium by playwright-core. Everything the
// run writes (workspace, user data, sockets, browser profile) stays in one temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { E2E, freePort, startCodeServer, workbenchUrl } from './codeServer.mjs';

export { E2E, ROOT } from './codeServer.mjs';
export const SHOTS = process.env.E2E_SHOTS || path.join(E2E, 'screenshots');

/** Settings that keep the workbench quiet and its terminal text in the DOM. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 100,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'files.autoSave': 'off',
  'terminal.integrated.gpuAcceleration': 'off',
  'git.enabled': false,
};

export class VsCode {
  /** Starts code-server on `workspace` (copied into a temp folder) with extra user settings. */
  static async start({ workspace, settings = {}, env = {}, payload = [], restricted = false }) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-e2e-'));
    const ws = path.join(tmp, 'ws');
    fs.cpSync(workspace, ws, { recursive: true });
    fs.mkdirSync(path.join(tmp, 'data', 'User'), { recursive: true });
    // Restricted Mode: trust is on and the folder opens untrusted without asking.
    const trust = restricted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false } : {};
    fs.writeFileSync(path.join(tmp, 'data', 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...trust, ...settings }, null, 2));
    for (const dir of ['ext', 't', 'xdg']) fs.mkdirSync(path.join(tmp, dir));
    const { server, authority, output } = await startCodeServer({
      port: await freePort(),
      userDataDir: path.join(tmp, 'data'),
      extensionsDir: path.join(tmp, 'ext'),
      flags: [...(restricted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override'],
      env: { ...process.env, ...env, TMPDIR: path.join(tmp, 't'), XDG_DATA_HOME: path.join(tmp, 'xdg'), XDG_CONFIG_HOME: path.join(tmp, 'xdg') },
    });
    const vscode = new VsCode(tmp, ws, server, output);
    vscode.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_CACHE_HOME: path.join(tmp, 'xdg') },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    vscode.page = await vscode.browser.newPage({ viewport: { width: 1500, height: 950 } });
    await vscode.page.goto(workbenchUrl(authority, ws, payload));
    await vscode.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
    return vscode;
  }

  /** `output`: what code-server printed until it listened. */
  constructor(tmp, ws, server, output) {
    this.tmp = tmp;
    /** The workspace folder VS Code has open. */
    this.ws = ws;
    this.server = server;
    this.log = output;
    server.stdout.on('data', (d) => (this.log += d));
    server.stderr.on('data', (d) => (this.log += d));
  }

  /** Saves a screenshot of what a person would see now, named after the scenario. */
  async screenshot(name) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await this.page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  }

  /** Every log file VS Code wrote (window, extension host, output channels), as text. */
  logs() {
    const texts = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.log')) texts.push({ file, text: fs.readFileSync(file, 'utf8') });
      }
    };
    walk(path.join(this.tmp, 'data', 'logs'));
    return texts;
  }

  async stop() {
    await this.browser?.close().catch(() => {});
    if (this.server.exitCode === null) {
      const exited = new Promise((resolve) => this.server.once('exit', resolve));
      this.server.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (this.server.exitCode === null && this.server.signalCode === null) this.server.kill('SIGKILL');
    }
    // The extension host and language server may still be flushing logs as code-server exits.
    if (!process.env.E2E_KEEP) fs.rmSync(this.tmp, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }

  /** Opens a workspace file with Quick Open and waits for its tab. */
  async open(relative) {
    const name = path.basename(relative);
    await this.page.keyboard.press('Control+P');
    await this.page.locator('.quick-input-widget input').waitFor();
    await this.page.keyboard.type(relative);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
    await this.tab(name).waitFor();
  }

  tab(name) {
    return this.page.locator('.tabs-container .tab', { hasText: name });
  }

  /** Runs a command from the palette by its title. */
  async command(title) {
    await this.page.keyboard.press('F1');
    await this.page.locator('.quick-input-widget input').waitFor();
    await this.page.keyboard.type(title);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Picks a row of the open quick pick. */
  async pick(label) {
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
  }

  /** Moves the cursor of the active editor to 1-based `line`, `column` (Go to Line). */
  async goTo(line, column) {
    await this.page.keyboard.press('Control+G');
    await this.page.locator('.quick-input-widget input').waitFor();
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Opens the suggest widget at the cursor and returns its row labels. The first request can
   * race the server's first analysis of an edit, so a widget that shows nothing is asked again.
   */
  async suggest() {
    const rows = this.page.locator('.suggest-widget.visible .monaco-list-row');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+Space');
      try {
        await rows.first().waitFor({ timeout: 10_000 });
        return rows.allInnerTexts();
      } catch (err) {
        if (attempt === 3) throw err;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Shows the Problems panel (its key toggles, so only when hidden) and returns its rows. */
  async problems() {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor();
    return this.page.locator('.markers-panel .monaco-list-row');
  }

  notification(text) {
    return this.page.locator('.notifications-toasts .notification-list-item', { hasText: text });
  }
}
