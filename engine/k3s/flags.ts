/**
 * Facts about k3s itself that the k3OS rules and the k3s install/config rules share: retired
 * flags, node labels kubelet refuses, the installer's and k3s's environment variables, and how
 * k3s's command line takes flag values.
 */

/** A flag k3s retired under its flag-deprecation policy (k3s-io/k3s#6069, #6574). */
export interface RemovedFlag {
  /** The flag to write instead (for a flag without a value, with its value). */
  to?: string;
  /** Takes no value: the replacement stands for `--flag` or `--flag=true` only. */
  boolean?: boolean;
  /** The k3s minor version that refuses to start with it, and the one that removed it. */
  fatal: string;
  removed: string;
}

const REMOVED_FLAGS: Record<string, RemovedFlag | undefined> = {
  'no-deploy': { to: 'disable', fatal: '1.25', removed: '1.26' },
  'cluster-secret': { to: 'token', fatal: '1.25', removed: '1.26' },
  'no-flannel': { to: 'flannel-backend=none', boolean: true, fatal: '1.25', removed: '1.26' },
  // Has done nothing since 1.19 (SELinux is off unless --selinux is given).
  'disable-selinux': { fatal: '1.25', removed: '1.26' },
};

/** Retired values of `--flannel-backend`; `wireguard-native` replaces both (k3s 1.22.9, 1.23.6 on). */
const REMOVED_BACKENDS: Record<string, { fatal: string; removed: string } | undefined> = {
  wireguard: { fatal: '1.26', removed: '1.27' },
  ipsec: { fatal: '1.27', removed: '1.28' },
};

export function removedFlag(name: string): RemovedFlag | undefined {
  return Object.hasOwn(REMOVED_FLAGS, name) ? REMOVED_FLAGS[name] : undefined;
}

export function removedBackend(value: string): { fatal: string; removed: string } | undefined {
  return Object.hasOwn(REMOVED_BACKENDS, value) ? REMOVED_BACKENDS[value] : undefined;
}

/** The flag (`name` or `name=value`) to write instead of a retired one, when there is one. */
export function replacementFlag(removed: RemovedFlag, value: string | undefined): string | undefined {
  if (!removed.to) return undefined;
  if (removed.boolean) return value === undefined || value === 'true' ? removed.to : undefined;
  return value === undefined ? removed.to : `${removed.to}=${value}`;
}

/** Labels kubelet may set itself in the kubernetes.io and k8s.io namespaces (kubelet's IsKubeletLabel). */
const ALLOWED_LABELS = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
]);
const ALLOWED_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

const inNamespace = (namespace: string, domain: string): boolean => namespace === domain || namespace.endsWith(`.${domain}`);

/** Whether kubelet refuses to register with this label key (`--node-labels`, k3s `--node-label`). */
export function restrictedLabel(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0 || ALLOWED_LABELS.has(key)) return false;
  const namespace = key.slice(0, slash);
  if (!inNamespace(namespace, 'kubernetes.io') && !inNamespace(namespace, 'k8s.io')) return false;
  return !ALLOWED_NAMESPACES.some((allowed) => inNamespace(namespace, allowed));
}

/** The variables install.sh reads (its header list; INSTALL_K3S_MIRROR is the China mirror script's). */
export const INSTALLER_ENV = [
  'INSTALL_K3S_SKIP_DOWNLOAD',
  'INSTALL_K3S_FORCE_RESTART',
  'INSTALL_K3S_SYMLINK',
  'INSTALL_K3S_SKIP_ENABLE',
  'INSTALL_K3S_SKIP_START',
  'INSTALL_K3S_VERSION',
  'INSTALL_K3S_COMMIT',
  'INSTALL_K3S_PR',
  'INSTALL_K3S_BIN_DIR',
  'INSTALL_K3S_BIN_DIR_READ_ONLY',
  'INSTALL_K3S_SYSTEMD_DIR',
  'INSTALL_K3S_EXEC',
  'INSTALL_K3S_NAME',
  'INSTALL_K3S_TYPE',
  'INSTALL_K3S_SELINUX_WARN',
  'INSTALL_K3S_SKIP_SELINUX_RPM',
  'INSTALL_K3S_CHANNEL_URL',
  'INSTALL_K3S_CHANNEL',
  'INSTALL_K3S_MIRROR',
];

/**
 * K3S_* variables k3s reads: the EnvVars of its server and agent flags (pkg/cli/cmds), with
 * the flag each stands for, plus K3S_DATA_DIR, which the killall and uninstall scripts read.
 */
export const K3S_ENV_FLAGS: Record<string, string> = {
  K3S_URL: 'server',
  K3S_TOKEN: 'token',
  K3S_TOKEN_FILE: 'token-file',
  K3S_AGENT_TOKEN: 'agent-token',
  K3S_AGENT_TOKEN_FILE: 'agent-token-file',
  K3S_CLUSTER_INIT: 'cluster-init',
  K3S_CLUSTER_RESET: 'cluster-reset',
  K3S_CLUSTER_SECRET: 'cluster-secret',
  K3S_KUBECONFIG_OUTPUT: 'write-kubeconfig',
  K3S_KUBECONFIG_MODE: 'write-kubeconfig-mode',
  K3S_KUBECONFIG_GROUP: 'write-kubeconfig-group',
  K3S_NODE_NAME: 'node-name',
  K3S_CONFIG_FILE: 'config',
  K3S_DEBUG: 'debug',
  K3S_DATASTORE_ENDPOINT: 'datastore-endpoint',
  K3S_DATASTORE_CAFILE: 'datastore-cafile',
  K3S_DATASTORE_CERTFILE: 'datastore-certfile',
  K3S_DATASTORE_KEYFILE: 'datastore-keyfile',
  K3S_SYSTEM_DEFAULT_REGISTRY: 'system-default-registry',
  K3S_RESOLV_CONF: 'resolv-conf',
  K3S_SELINUX: 'selinux',
  K3S_LB_SERVER_PORT: 'lb-server-port',
  K3S_DATA_DIR: 'data-dir',
};

/** Short spellings of k3s flags. */
export const FLAG_ALIASES: Record<string, string> = { t: 'token', s: 'server', d: 'data-dir', i: 'node-ip', o: 'write-kubeconfig', c: 'config' };

/** k3s flags that take no value, so the next word is not theirs. */
const BOOLEAN_FLAGS = new Set([
  'cluster-init',
  'cluster-reset',
  'selinux',
  'no-flannel',
  'secrets-encryption',
  'rootless',
  'debug',
  'docker',
  'with-node-id',
  'protect-kernel-defaults',
  'prefer-bundled-bin',
  'embedded-registry',
  'etcd-s3',
  'etcd-s3-insecure',
  'etcd-s3-skip-ssl-verify',
  'etcd-expose-metrics',
  'etcd-disable-snapshots',
  'etcd-snapshot-compress',
  'flannel-ipv6-masq',
  'flannel-external-ip',
  'supervisor-metrics',
  'enable-pprof',
  'alsologtostderr',
  'vpn-auth',
]);

export function booleanFlag(name: string): boolean {
  return BOOLEAN_FLAGS.has(name) || name.startsWith('disable-');
}

/** Environment prefixes that mean "for the k3s installer or k3s" (and their usual misspellings). */
export const K3S_ENV_PREFIX = /^(INSTALL_?K3S|INSTAL_K3S|K3S_)/;
