/**
 * The flannel option structs ct v0.9.4 knows (config/types/flannel.go), as data: options in
 * Go field order (the order ct emits flags in). `interface` is the one key whose flag is not
 * its kebab-cased name: ct passes it as `--iface`. `network_config` is not an option: it
 * never becomes a flag but an `ExecStartPre=/usr/bin/etcdctl … set /coreos.com/network/config`
 * line, and must be a JSON object.
 */
import { parseOptionWords } from './optionWords';
import type { OptionSpec } from './types';

/** The names of ct's flannel structs: 0.5 and 0.6 exactly, 0.7 for 0.7 and every later 0.x. */
export type FlannelStructName = '0.5' | '0.6' | '0.7';

/** The version ct assumes when `flannel.version` is absent (it then emits no FLANNEL_IMAGE_TAG). */
export const FLANNEL_DEFAULT_VERSION = '0.6.0';

const WORDS: Record<FlannelStructName, string> = {
  '0.5': `
    etcd_endpoints:s etcd_cafile:s etcd_certfile:s etcd_keyfile:s etcd_prefix:s ip_masq:s subnet_file:s
    interface=iface:s public_ip:s
  `,
  '0.6': `
    etcd_username:s etcd_password:s etcd_endpoints:s etcd_cafile:s etcd_certfile:s etcd_keyfile:s
    etcd_prefix:s ip_masq:s subnet_file:s interface=iface:s public_ip:s
  `,
  '0.7': `
    etcd_username:s etcd_password:s etcd_endpoints:s etcd_cafile:s etcd_certfile:s etcd_keyfile:s
    etcd_prefix:s ip_masq:s subnet_file:s interface=iface:s public_ip:s kube_subnet_mgr:b
  `,
};

/** Each flannel struct's options in Go field order. */
export const FLANNEL_STRUCTS: Readonly<Record<FlannelStructName, readonly OptionSpec[]>> = Object.freeze(
  Object.fromEntries(Object.entries(WORDS).map(([name, words]) => [name, parseOptionWords(words)])) as unknown as Record<FlannelStructName, readonly OptionSpec[]>,
);

/** Keys of the flannel section that are not options, in Go field order (they precede the options). */
export const FLANNEL_FIXED_KEYS = ['version', 'network_config'] as const;

/**
 * The options whose values also go into the etcdctl line that stores `network_config`, with
 * that line's own flag names (the values are quoted but, unlike the flags, never templated).
 */
export const ETCDCTL_FLAGS: readonly (readonly [key: string, flag: string])[] = [
  ['etcd_endpoints', 'endpoints'],
  ['etcd_cafile', 'ca-file'],
  ['etcd_certfile', 'cert-file'],
  ['etcd_keyfile', 'key-file'],
];

/** Which struct ct decodes the options into for a version, or none (1.x and later: every option is unknown). */
export function flannelStructFor(major: bigint, minor: bigint): FlannelStructName | undefined {
  if (major !== 0n) return undefined;
  if (minor >= 7n) return '0.7';
  if (minor === 6n) return '0.6';
  if (minor === 5n) return '0.5';
  return undefined;
}
