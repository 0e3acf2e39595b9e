/** k3OS rules about how k3OS starts k3s: k3s_args, server_url, token, labels, taints. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnostics, first, fixes, none } from './k3osRuleHarness';

const ARGS = (items: string): string => `k3os:\n  k3s_args:\n${items}`;

test('k3os/k3s-args-not-exec-style: a flag and its value in one item', () => {
  const block = ARGS('  - server\n  - "--disable traefik"\n');
  const d = first(block, 'k3os/k3s-args-not-exec-style', { severity: 'error', covers: '"--disable traefik"', message: /`k3s_args` item as one argument.*refuses to start/ });
  fixes(block, d, ARGS('  - server\n  - "--disable"\n  - "traefik"\n'));
  const crlf = 'k3os:\r\n  k3s_args:\r\n    -   server\r\n    -   --disable traefik\r\n';
  fixes(crlf, first(crlf, 'k3os/k3s-args-not-exec-style', { severity: 'error', covers: '--disable traefik', message: /one argument/ }), 'k3os:\r\n  k3s_args:\r\n    -   server\r\n    -   --disable\r\n    -   traefik\r\n');
  const flow = 'k3os:\n  k3s_args: [server, --disable traefik, --cluster-init]\n';
  fixes(flow, first(flow, 'k3os/k3s-args-not-exec-style', { severity: 'error', covers: '--disable traefik', message: /one argument/ }), 'k3os:\n  k3s_args: [server, --disable, traefik, --cluster-init]\n');
  // One string with spaces is one argument too; the fix turns it into a list.
  const scalar = "k3os:\n  k3s_args: '--disable traefik'\n";
  fixes(scalar, first(scalar, 'k3os/k3s-args-not-exec-style', { severity: 'error', covers: "'--disable traefik'", message: /one argument/ }), "k3os:\n  k3s_args: ['--disable', 'traefik']\n");
  none(ARGS('  - server\n  - --disable\n  - traefik\n  - --node-label=a=b\n'), 'k3os/k3s-args-not-exec-style');
  none('k3os:\n  k3s_args: server\n', 'k3os/k3s-args-not-exec-style');
});

test('k3os/k3s-args-not-exec-style: the subcommand item works by accident, values keep their spaces', () => {
  const text = 'k3os:\n  k3s_args: server --cluster-init\n';
  const d = first(text, 'k3os/k3s-args-not-exec-style', { severity: 'warning', covers: 'server --cluster-init', message: /first `k3s_args` item holds several arguments.*unquoted/ });
  fixes(text, d, 'k3os:\n  k3s_args: [server, --cluster-init]\n');
  const value = first(ARGS('  - server\n  - --disable=traefik servicelb\n'), 'k3os/k3s-args-not-exec-style', { severity: 'warning', covers: '--disable=traefik servicelb', message: /value.*spaces included.*repeat the flag/ });
  assert.equal(value.fixes, undefined);
  first(ARGS('  - server\n  - --node-name\n  - my node\n'), 'k3os/k3s-args-not-exec-style', { severity: 'warning', covers: 'my node', message: /value/ });
  const quoted = first(ARGS('  - server\n  - --node-label "a=b c"\n'), 'k3os/k3s-args-not-exec-style', { severity: 'error', covers: '--node-label "a=b c"', message: /one argument/ });
  assert.equal(quoted.fixes, undefined, 'no guess at shell quoting');
});

test('k3os/k3s-args-first: an unknown subcommand, or flags first', () => {
  const typo = ARGS('  - sever\n  - --cluster-init\n');
  const d = first(typo, 'k3os/k3s-args-first', { severity: 'error', covers: 'sever', message: /must start with `server` or `agent`.*Did you mean `server`/ });
  fixes(typo, d, ARGS('  - server\n  - --cluster-init\n'));
  const other = first(ARGS('  - etcd-snapshot\n'), 'k3os/k3s-args-first', { severity: 'error', covers: 'etcd-snapshot', message: /subcommand/ });
  assert.equal(other.fixes, undefined);
  const flags = 'k3os:\n  server_url: https://10.0.0.1:6443\n  token: K10x\n  k3s_args:\n    - --node-name=edge\n';
  const agent = first(flags, 'k3os/k3s-args-first', { severity: 'information', covers: '--node-name=edge', message: /`agent`, because `server_url` is set/ });
  fixes(flags, agent, 'k3os:\n  server_url: https://10.0.0.1:6443\n  token: K10x\n  k3s_args:\n    - agent\n    - --node-name=edge\n');
  const flow = 'k3os:\n  k3s_args: ["--cluster-init"]\n';
  fixes(flow, first(flow, 'k3os/k3s-args-first', { severity: 'information', covers: '"--cluster-init"', message: /`server`, as `server_url` is not set/ }), 'k3os:\n  k3s_args: [server, "--cluster-init"]\n');
  const scalar = 'k3os:\n  k3s_args: --cluster-init\n';
  fixes(scalar, first(scalar, 'k3os/k3s-args-first', { severity: 'information', covers: '--cluster-init', message: /flag/ }), 'k3os:\n  k3s_args: [server, --cluster-init]\n');
  none(ARGS('  - agent\n  - --node-name=x\n'), 'k3os/k3s-args-first');
  none('k3os:\n  k3s_args: server --cluster-init\n', 'k3os/k3s-args-first');
  none('k3os:\n  k3s_args: []\n', 'k3os/k3s-args-first');
});

test('k3os/removed-k3s-flag: flags newer k3s refuses, with their replacements', () => {
  const separate = ARGS('  - server\n  - --no-deploy\n  - traefik\n');
  const d = first(separate, 'k3os/removed-k3s-flag', { severity: 'warning', covers: '--no-deploy', message: /`--no-deploy` in `k3s_args` is deprecated.*1\.25 refuses.*`--disable`/ });
  fixes(separate, d, ARGS('  - server\n  - --disable\n  - traefik\n'));
  const joined = ARGS('  - server\n  - "--no-deploy=traefik"\n');
  fixes(joined, first(joined, 'k3os/removed-k3s-flag', { severity: 'warning', covers: '"--no-deploy=traefik"', message: /--disable/ }), ARGS('  - server\n  - "--disable=traefik"\n'));
  const secret = ARGS('  - server\n  - --cluster-secret=s3cret\n');
  const s = first(secret, 'k3os/removed-k3s-flag', { severity: 'warning', covers: '--cluster-secret=s3cret', message: /`--token`/ });
  assert.ok(!s.message.includes('s3cret'));
  fixes(secret, s, ARGS('  - server\n  - --token=s3cret\n'));
  const flannel = ARGS('  - server\n  - --no-flannel\n');
  fixes(flannel, first(flannel, 'k3os/removed-k3s-flag', { severity: 'warning', covers: '--no-flannel', message: /--flannel-backend=none/ }), ARGS('  - server\n  - --flannel-backend=none\n'));
  const selinux = first(ARGS('  - server\n  - --disable-selinux\n'), 'k3os/removed-k3s-flag', { severity: 'warning', covers: '--disable-selinux', message: /1\.26 removed it.*Remove it/ });
  assert.equal(selinux.fixes, undefined);
  // The old flannel backends are what k3OS's own k3s has: information, with an opt-in fix.
  const wg = ARGS('  - server\n  - --flannel-backend\n  - wireguard\n');
  fixes(wg, first(wg, 'k3os/removed-k3s-flag', { severity: 'information', covers: 'wireguard', message: /`wireguard` is deprecated.*1\.27 removed.*`wireguard-native`/ }), ARGS('  - server\n  - --flannel-backend\n  - wireguard-native\n'));
  first(ARGS('  - server\n  - --flannel-backend=ipsec\n'), 'k3os/removed-k3s-flag', { severity: 'information', covers: '--flannel-backend=ipsec', message: /`ipsec`.*1\.28 removed/ });
  none(ARGS('  - server\n  - --disable=traefik\n  - --flannel-backend=wireguard-native\n  - --token=x\n  - --no-deploy-extra\n  - --constructor\n  - --flannel-backend=toString\n'), 'k3os/removed-k3s-flag');
});

test('k3os/server-url-scheme: K3S_URL must be https', () => {
  const http = 'k3os:\n  server_url: http://10.0.0.1:6443\n  token: K10x\n';
  const d = first(http, 'k3os/server-url-scheme', { severity: 'error', covers: 'http://10.0.0.1:6443', message: /must start with https:\/\/.*K3S_URL/ });
  fixes(http, d, 'k3os:\n  server_url: https://10.0.0.1:6443\n  token: K10x\n');
  const bare = 'k3os:\n  server_url: "node-1"\n';
  fixes(bare, first(bare, 'k3os/server-url-scheme', { severity: 'error', covers: '"node-1"', message: /https/ }), 'k3os:\n  server_url: "https://node-1:6443"\n');
  assert.equal(first('k3os:\n  server_url: tcp://x:6443\n', 'k3os/server-url-scheme', { severity: 'error', covers: 'tcp://x:6443', message: /https/ }).fixes, undefined);
  none('k3os:\n  server_url: https://10.0.0.1:6443\n', 'k3os/server-url-scheme');
  none('k3os:\n  server_url: ""\n', 'k3os/server-url-scheme');
});

test('k3os/server-url-without-token: an error in the system config, a warning where other sources may add it', () => {
  const text = 'k3os:\n  server_url: https://10.0.0.1:6443\n';
  first(text, 'k3os/server-url-without-token', { severity: 'error', covers: 'https://10.0.0.1:6443', message: /`server_url` is set but `token` is not.*node-token/ });
  first(text, 'k3os/server-url-without-token', { severity: 'warning', covers: 'https://10.0.0.1:6443', message: /another one sets `k3os.token`/, source: 'config.d' });
  none('k3os:\n  server_url: https://10.0.0.1:6443\n  token: K10abc\n', 'k3os/server-url-without-token');
  none('k3os:\n  server_url: https://10.0.0.1:6443\n  k3s_args: [agent, --token-file=/var/lib/token]\n', 'k3os/server-url-without-token');
  none('k3os:\n  token: K10abc\n', 'k3os/server-url-without-token');
});

test('k3os/token-format: a cluster secret rather than a node token, never echoed', () => {
  const d = first('k3os:\n  token: my-shared-secret\n', 'k3os/token-format', { severity: 'information', covers: 'my-shared-secret', message: /does not start with `K10`.*K3S_CLUSTER_SECRET.*1\.25/ });
  assert.ok(!d.message.includes('my-shared-secret'));
  none('k3os:\n  token: "K1074ec55daebdf54::node:7768"\n', 'k3os/token-format');
  none('k3os:\n  server_url: https://x:6443\n', 'k3os/token-format');
});

test('k3os/restricted-node-label: labels kubelet refuses to set', () => {
  const text = 'k3os:\n  labels:\n    node-role.kubernetes.io/worker: "true"\n    team: db\n';
  first(text, 'k3os/restricted-node-label', { severity: 'error', covers: 'node-role.kubernetes.io/worker', message: /kubelet does not start with the label `node-role.kubernetes.io\/worker`.*node.kubernetes.io\/role/ });
  first('k3os:\n  labels:\n    example.k8s.io/x: y\n', 'k3os/restricted-node-label', { severity: 'error', covers: 'example.k8s.io/x', message: /k8s.io/ });
  none('k3os:\n  labels:\n    node.kubernetes.io/role: worker\n    foo.node.kubernetes.io/x: y\n    kubelet.kubernetes.io/z: y\n    topology.kubernetes.io/zone: a\n    kubernetes.io/hostname: n\n    example.com/kubernetes.io: y\n    mykubernetes.io/x: y\n', 'k3os/restricted-node-label');
});

test('k3os/taint-syntax: taints kubelet cannot parse or register', () => {
  const text = 'k3os:\n  taints:\n  - dedicated=db:noschedule\n';
  const d = first(text, 'k3os/taint-syntax', { severity: 'error', covers: 'dedicated=db:noschedule', message: /`taints` item is not `key\[=value\]:Effect`: the effect `noschedule`/ });
  fixes(text, d, 'k3os:\n  taints:\n  - dedicated=db:NoSchedule\n');
  const noEffect = 'k3os:\n  taints: ["gpu=true"]\n';
  fixes(noEffect, first(noEffect, 'k3os/taint-syntax', { severity: 'error', covers: '"gpu=true"', message: /no `:Effect`/ }), 'k3os:\n  taints: ["gpu=true:NoSchedule"]\n');
  first('k3os:\n  taints: ["a=b=c:NoSchedule"]\n', 'k3os/taint-syntax', { severity: 'error', covers: '"a=b=c:NoSchedule"', message: /more than one `=`/ });
  first('k3os:\n  taints: ["-a:NoSchedule"]\n', 'k3os/taint-syntax', { severity: 'error', covers: '"-a:NoSchedule"', message: /not a valid name/ });
  first('k3os:\n  taints: ["a:NoSchedule,b:Never"]\n', 'k3os/taint-syntax', { severity: 'error', covers: '"a:NoSchedule,b:Never"', message: /`Never`/ });
  none('k3os:\n  taints:\n  - key1=value1:NoSchedule\n  - example.com/gpu:NoExecute\n  - a=:PreferNoSchedule\n  - "a=b:NoSchedule,c:NoExecute"\n', 'k3os/taint-syntax');
});

test('one config can trigger several k3s rules at once, each with its own range', () => {
  const text = 'k3os:\n  server_url: http://x\n  k3s_args: [--no-deploy traefik]\n';
  const codes = diagnostics(text).map((d) => d.code).filter((c) => c.startsWith('k3os/')).sort();
  assert.deepEqual(codes, ['k3os/k3s-args-first', 'k3os/k3s-args-not-exec-style', 'k3os/removed-k3s-flag', 'k3os/server-url-scheme', 'k3os/server-url-without-token']);
});

test('k3os/agent-without-server: an agent needs server_url or --server', () => {
  const text = 'k3os:\n  token: K10x\n  k3s_args:\n    - agent\n';
  first(text, 'k3os/agent-without-server', { severity: 'error', covers: 'agent', message: /--server is required/ });
  first(text, 'k3os/agent-without-server', { severity: 'warning', covers: 'agent', message: /another one sets `k3os\.server_url`/, source: 'config.d' });
  none('k3os:\n  server_url: https://a:6443\n  token: K10x\n  k3s_args: [agent]\n', 'k3os/agent-without-server');
  none('k3os:\n  token: K10x\n  k3s_args: [agent, --server=https://a:6443]\n', 'k3os/agent-without-server');
  none('k3os:\n  token: K10x\n  k3s_args: [agent, -s, https://a:6443]\n', 'k3os/agent-without-server');
  none('k3os:\n  k3s_args: [server]\n', 'k3os/agent-without-server');
});
