/**
 * Fedora CoreOS live ISOs customised without podman: the Ignition embed area is found and
 * rewritten by engine/iso, and the ISO is copied to a temporary file, patched inside the area
 * only, and renamed into place. The base image is only ever read.
 */
import { readIgnitionArea } from '../iso/embedArea';
import { embedConfig, readIsoConfig, removeConfig } from '../iso/ignitionEmbed';
import { IsoError } from '../iso/image';
import { CopyProgress, copyFileWithProgress, patchFile, withImage, writeOutputAtomically } from './isoFiles';

export interface NativeJob {
  base: string;
  output: string;
  signal?: AbortSignal;
  progress?: CopyProgress;
}

async function writePatched(job: NativeJob, offset: number, bytes: Buffer): Promise<void> {
  await writeOutputAtomically(job.output, [job.base], async (temp) => {
    await copyFileWithProgress(job.base, temp, job.progress, job.signal);
    await patchFile(temp, offset, bytes);
  });
}

/** Writes `output`: the base with `ignition` as the live system's config.ign. */
export async function embedIgnitionNatively(job: NativeJob & { ignition: Buffer; force?: boolean }): Promise<void> {
  const { area, bytes } = await withImage(job.base, readIgnitionArea);
  const updated = await embedConfig(bytes, job.ignition, { force: job.force ?? false });
  await writePatched(job, area.offset, updated);
}

/** The config.ign embedded in `base`; IsoError('no-config') when there is none. */
export async function showEmbeddedIgnition(base: string): Promise<Buffer> {
  const config = await withImage(base, readIsoConfig);
  if (!config) throw new IsoError('no-config', `${base} has no embedded Ignition config`);
  return config;
}

/** Writes `output`: the base without its embedded config.ign (other members stay). */
export async function removeIgnitionNatively(job: NativeJob): Promise<void> {
  const { area, bytes } = await withImage(job.base, readIgnitionArea);
  await writePatched(job, area.offset, await removeConfig(bytes));
}
