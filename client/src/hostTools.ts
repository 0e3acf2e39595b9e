/**
 * The external programs Kindling's jobs run, as the settings name them: podman with its extra
 * arguments, and xorriso (local, or inside a podman image).
 */
import type * as vscode from 'vscode';
import type { XorrisoTool } from '../../engine/host/k3osRemaster';
import type { PodmanSettings } from '../../engine/iso/podman';

/** podman from `kindling.podman.*`, running `image`. */
export function podmanSettings(config: vscode.WorkspaceConfiguration, image: string): PodmanSettings {
  return { podman: config.get<string>('podman.path', '') || 'podman', image, extraArgs: config.get<string[]>('podman.extraArgs', []) };
}

/** xorriso in `kindling.podman.xorrisoImage` when set, else the local `kindling.xorriso.path`. */
export function xorrisoTool(config: vscode.WorkspaceConfiguration): XorrisoTool {
  const image = config.get<string>('podman.xorrisoImage', '');
  return image ? { kind: 'podman', podman: podmanSettings(config, image) } : { kind: 'local', xorriso: config.get<string>('xorriso.path', '') || 'xorriso' };
}
