/**
 * `kindling iso …`: build ISOs that provision a node with no hands on the keyboard.
 * Fedora CoreOS natively (embed, show, remove) or with coreos-installer through podman (embed,
 * customize), k3OS by remastering with xorriso. Exit status: 0 done, 1 the job failed (with one
 * line saying why), 2 usage errors.
 */
import { isoPayload, IsoPayload, IsoTarget } from '../engine/iso/payload';
import { DEFAULT_COREOS_INSTALLER_IMAGE, PodmanSettings } from '../engine/iso/podman';
import { buildCoreosIsoWithPodman, CoreosIsoMode } from '../engine/host/coreosInstaller';
import { embedIgnitionNatively, removeIgnitionNatively, showEmbeddedIgnition } from '../engine/host/nativeEmbed';
import { remasterK3osIso } from '../engine/host/k3osRemaster';
import { parseArgs, ParsedArgs, UsageError } from './args';
import { filesDirFlag } from './check';
import { loadConfigFile, requireFile } from './configFile';
import { outputPath } from './transpile';

export const ISO_USAGE = `  kindling iso embed --ignition CONFIG [--force] [--files-dir DIR] [--podman [--image IMG] [--podman-path P] [--pull POLICY]] -o OUT.iso BASE.iso
  kindling iso customize --dest-ignition CONFIG --dest-device DEV [--files-dir DIR] [--image IMG] [--podman-path P] [--pull POLICY] -o OUT.iso BASE.iso
  kindling iso show BASE.iso
  kindling iso remove -o OUT.iso BASE.iso
  kindling iso k3os --config CONFIG.yaml [--live | --install-device DEV [--no-silent] [--power-off]] [--karg KEY=VALUE]...
                    [--timeout SECONDS] [--xorriso PATH | --podman --image IMG [--podman-path P] [--pull POLICY]] -o OUT.iso BASE.iso
  (every iso command also takes --verbose: log each external command and its output to stderr)`;

const PODMAN_FLAGS = ['--image', '--podman-path', '--pull'];
const ISO_COMMANDS = {
  embed: { valued: ['--ignition', '-o', '--output', '--files-dir', ...PODMAN_FLAGS], switches: ['--force', '--podman', '--verbose'] },
  customize: { valued: ['--dest-ignition', '--dest-device', '-o', '--output', '--files-dir', ...PODMAN_FLAGS], switches: ['--verbose'] },
  show: { valued: [], switches: ['--verbose'] },
  remove: { valued: ['-o', '--output'], switches: ['--verbose'] },
  k3os: {
    valued: ['--config', '--install-device', '--karg', '--timeout', '--xorriso', '-o', '--output', ...PODMAN_FLAGS],
    switches: ['--live', '--no-silent', '--power-off', '--podman', '--verbose'],
    repeatable: ['--karg'],
  },
};

const PULL_POLICIES = ['always', 'missing', 'never', 'newer'];

export interface IsoStreams {
  stdout(s: string | Buffer): void;
  stderr(s: string): void;
}

/** The one BASE.iso argument, which must be a readable file. */
function baseImage(args: ParsedArgs): string {
  if (args.positionals.length !== 1) throw new UsageError(`iso ${args.command} needs exactly one BASE.iso`);
  return requireFile(args.positionals[0]);
}

/** The -o OUT.iso path; an output that is the base itself is refused when the job starts. */
function outputFlag(args: ParsedArgs): string {
  const out = outputPath(args);
  if (out === undefined) throw new UsageError(`iso ${args.command} needs -o OUT.iso (the base image is never changed)`);
  return out;
}

function podmanSettings(args: ParsedArgs): PodmanSettings {
  const pull = args.flags.get('--pull') as string | undefined;
  if (pull !== undefined && !PULL_POLICIES.includes(pull)) throw new UsageError(`--pull must be one of ${PULL_POLICIES.join(', ')}, not "${pull}"`);
  return {
    podman: (args.flags.get('--podman-path') as string | undefined) ?? 'podman',
    image: (args.flags.get('--image') as string | undefined) ?? DEFAULT_COREOS_INSTALLER_IMAGE,
    extraArgs: pull ? [`--pull=${pull}`] : [],
  };
}

/** Reads a config (any dialect), transpiles it when needed and checks it suits the ISO. */
function loadPayload(args: ParsedArgs, flag: string, want: IsoTarget, io: IsoStreams): string | undefined {
  const file = args.flags.get(flag) as string | undefined;
  if (file === undefined) throw new UsageError(`iso ${args.command} needs ${flag} CONFIG`);
  const config = loadConfigFile(file, filesDirFlag(args), io.stderr);
  const payload: IsoPayload = isoPayload(config.analysis, config.text, config.options);
  if (!payload.ok) {
    config.refuse(payload.reason, payload.problems);
    return undefined;
  }
  if (payload.target !== want) {
    const needs = want === 'k3os' ? 'a k3OS config.yaml (use `kindling iso embed` for Fedora CoreOS)' : 'a Fedora CoreOS config: Butane or Ignition (use `kindling iso k3os` for k3OS)';
    throw new UsageError(`${file} is not ${needs}`);
  }
  return payload.content;
}

function k3osKernelArgs(args: ParsedArgs) {
  const live = args.flags.has('--live');
  const device = args.flags.get('--install-device') as string | undefined;
  if (live && device !== undefined) throw new UsageError('--live and --install-device exclude each other');
  if (!live && device === undefined) throw new UsageError('iso k3os needs --install-device DEV (an installer ISO) or --live');
  const timeoutFlag = args.flags.get('--timeout') as string | undefined;
  const timeout = timeoutFlag === undefined ? undefined : Number(timeoutFlag);
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 0)) throw new UsageError(`--timeout must be a whole number of seconds, not "${timeoutFlag}"`);
  return {
    mode: live ? ('live' as const) : ('install' as const),
    device,
    silent: !args.flags.has('--no-silent'),
    powerOff: args.flags.has('--power-off'),
    extraArgs: args.lists.get('--karg') ?? [],
    timeoutSeconds: timeout,
  };
}

async function runIsoCommand(args: ParsedArgs, io: IsoStreams): Promise<number> {
  const log = args.flags.has('--verbose') ? (line: string) => io.stderr(`${line}\n`) : undefined;
  // parseArgs accepts only the commands of ISO_COMMANDS.
  switch (args.command as keyof typeof ISO_COMMANDS) {
    case 'show': {
      io.stdout(await showEmbeddedIgnition(baseImage(args)));
      return 0;
    }
    case 'remove': {
      const base = baseImage(args);
      await removeIgnitionNatively({ base, output: outputFlag(args) });
      return 0;
    }
    case 'embed': {
      const base = baseImage(args);
      const output = outputFlag(args);
      const content = loadPayload(args, '--ignition', 'fcos', io);
      if (content === undefined) return 1;
      const ignition = Buffer.from(content, 'utf8');
      const force = args.flags.has('--force');
      if (args.flags.has('--podman')) await buildCoreosIsoWithPodman({ base, output, ignition, force, mode: { kind: 'live' }, podman: podmanSettings(args), log });
      else await embedIgnitionNatively({ base, output, ignition, force });
      return 0;
    }
    case 'customize': {
      const base = baseImage(args);
      const output = outputFlag(args);
      const device = args.flags.get('--dest-device') as string | undefined;
      if (device === undefined) throw new UsageError('iso customize needs --dest-device DEV (the disk to install to)');
      const mode: CoreosIsoMode = { kind: 'install', destDevice: device };
      const content = loadPayload(args, '--dest-ignition', 'fcos', io);
      if (content === undefined) return 1;
      await buildCoreosIsoWithPodman({ base, output, ignition: Buffer.from(content, 'utf8'), mode, podman: podmanSettings(args), log });
      return 0;
    }
    case 'k3os': {
      const base = baseImage(args);
      const output = outputFlag(args);
      const kernelArgs = k3osKernelArgs(args);
      if (args.flags.has('--podman') && !args.flags.has('--image')) throw new UsageError('iso k3os --podman needs --image IMG: an image that has xorriso');
      if (args.flags.has('--podman') && args.flags.has('--xorriso')) throw new UsageError('--podman and --xorriso exclude each other');
      const content = loadPayload(args, '--config', 'k3os', io);
      if (content === undefined) return 1;
      const tool = args.flags.has('--podman')
        ? { kind: 'podman' as const, podman: podmanSettings(args) }
        : { kind: 'local' as const, xorriso: (args.flags.get('--xorriso') as string | undefined) ?? 'xorriso' };
      await remasterK3osIso({ base, output, config: Buffer.from(content, 'utf8'), kernelArgs, tool, log });
      return 0;
    }
  }
}

export async function runIso(argv: readonly string[], io: IsoStreams): Promise<number> {
  if (argv.length === 0) throw new UsageError(`iso needs a command: ${Object.keys(ISO_COMMANDS).join(', ')}`);
  if (argv[0] === '--help' || argv[0] === '-h') throw new UsageError('help');
  if (!(argv[0] in ISO_COMMANDS)) throw new UsageError(`unknown iso command "${argv[0]}"; try: ${Object.keys(ISO_COMMANDS).join(', ')}`);
  return runIsoCommand(parseArgs(argv, ISO_COMMANDS, 'kindling iso'), io);
}
