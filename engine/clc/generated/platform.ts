/** The cloud platforms ct's `--platform` flag accepts (config/platform/platform.go), in ct's order. */

/** ct's accepted --platform names, for completion and for the "unsupported platform" check. */
export const PLATFORMS: readonly string[] = Object.freeze([
  'azure',
  'digitalocean',
  'ec2',
  'gce',
  'packet',
  'openstack-metadata',
  'vagrant-virtualbox',
  'cloudstack-configdrive',
  'custom',
]);

/** Whether ct accepts the platform; '' (no --platform) counts as supported, like ct. */
export function isSupportedPlatform(name: string): boolean {
  return name === '' || PLATFORMS.includes(name);
}

/** The message ct gives (without position, before converting anything) for any other platform. */
export const UNSUPPORTED_PLATFORM = 'unsupported platform';

/** Platforms for which ct points coreos-metadata at the provider through a drop-in. */
export const PROVIDER_OVERRIDE_PLATFORMS: readonly string[] = Object.freeze(['openstack-metadata', 'cloudstack-configdrive']);
