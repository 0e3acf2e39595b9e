/**
 * The etcd option structs ct v0.9.4 knows (config/types/etcd.go), as data: for each struct
 * the options in Go field order (the order ct emits flags in), each with its YAML key, its
 * command-line flag and its Go type. Written as `key:type` words (s = string, i = int,
 * b = bool); every etcd flag is the key with `_` turned into `-`.
 */
import { parseOptionWords } from './optionWords';
import type { OptionSpec } from './types';

/** The names of ct's etcd structs: Etcd2 serves 2.3+, the rest one 3.x minor each (3.5 serves 3.5+). */
export type EtcdStructName = '2.3' | '3.0' | '3.1' | '3.2' | '3.3' | '3.4' | '3.5';

/** The version ct assumes when `etcd.version` is absent (it then emits no ETCD_IMAGE_TAG). */
export const ETCD_DEFAULT_VERSION = '3.5.0';

const WORDS: Record<EtcdStructName, string> = {
  '2.3': `
    advertise_client_urls:s ca_file:s cert_file:s client_cert_auth:b cors:s data_dir:s debug:b discovery:s
    discovery_fallback:s discovery_srv:s discovery_proxy:s election_timeout:i enable_pprof:b
    force_new_cluster:b heartbeat_interval:i initial_advertise_peer_urls:s initial_cluster:s
    initial_cluster_state:s initial_cluster_token:s key_file:s listen_client_urls:s listen_peer_urls:s
    log_package_levels:s max_snapshots:i max_wals:i name:s peer_ca_file:s peer_cert_file:s peer_key_file:s
    peer_client_cert_auth:b peer_trusted_ca_file:s proxy:s proxy_dial_timeout:i proxy_failure_wait:i
    proxy_read_timeout:i proxy_refresh_interval:i proxy_write_timeout:i snapshot_count:i
    strict_reconfig_check:b trusted_ca_file:s wal_dir:s
  `,
  '3.0': `
    name:s data_dir:s wal_dir:s snapshot_count:i heartbeat_interval:i election_timeout:i enable_pprof:b
    listen_peer_urls:s listen_client_urls:s max_snapshots:i max_wals:i cors:s initial_advertise_peer_urls:s
    initial_cluster:s initial_cluster_state:s initial_cluster_token:s advertise_client_urls:s discovery:s
    discovery_srv:s discovery_fallback:s discovery_proxy:s strict_reconfig_check:b
    auto_compaction_retention:i proxy:s proxy_failure_wait:i proxy_refresh_interval:i proxy_dial_timeout:i
    proxy_write_timeout:i proxy_read_timeout:i ca_file:s cert_file:s key_file:s client_cert_auth:b
    trusted_ca_file:s auto_tls:b peer_ca_file:s peer_cert_file:s peer_key_file:s peer_client_cert_auth:b
    peer_trusted_ca_file:s peer_auto_tls:b debug:b log_package_levels:s force_new_cluster:b
  `,
  '3.1': `
    name:s data_dir:s wal_dir:s snapshot_count:i heartbeat_interval:i election_timeout:i enable_pprof:b
    listen_peer_urls:s listen_client_urls:s max_snapshots:i max_wals:i cors:s initial_advertise_peer_urls:s
    initial_cluster:s initial_cluster_state:s initial_cluster_token:s advertise_client_urls:s discovery:s
    discovery_srv:s discovery_fallback:s discovery_proxy:s strict_reconfig_check:b
    auto_compaction_retention:i proxy:s proxy_failure_wait:i proxy_refresh_interval:i proxy_dial_timeout:i
    proxy_write_timeout:i proxy_read_timeout:i ca_file:s cert_file:s key_file:s client_cert_auth:b
    trusted_ca_file:s auto_tls:b peer_ca_file:s peer_cert_file:s peer_key_file:s peer_client_cert_auth:b
    peer_trusted_ca_file:s peer_auto_tls:b debug:b log_package_levels:s force_new_cluster:b metrics:s
    log_output:s
  `,
  '3.2': `
    name:s data_dir:s wal_dir:s snapshot_count:i heartbeat_interval:i election_timeout:i enable_pprof:b
    enable_v2:b listen_peer_urls:s listen_client_urls:s max_snapshots:i max_wals:i cors:s
    initial_advertise_peer_urls:s initial_cluster:s initial_cluster_state:s initial_cluster_token:s
    advertise_client_urls:s discovery:s discovery_srv:s discovery_fallback:s discovery_proxy:s
    strict_reconfig_check:b auto_compaction_retention:i proxy:s proxy_failure_wait:i
    proxy_refresh_interval:i proxy_dial_timeout:i proxy_write_timeout:i proxy_read_timeout:i ca_file:s
    cert_file:s key_file:s client_cert_auth:b trusted_ca_file:s auto_tls:b peer_ca_file:s peer_cert_file:s
    peer_key_file:s peer_client_cert_auth:b peer_trusted_ca_file:s peer_auto_tls:b auth_token:s debug:b
    log_package_levels:s force_new_cluster:b metrics:s log_output:s
  `,
  '3.3': `
    name:s data_dir:s wal_dir:s snapshot_count:i heartbeat_interval:i election_timeout:i enable_pprof:b
    enable_v2:b listen_peer_urls:s listen_client_urls:s max_snapshots:i max_wals:i cors:s
    quota_backend_bytes:i max_txn_ops:i max_request_bytes:i grpc_keepalive_min_time:s
    grpc_keepalive_interval:s grpc_keepalive_timeout:s initial_advertise_peer_urls:s initial_cluster:s
    initial_cluster_state:s initial_cluster_token:s advertise_client_urls:s discovery:s discovery_srv:s
    discovery_fallback:s discovery_proxy:s strict_reconfig_check:b auto_compaction_retention:s
    auto_compaction_mode:s proxy:s proxy_failure_wait:i proxy_refresh_interval:i proxy_dial_timeout:i
    proxy_write_timeout:i proxy_read_timeout:i ca_file:s cert_file:s key_file:s client_cert_auth:b
    client_crl_file:s trusted_ca_file:s auto_tls:b peer_ca_file:s peer_cert_file:s peer_key_file:s
    peer_client_cert_auth:b peer_crl_file:s peer_trusted_ca_file:s peer_auto_tls:b peer_cert_allowed_cn:s
    auth_token:s debug:b log_package_levels:s force_new_cluster:b metrics:s log_output:s
    listen_metrics_urls:s experimental_initial_corrupt_check:b experimental_corrupt_check_time:s
    experimental_enable_v2v3:s
  `,
  '3.4': `
    name:s data_dir:s wal_dir:s snapshot_count:i heartbeat_interval:i election_timeout:i
    initial_election_tick_advance:b listen_peer_urls:s listen_client_urls:s max_snapshots:i max_wals:i
    quota_backend_bytes:i backend_batch_interval:s backend_batch_limit:i max_txn_ops:i max_request_bytes:i
    grpc_keepalive_min_time:s grpc_keepalive_interval:s grpc_keepalive_timeout:s
    initial_advertise_peer_urls:s initial_cluster:s initial_cluster_state:s initial_cluster_token:s
    advertise_client_urls:s discovery:s discovery_fallback:s discovery_proxy:s discovery_srv:s
    discovery_srv_name:s strict_reconfig_check:b pre_vote:b auto_compaction_retention:s
    auto_compaction_mode:s enable_v2:b cert_file:s key_file:s client_cert_auth:b client_crl_file:s
    client_cert_allowed_hostname:s trusted_ca_file:s auto_tls:b peer_cert_file:s peer_key_file:s
    peer_client_cert_auth:b peer_trusted_ca_file:s peer_cert_allowed_cn:s peer_cert_allowed_hostname:s
    peer_auto_tls:b peer_crl_file:s cipher_suites:s cors:s host_whitelist:s auth_token:s bcrypt_cost:i
    auth_token_ttl:i enable_pprof:b metrics:s listen_metrics_urls:s logger:s log_outputs:s log_level:s
    proxy:s proxy_failure_wait:i proxy_refresh_interval:i proxy_dial_timeout:i proxy_write_timeout:i
    proxy_read_timeout:i experimental_initial_corrupt_check:b experimental_corrupt_check_time:s
    experimental_enable_v2v3:s experimental_backend_bbolt_freelist_type:s
    experimental_enable_lease_checkpoint:b experimental_compaction_batch_limit:i
    experimental_watch_progress_notify_interval:s experimental_warning_apply_duration:s force_new_cluster:b
    debug:b log_package_levels:s
  `,
  '3.5': `
    name:s data_dir:s wal_dir:s snapshot_count:i heartbeat_interval:i election_timeout:i
    initial_election_tick_advance:b listen_peer_urls:s listen_client_urls:s max_snapshots:i max_wals:i
    quota_backend_bytes:i backend_bbolt_freelist_type:s backend_batch_interval:s backend_batch_limit:i
    max_txn_ops:i max_request_bytes:i grpc_keepalive_min_time:s grpc_keepalive_interval:s
    grpc_keepalive_timeout:s socket_reuse_port:b socket_reuse_address:b initial_advertise_peer_urls:s
    initial_cluster:s initial_cluster_state:s initial_cluster_token:s advertise_client_urls:s discovery:s
    discovery_fallback:s discovery_proxy:s discovery_srv:s discovery_srv_name:s strict_reconfig_check:b
    pre_vote:b auto_compaction_retention:s auto_compaction_mode:s enable_v2:b v2_deprecation:s cert_file:s
    key_file:s client_cert_auth:b client_crl_file:s client_cert_allowed_hostname:s trusted_ca_file:s
    auto_tls:b peer_cert_file:s peer_key_file:s peer_client_cert_auth:b peer_trusted_ca_file:s
    peer_cert_allowed_cn:s peer_cert_allowed_hostname:s peer_auto_tls:b self_signed_cert_validity:i
    peer_crl_file:s cipher_suites:s cors:s host_whitelist:s auth_token:s bcrypt_cost:i auth_token_ttl:i
    enable_pprof:b metrics:s listen_metrics_urls:s logger:s log_outputs:s log_level:s enable_log_rotation:b
    log_rotation_config_json:s experimental_enable_distributed_tracing:b
    experimental_distributed_tracing_address:s experimental_distributed_tracing_service_name:s
    experimental_distributed_tracing_instance_id:s proxy:s proxy_failure_wait:i proxy_refresh_interval:i
    proxy_dial_timeout:i proxy_write_timeout:i proxy_read_timeout:i experimental_initial_corrupt_check:b
    experimental_corrupt_check_time:s experimental_enable_v2v3:s experimental_enable_lease_checkpoint:b
    experimental_compaction_batch_limit:i experimental_watch_progress_notify_interval:s
    experimental_warning_apply_duration:s experimental_txn_mode_write_with_shared_buffer:b
    force_new_cluster:b unsafe_no_fsync:b
  `,
};

/** Each etcd struct's options in Go field order, for generation, validation and completion. */
export const ETCD_STRUCTS: Readonly<Record<EtcdStructName, readonly OptionSpec[]>> = Object.freeze(
  Object.fromEntries(Object.entries(WORDS).map(([name, words]) => [name, parseOptionWords(words)])) as unknown as Record<EtcdStructName, readonly OptionSpec[]>,
);

/** Which struct ct decodes the options into for a version (major.minor), or none (then every option is unknown). */
export function etcdStructFor(major: bigint, minor: bigint): EtcdStructName | undefined {
  if (major === 2n) return minor >= 3n ? '2.3' : undefined;
  if (major !== 3n) return undefined;
  return minor >= 5n ? '3.5' : (`3.${minor}` as EtcdStructName);
}
