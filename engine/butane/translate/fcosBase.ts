/**
 * Which fcos translator a spec runs: fcos itself, or the fcos spec an OpenShift spec
 * embeds. The fcos sugar (boot_device, grub.users) exists from a given fcos version on,
 * whichever of the two variants carries it; r4e, fiot and flatcar have none.
 */
import type { CheckContext } from '../checks/context';
import { compareVersions, fcosLevel } from '../checks/util';
import type { ButaneSpec } from '../registry';

/** The fcos version whose translator runs for this spec; undefined outside fcos and openshift. */
export function fcosBaseVersion(spec: ButaneSpec): string | undefined {
  // The checks' mapping reads nothing but the spec; reuse it rather than keep a second table.
  return fcosLevel({ spec } as CheckContext);
}

export function fcosBaseAtLeast(spec: ButaneSpec, version: string): boolean {
  const base = fcosBaseVersion(spec);
  return base !== undefined && compareVersions(base, version) >= 0;
}
