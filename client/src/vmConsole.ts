/**
 * A VM's serial console as a VS Code terminal: QEMU's output is shown, keys typed go to its
 * standard input (the guest's ttyS0), and closing the terminal ends the VM. The terminal stays
 * open after the VM ends so its last lines can be read.
 */
import * as vscode from 'vscode';
import type { RunningVm } from '../../engine/host/qemuRun';
import { terminalText } from './bootChoices';

export class VmConsole implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writeEmitter.event;
  /** Output that arrived before VS Code opened the terminal, the header first. */
  private pending: string[] | undefined;
  private ended = false;

  constructor(
    private readonly vm: RunningVm,
    header: string,
  ) {
    this.pending = [header];
    // Guest bytes are UTF-8 text, sometimes split mid-character across chunks.
    const decoder = new TextDecoder('utf-8');
    const stderrDecoder = new TextDecoder('utf-8');
    vm.process.stdout?.on('data', (chunk: Buffer) => this.write(terminalText(decoder.decode(chunk, { stream: true }))));
    vm.process.stderr?.on('data', (chunk: Buffer) => this.write(`\x1b[33m${terminalText(stderrDecoder.decode(chunk, { stream: true }))}\x1b[0m`));
  }

  open(): void {
    const pending = this.pending ?? [];
    this.pending = undefined;
    for (const text of pending) this.writeEmitter.fire(text);
  }

  /** The user closed the terminal: the VM goes with it, and later output has nowhere to go. */
  close(): void {
    if (!this.ended) this.vm.stop();
    this.writeEmitter.dispose();
  }

  handleInput(data: string): void {
    if (this.ended) return;
    const stdin = this.vm.process.stdin;
    if (stdin && !stdin.destroyed) stdin.write(data);
  }

  /** Writes the last line; the terminal stays until the user closes it. */
  finish(text: string): void {
    this.ended = true;
    this.write(text);
  }

  private write(text: string): void {
    if (this.pending) this.pending.push(text);
    else this.writeEmitter.fire(text);
  }
}
