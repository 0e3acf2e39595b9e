/**
 * `coreos-installer iso ignition embed/show/remove` on the bytes of an Ignition embed area
 * (reference/boot-iso.md §D): an all-zero area is pristine; otherwise it holds cpio archives
 * whose `config.ign` member is the config. Pure: area bytes in, new area bytes out; writing them
 * into the ISO is engine/host/isoFiles.ts's job.
 */
import { CpioMember, isDirectory, latestMembers, writeArchive } from './cpio';
import { readIgnitionArea } from './embedArea';
import { ImageReader, IsoError } from './image';
import { compressArchive, readInitrd } from './initrdStreams';

const CONFIG_MEMBER = 'config.ign';
const WHERE = 'the Ignition embed area';

function isPristine(area: Buffer): boolean {
  return area.every((byte) => byte === 0);
}

/** The area's members as the booted kernel sees them (last one of each path wins), directories left out. */
export async function areaMembers(area: Buffer): Promise<CpioMember[]> {
  if (isPristine(area)) return [];
  const streams = await readInitrd(area, { where: WHERE });
  return latestMembers(streams.flatMap((stream) => stream.members)).filter((member) => !isDirectory(member));
}

/** The embedded config's bytes, or undefined when the area has none. */
export async function readEmbeddedConfig(area: Buffer): Promise<Buffer | undefined> {
  return (await areaMembers(area)).find((member) => member.name === CONFIG_MEMBER)?.data;
}

/**
 * A new area holding `config` as config.ign, keeping every other member (such as
 * etc/coreos-firstboot-network/* keyfiles). Refuses to replace an existing config unless `force`.
 */
export async function embedConfig(area: Buffer, config: Buffer, options: { force?: boolean } = {}): Promise<Buffer> {
  const members = await areaMembers(area);
  if (!options.force && members.some((member) => member.name === CONFIG_MEMBER)) {
    throw new IsoError('already-embedded', 'the ISO already has an embedded Ignition config; use --force to replace it');
  }
  const others = members.filter((member) => member.name !== CONFIG_MEMBER);
  return fillArea(area.length, [...others, { name: CONFIG_MEMBER, data: config }], 'compressed config');
}

/** A new area without config.ign: all zeros (pristine) when nothing else is left. */
export async function removeConfig(area: Buffer): Promise<Buffer> {
  const members = await areaMembers(area);
  if (!members.some((member) => member.name === CONFIG_MEMBER)) {
    throw new IsoError('no-config', 'the ISO has no embedded Ignition config to remove');
  }
  const others = members.filter((member) => member.name !== CONFIG_MEMBER);
  return others.length === 0 ? Buffer.alloc(area.length) : fillArea(area.length, others);
}

/** The config embedded in a live ISO, or undefined when its area is pristine or has no config.ign. */
export async function readIsoConfig(image: ImageReader): Promise<Buffer | undefined> {
  return readEmbeddedConfig((await readIgnitionArea(image)).bytes);
}

function fillArea(areaLength: number, members: ReadonlyArray<{ name: string; data: Buffer; mode?: number }>, what = 'compressed archive'): Buffer {
  const compressed = compressArchive(writeArchive(members));
  if (compressed.length > areaLength) {
    throw new IsoError(
      'too-large',
      `the ${what} (${compressed.length} bytes) does not fit in the ISO's ${areaLength}-byte embed area; make the config smaller, for example by letting Ignition fetch large files from a URL`,
    );
  }
  const filled = Buffer.alloc(areaLength);
  compressed.copy(filled);
  return filled;
}
