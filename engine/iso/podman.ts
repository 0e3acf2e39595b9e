/**
 * The `podman run` command lines Kindling composes, as argument arrays. Pure: the tests check
 * them as data, and engine/host runs them. Nothing here is specific to one machine: workarounds
 * a host needs (another OCI runtime, ulimits) belong in that host's containers.conf.
 */
import { InvalidInputError } from './image';

export interface PodmanSettings {
  /** The podman program: a name on the PATH or an absolute path. */
  podman: string;
  /** The container image, e.g. quay.io/coreos/coreos-installer:release. */
  image: string;
  /** Added after `podman run` and before the image, e.g. ["--pull=never"]. */
  extraArgs: readonly string[];
}

export const DEFAULT_COREOS_INSTALLER_IMAGE = 'quay.io/coreos/coreos-installer:release';

/** A host path visible in the container. Files and folders alike. */
export interface Mount {
  host: string;
  container: string;
  readOnly: boolean;
}

export interface ContainerRun {
  mounts: readonly Mount[];
  /** The container's working directory. */
  workdir: string;
  /** The command and arguments after the image name (the image's entrypoint receives them). */
  args: readonly string[];
}

/**
 * `podman run --rm` with each mount as `--volume` (`:ro` where read-only). SELinux labelling is
 * disabled for the container instead of relabelling (`:z`) the user's files, as the
 * coreos-installer docs do; no network, since nothing here needs one.
 */
export function podmanRunArgv(settings: PodmanSettings, run: ContainerRun): string[] {
  const argv = [settings.podman, 'run', '--rm', '--network=none', '--security-opt', 'label=disable'];
  for (const mount of run.mounts) {
    if (mount.host.includes(':') || mount.container.includes(':')) {
      // --volume splits on ':'; --mount would split on ','. A path holding either cannot be passed.
      throw new InvalidInputError(`podman cannot mount a path that contains ':' (${mount.host})`);
    }
    argv.push('--volume', `${mount.host}:${mount.container}${mount.readOnly ? ':ro' : ''}`);
  }
  argv.push('--workdir', run.workdir, ...settings.extraArgs, settings.image, ...run.args);
  return argv;
}
