/**
 * "Kindling: Boot in QEMU" and "Kindling: Stop QEMU VM": a test boot of the active config. The
 * server says what the node gets; the run folder lives in the extension's storage; the serial
 * console is a terminal; each VM is stopped only through its own terminal or the stop command.
 */
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BootBase, prepareBoot, PreparedBoot, removeRunFolder } from '../../engine/host/bootRun';
import { chooseAccel, RunningVm, startVm } from '../../engine/host/qemuRun';
import type { Accel } from '../../engine/qemu/bootPlan';
import { BOOT_PAYLOAD_REQUEST, BootPayloadParams, BootPayloadResult } from '../../server/src/protocol';
import { baseImageSetting, BootChoice, bootChoicesFor, consoleHeader, exitMessage, machineSettings, MachineSettings } from './bootChoices';
import { xorrisoTool } from './hostTools';
import { jobSource, pickBaseImage, showJobFailure, showRefusal, workspaceBase } from './jobPrompts';
import { withJobProgress } from './jobProgress';
import { resolveSettingPath } from './outputPath';
import { VmConsole } from './vmConsole';

const LAST_METHOD_KEY = 'kindling.boot.lastMethod';
const RUNNING_CONTEXT = 'kindling.vmRunning';

interface Vm {
  /** The terminal's name, e.g. `QEMU: node.bu`. */
  name: string;
  vm: RunningVm;
  stoppedByUser: boolean;
}

interface Boot {
  source: vscode.Uri;
  choice: BootChoice;
  base: BootBase;
  config: { kind: 'ignition' | 'k3os'; content: string };
  machine: MachineSettings;
}

export class BootCommand implements vscode.Disposable {
  private readonly running = new Set<Vm>();

  constructor(
    private readonly client: LanguageClient,
    private readonly state: vscode.Memento,
    private readonly output: vscode.LogOutputChannel,
    /** The extension's storage folder: run folders go in `runs/` inside it. */
    private readonly storage: vscode.Uri,
  ) {}

  async run(argument?: unknown): Promise<void> {
    const source = jobSource(argument, {
      untrusted: 'Kindling boots VMs only in trusted workspaces: it runs qemu and writes files.',
      noConfig: 'Open a Butane, Ignition or k3OS config to boot a node with it.',
      notFile: 'Save the config to disk first: Kindling boots configs in files.',
    });
    if (!source) return;
    try {
      const boot = await this.plan(source);
      if (boot) await this.start(boot);
    } catch (err) {
      void showJobFailure(this.output, `boot ${path.basename(source.fsPath)} in QEMU`, err);
    }
  }

  /** Stops one VM this window started: the only one, or the one the user picks. */
  async stop(): Promise<void> {
    const vms = [...this.running];
    if (vms.length === 0) {
      void vscode.window.showInformationMessage('No VM started by Kindling is running.');
      return;
    }
    const picked = vms.length === 1 ? vms[0] : (await vscode.window.showQuickPick(vms.map((vm) => ({ label: vm.name, vm })), { title: 'Stop which VM?' }))?.vm;
    if (!picked) return;
    picked.stoppedByUser = true;
    picked.vm.stop();
  }

  /** The window is closing: no VM outlives the extension that started it. */
  dispose(): void {
    for (const vm of this.running) vm.vm.stop();
  }

  private async plan(source: vscode.Uri): Promise<Boot | undefined> {
    await vscode.workspace.openTextDocument(source); // the server answers for open documents
    const name = path.basename(source.fsPath);
    const payload = await this.client.sendRequest<BootPayloadResult>(BOOT_PAYLOAD_REQUEST, { uri: source.toString() } satisfies BootPayloadParams);
    if (!payload.ok || !payload.kind || payload.content === undefined) return showRefusal(`No boot from ${name}: ${payload.reason ?? 'no config'}`, payload.problems);

    const config = vscode.workspace.getConfiguration('kindling', source);
    const machine = machineSettings({ memory: config.get('boot.memory'), cpus: config.get('boot.cpus'), forwards: config.get('boot.forwards'), accel: config.get('boot.accel') });
    if ('problem' in machine) throw new Error(machine.problem);

    const choices = bootChoicesFor({ kind: payload.kind, os: payload.os }, this.state.get<string>(LAST_METHOD_KEY));
    const choice =
      choices.length === 1
        ? choices[0]
        : (await vscode.window.showQuickPick(
            choices.map((c) => ({ label: c.label, detail: c.detail, choice: c })),
            { title: `Boot ${name} in QEMU from`, ignoreFocusOut: true },
          ))?.choice;
    if (!choice) return undefined;
    await this.state.update(LAST_METHOD_KEY, choice.method);

    const disk = choice.method === 'disk-fcos' || choice.method === 'disk-flatcar';
    const image = await pickBaseImage(this.state, source, {
      setting: baseImageSetting(choice.method),
      stateKey: `kindling.boot.lastBase.${choice.method}`,
      title: `Choose the ${choice.label.toLowerCase()} to boot`,
      openLabel: disk ? 'Boot this image' : 'Boot this ISO',
      filters: disk ? { 'qcow2 images': ['qcow2', 'img'], 'All files': ['*'] } : { 'ISO images': ['iso'], 'All files': ['*'] },
    });
    if (!image) return undefined;
    const base: BootBase = disk ? { kind: 'disk', image, os: choice.method === 'disk-flatcar' ? 'flatcar' : 'fcos' } : { kind: 'iso', iso: image };
    return { source, choice, base, config: { kind: payload.kind, content: payload.content }, machine };
  }

  private async start(boot: Boot): Promise<void> {
    const config = vscode.workspace.getConfiguration('kindling', boot.source);
    const log = (line: string) => this.output.info(line);
    const name = path.basename(boot.source.fsPath);
    const { accel, note } = await chooseAccel(boot.machine.accel);
    if (note) log(`Boot: ${note}`);
    log(`Boot: ${name} — ${boot.choice.label}, ${accel.toUpperCase()}, ${boot.machine.memoryMiB} MiB, ${boot.machine.cpus} CPUs`);

    const prepared = await this.prepare(boot, accel, config, log);
    if (!prepared) return;
    const keep = config.get<boolean>('boot.keepRunFolder', false);
    let vm: RunningVm;
    try {
      vm = await startVm(prepared.argv, log);
    } catch (err) {
      await removeRunFolder(prepared.folder);
      throw err;
    }
    const header = consoleHeader({ source: name, method: boot.choice, accel, accelNote: note, forwards: boot.machine.forwards });
    const vmConsole = new VmConsole(vm, header);
    const terminal = vscode.window.createTerminal({ name: `QEMU: ${name}`, pty: vmConsole, iconPath: new vscode.ThemeIcon('vm') });
    const entry: Vm = { name: terminal.name, vm, stoppedByUser: false };
    this.running.add(entry);
    void this.updateContext();
    terminal.show();

    void vm.exited.then(async (code) => {
      this.running.delete(entry);
      void this.updateContext();
      log(`Boot: the VM of ${name} ended (QEMU exit status ${code ?? 'none: killed'}).`);
      if (!keep) await removeRunFolder(prepared.folder).catch((err: Error) => this.output.warn(`Boot: could not remove ${prepared.folder}: ${err.message}`));
      vmConsole.finish(exitMessage(code, entry.stoppedByUser, keep ? prepared.folder : undefined));
    });
  }

  /** Creates and fills the run folder under a cancellable progress notification; undefined: cancelled. */
  private async prepare(boot: Boot, accel: Accel, config: vscode.WorkspaceConfiguration, log: (line: string) => void): Promise<PreparedBoot | undefined> {
    const prepared = await withJobProgress(`Preparing the boot of ${path.basename(boot.source.fsPath)}`, 'copying the ISO', ({ signal, copied }) =>
      prepareBoot({
        base: boot.base,
        config: boot.config,
        runsDir: vscode.Uri.joinPath(this.storage, 'runs').fsPath,
        memoryMiB: boot.machine.memoryMiB,
        cpus: boot.machine.cpus,
        accel,
        forwards: boot.machine.forwards,
        firmware: resolveSettingPath(config.get<string>('boot.firmware', ''), workspaceBase(boot.source), os.homedir()),
        qemu: config.get<string>('boot.qemuPath', '') || 'qemu-system-x86_64',
        qemuImg: config.get<string>('boot.qemuImgPath', '') || 'qemu-img',
        xorriso: xorrisoTool(config),
        log,
        signal,
        progress: copied,
      }),
    );
    if (!prepared) log('Boot: cancelled before QEMU started; nothing is left behind.');
    return prepared;
  }

  private updateContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, this.running.size > 0);
  }
}
