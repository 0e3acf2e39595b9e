/**
 * Fedora CoreOS live ISOs customised without podman: the Ignition embed area is found and
 * rewritten by engine/iso, and the ISO is copied to a temporary file, patched inside the area
 * only, and renamed into place. The base image is only ever read.
 */
import { findIgnitionArea } from '../iso/embedArea';
import { embedConfig, readEmbeddedConfig, removeConfig } from '../iso/ignitionEmbed';
import { IsoError } from '../iso/image';
import { CopyProgress, copyFileWithProgress, openImage, patchFile, writeOutputAtomically } from './isoFiles';

export interface NativeJob {
  base: string;
  output: string;
  signal?: AbortSignal;
  progress?: CopyProgress;
}

/** The embed area's offset, length and bytes, read from the base. */
async function readArea(base: string) {
  const image = await openImage(base);
  try {
    const area = await findIgnitionArea(image);
    return { ...area, bytes: await image.read(area.offset, area.length) };
  } finally {
    await image.close();
  }
}

async function writePatched(job: NativeJob, offset: number, bytes: Buffer): Promise<void> {
  await writeOutputAtomically(job.output, [job.base], async (temp) => {
    await copyFileWithProgress(job.base, temp, job.progress, job.signal);
    await patchFile(temp, offset, bytes);
  });
}

/** Writes `output`: the base with `ignition` as the live system's config.ign. */
export async function embedIgnitionNatively(job: NativeJob & { ignition: Buffer; force?: boolean }): Promise<{ areaOffset: number; areaLength: number }> {
  const area = await readArea(job.base);
  const updated = await embedConfig(area.bytes, job.ignition, { force: job.force ?? false });
  await writePatched(job, area.offset, updated);
  return { areaOffset: area.offset, areaLength: area.length };
}

/** The config.ign embedded in `base`; IsoError('no-config') when there is none. */
export async function showEmbeddedIgnition(base: string): Promise<Buffer> {
  const area = await readArea(base);
  const config = await readEmbeddedConfig(area.bytes);
  if (!config) throw new IsoError('no-config', `${base} has no embedded Ignition config`);
  return config;
}

/** Writes `output`: the base without its embedded config.ign (other members stay). */
export async function removeIgnitionNatively(job: NativeJob): Promise<void> {
  const area = await readArea(job.base);
  const updated = await removeConfig(area.bytes);
  await writePatched(job, area.offset, updated);
}
