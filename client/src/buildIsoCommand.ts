/**
 * "Kindling: Build ISO": bakes the active config into a bootable ISO. The server says what goes
 * in (Ignition JSON, transpiled from Butane when needed, or a k3OS config); the user picks the
 * kind of ISO, the base image and the disk; the job runs in engine/host with a cancellable
 * progress notification, and every external command and its output go to the Kindling channel.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { buildCoreosIsoWithPodman } from '../../engine/host/coreosInstaller';
import { checkInstallDevice } from '../../engine/iso/installDevice';
import { remasterK3osIso } from '../../engine/host/k3osRemaster';
import { embedIgnitionNatively } from '../../engine/host/nativeEmbed';
import { assertNotInput } from '../../engine/host/isoFiles';
import { DEFAULT_COREOS_INSTALLER_IMAGE } from '../../engine/iso/podman';
import { ISO_PAYLOAD_REQUEST, IsoPayloadParams, IsoPayloadResult } from '../../server/src/protocol';
import type { IsoTarget } from '../../engine/iso/payload';
import { isoOutputName, IsoMethod, MethodChoice, methodsFor } from './isoPlan';
import { outputDirectory } from './outputPath';
import { podmanSettings, xorrisoTool } from './hostTools';
import { jobSource, outputSettingsFor, pickBaseImage, showJobFailure, showRefusal } from './jobPrompts';
import { JobProgress, withJobProgress } from './jobProgress';

const LAST_METHOD_KEY = 'kindling.iso.lastMethod';
const LAST_BASE_KEY = 'kindling.iso.lastBase';

interface Job {
  source: vscode.Uri;
  content: string;
  target: IsoTarget;
  method: MethodChoice;
  device?: string;
  base: string;
  output: string;
}

export class BuildIsoCommand {
  constructor(
    private readonly client: LanguageClient,
    private readonly state: vscode.Memento,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  async run(argument?: unknown): Promise<void> {
    const source = jobSource(argument, {
      untrusted: 'Kindling builds ISOs only in trusted workspaces: it runs podman or xorriso and writes files.',
      noConfig: 'Open a Butane, Ignition or k3OS config to build an ISO from it.',
      notFile: 'Save the config to disk first: Kindling builds ISOs from configs in files.',
    });
    if (!source) return;
    try {
      const job = await this.plan(source);
      if (job) await this.execute(job);
    } catch (err) {
      void showJobFailure(this.output, `build the ISO from ${path.basename(source.fsPath)}`, err);
    }
  }

  /** Asks what to build; undefined when the user cancelled or the config cannot go into an ISO. */
  private async plan(source: vscode.Uri): Promise<Job | undefined> {
    await vscode.workspace.openTextDocument(source); // the server answers for open documents
    const params: IsoPayloadParams = { uri: source.toString() };
    const payload = await this.client.sendRequest<IsoPayloadResult>(ISO_PAYLOAD_REQUEST, params);
    if (!payload.ok || payload.content === undefined || payload.target === undefined) return showRefusal(`No ISO from ${path.basename(source.fsPath)}: ${payload.reason ?? 'no config'}`, payload.problems);
    const target = payload.target;

    const choices = methodsFor(target, this.state.get<string>(LAST_METHOD_KEY));
    const picked = await vscode.window.showQuickPick(
      choices.map((choice) => ({ label: choice.label, detail: choice.detail, choice })),
      { title: `Build ${target === 'fcos' ? 'a Fedora CoreOS' : 'a k3OS'} ISO from ${path.basename(source.fsPath)}`, ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    const method = picked.choice;
    await this.state.update(LAST_METHOD_KEY, method.method);

    const config = vscode.workspace.getConfiguration('kindling', source);
    let device: string | undefined;
    if (method.needsDevice) {
      device = await vscode.window.showInputBox({
        title: 'The disk to install to — it will be erased',
        value: config.get<string>('iso.installDevice', '/dev/sda'),
        ignoreFocusOut: true,
        validateInput: (value) => {
          try {
            checkInstallDevice(value);
            return undefined;
          } catch (err) {
            return (err as Error).message;
          }
        },
      });
      if (!device) return undefined;
    }

    const base = await this.baseImage(source, target);
    if (!base) return undefined;
    const output = await this.outputFor(source, method.method, base);
    if (!output) return undefined;
    return { source, content: payload.content, target, method, device, base, output };
  }

  /** The base ISO from `kindling.iso.<os>BaseImage`, else picked in a dialog (remembered per OS). */
  private baseImage(source: vscode.Uri, target: IsoTarget): Promise<string | undefined> {
    return pickBaseImage(this.state, source, {
      setting: target === 'fcos' ? 'iso.fcosBaseImage' : 'iso.k3osBaseImage',
      stateKey: `${LAST_BASE_KEY}.${target}`,
      title: target === 'fcos' ? 'Choose the Fedora CoreOS live ISO to start from' : 'Choose the k3OS ISO to start from',
      openLabel: 'Use as base ISO',
      filters: { 'ISO images': ['iso'], 'All files': ['*'] },
    });
  }

  /** `<name>.iso` beside the config or in kindling.outputDirectory; asks before replacing a file. */
  private async outputFor(source: vscode.Uri, method: IsoMethod, base: string): Promise<string | undefined> {
    const folder = outputDirectory(source.fsPath, outputSettingsFor(source));
    const output = path.join(folder, isoOutputName(path.basename(source.fsPath), method));
    await assertNotInput(output, [base]);
    if (fs.existsSync(output)) {
      const replace = 'Replace';
      const answer = await vscode.window.showWarningMessage(`${path.basename(output)} already exists. Replace it?`, { modal: true, detail: output }, replace);
      if (answer !== replace) return undefined;
    }
    return output;
  }

  private async execute(job: Job): Promise<void> {
    const log = (line: string) => this.output.info(line);
    const name = path.basename(job.output);
    log(`Build ISO: ${job.method.label} from ${job.source.fsPath}; base ${job.base}; output ${job.output}${job.device ? `; install to ${job.device}` : ''}`);
    const done = await withJobProgress(`Building ${name}`, 'copying the base ISO', async (progress) => {
      await this.runJob(job, progress, log);
      return true;
    });
    if (!done) {
      log('Build ISO: cancelled; nothing was written.');
      void vscode.window.showInformationMessage(`Building ${name} was cancelled; nothing was written.`);
      return;
    }
    log(`Build ISO: wrote ${job.output}`);
    // The OS file manager exists only in a local desktop window (not in code-server or remote).
    const local = vscode.env.uiKind === vscode.UIKind.Desktop && vscode.env.remoteName === undefined;
    const inWorkspace = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(job.output)) !== undefined;
    const reveal = local ? 'Reveal in File Manager' : inWorkspace ? 'Reveal in Explorer' : undefined;
    const copy = 'Copy Path';
    const actions = reveal ? [reveal, copy] : [copy];
    const answer = await vscode.window.showInformationMessage(`Built ${name}: ${job.method.label.toLowerCase()} with ${path.basename(job.source.fsPath)}.`, ...actions);
    if (answer === reveal) await vscode.commands.executeCommand(local ? 'revealFileInOS' : 'revealInExplorer', vscode.Uri.file(job.output));
    if (answer === copy) await vscode.env.clipboard.writeText(job.output);
  }

  private async runJob(job: Job, { signal, copied, step }: JobProgress, log: (line: string) => void): Promise<void> {
    const config = vscode.workspace.getConfiguration('kindling', job.source);
    const bytes = Buffer.from(job.content, 'utf8');
    switch (job.method.method) {
      case 'native-live':
        await embedIgnitionNatively({ base: job.base, output: job.output, ignition: bytes, force: true, signal, progress: copied });
        return;
      case 'podman-live':
      case 'podman-install': {
        step('running coreos-installer in podman');
        const image = config.get<string>('podman.coreosInstallerImage', '') || DEFAULT_COREOS_INSTALLER_IMAGE;
        const mode = job.method.method === 'podman-install' ? { kind: 'install' as const, destDevice: job.device! } : { kind: 'live' as const };
        await buildCoreosIsoWithPodman({ base: job.base, output: job.output, ignition: bytes, mode, force: true, podman: podmanSettings(config, image), signal, log });
        return;
      }
      case 'k3os-install':
      case 'k3os-live': {
        step('remastering with xorriso');
        const tool = xorrisoTool(config);
        const install = job.method.method === 'k3os-install';
        const kernelArgs = {
          mode: install ? ('install' as const) : ('live' as const),
          device: job.device,
          silent: true,
          powerOff: install && config.get<boolean>('iso.k3osPowerOff', false),
          extraArgs: config.get<string[]>('iso.k3osKernelArgs', []),
        };
        await remasterK3osIso({ base: job.base, output: job.output, config: bytes, kernelArgs, tool, signal, log, progress: copied });
        return;
      }
    }
  }
}
