/**
 * With `--platform openstack-metadata` or `cloudstack-configdrive`, ct tells coreos-metadata
 * which provider to use through a drop-in on two units, whatever the config contains.
 */
import { PROVIDER_OVERRIDE_PLATFORMS } from './platform';
import type { Unit } from './types';

/** The units ct adds first of all for the platform (none for other platforms). */
export function providerOverrideUnits(platform: string): Unit[] {
  if (!PROVIDER_OVERRIDE_PLATFORMS.includes(platform)) return [];
  const dropin = () => ({ name: '20-clct-provider-override.conf', contents: `[Service]\nEnvironment=COREOS_METADATA_OPT_PROVIDER=--provider=${platform}` });
  return [
    { name: 'coreos-metadata.service', dropins: [dropin()] },
    { name: 'coreos-metadata-sshkeys@.service', enabled: true, dropins: [dropin()] },
  ];
}
