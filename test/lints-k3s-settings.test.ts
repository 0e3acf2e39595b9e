/** Rules about what a config tells k3s: flags in INSTALL_K3S_EXEC, sh -s arguments, ExecStart, K3S_* variables and config.yaml. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { first, fixes, none } from './domainRuleHarness';
import { butane, clc, FLATCAR_JSON, GOOD_UNIT, ignition } from './lintsK3sConfigs';

const CONFIG = '/etc/rancher/k3s/config.yaml';
const PIPE = 'curl -sfL https://get.k3s.io | sh -';
const withEnv = (line: string): string => GOOD_UNIT.replace('[Service]', `[Service]\n${line}`);
const k3sUnit = (exec: string, env = ''): string => `[Unit]\nWants=network-online.target\nAfter=network-online.target\n[Service]\n${env}ExecStart=${exec}\nRestart=always\n[Install]\nWantedBy=multi-user.target\n`;

test('k3s/removed-flag: in INSTALL_K3S_EXEC, sh -s arguments, ExecStart and config.yaml', () => {
  const exec = butane(withEnv('Environment="INSTALL_K3S_EXEC=server --no-deploy traefik"'));
  const d = first(exec, 'butane', 'k3s/removed-flag', { severity: 'error', covers: '--no-deploy', message: /`--no-deploy` is a retired k3s setting: k3s 1.25 refuses.*Use `--disable`, which takes the same values/ });
  fixes(exec, 'butane', d, exec.replace('--no-deploy', '--disable'));
  // Inside the JSON string of an Ignition config, escapes and all.
  const json = ignition(withEnv('Environment="INSTALL_K3S_EXEC=server --no-deploy traefik"'));
  fixes(json, 'ignition', first(json, 'ignition', 'k3s/removed-flag', { severity: 'error', covers: '--no-deploy', message: /--disable/ }), json.replace('--no-deploy', '--disable'));
  const args = clc(GOOD_UNIT.replace(PIPE, 'curl -sfL https://get.k3s.io | sh -s - server --no-flannel'));
  fixes(args, 'clc', first(args, 'clc', 'k3s/removed-flag', { severity: 'error', covers: '--no-flannel', message: /Use `--flannel-backend`/ }), args.replace('--no-flannel', '--flannel-backend=none'));
  const direct = butane(k3sUnit('/opt/bin/k3s server --cluster-secret=abc'), { name: 'k3s.service' });
  const s = first(direct, 'butane', 'k3s/removed-flag', { severity: 'error', covers: '--cluster-secret', message: /Use `--token`/ });
  assert.ok(!s.message.includes('abc'));
  fixes(direct, 'butane', s, direct.replace('--cluster-secret=abc', '--token=abc'));
  const env = butane(withEnv('Environment=K3S_CLUSTER_SECRET=abc'));
  fixes(env, 'butane', first(env, 'butane', 'k3s/removed-flag', { severity: 'error', covers: 'K3S_CLUSTER_SECRET', message: /Use `K3S_TOKEN`/ }), env.replace('K3S_CLUSTER_SECRET', 'K3S_TOKEN'));
  const file = butane(GOOD_UNIT, { files: { [CONFIG]: 'no-deploy:\n  - traefik\nno-flannel: true\ndisable-selinux: true\n' } });
  const key = first(file, 'butane', 'k3s/removed-flag', { severity: 'error', covers: 'no-deploy', message: /`no-deploy:`.*skips it as an unknown key.*Use `disable:`/ }, 3);
  fixes(file, 'butane', key, file.replace('no-deploy:', 'disable:'));
  none(butane(withEnv('Environment="INSTALL_K3S_EXEC=server --disable traefik --flannel-backend=wireguard-native"')), 'butane', 'k3s/removed-flag');
  none(butane(GOOD_UNIT, { files: { [CONFIG]: 'disable: [traefik]\nflannel-backend: none\n' } }), 'butane', 'k3s/removed-flag');
});

test('k3s/removed-flag: retired flannel backends', () => {
  const file = butane(GOOD_UNIT, { files: { [CONFIG]: 'flannel-backend: wireguard\n' } });
  const d = first(file, 'butane', 'k3s/removed-flag', { severity: 'error', covers: 'wireguard', message: /backend `wireguard` is retired: k3s 1.26 refuses.*wireguard-native/ });
  fixes(file, 'butane', d, file.replace('flannel-backend: wireguard', 'flannel-backend: wireguard-native'));
  const exec = butane(withEnv('Environment="INSTALL_K3S_EXEC=--flannel-backend ipsec"'));
  fixes(exec, 'butane', first(exec, 'butane', 'k3s/removed-flag', { severity: 'error', covers: 'ipsec', message: /1.27 refuses/ }), exec.replace('ipsec', 'wireguard-native'));
});

test('k3s/server-url-scheme: K3S_URL, --server and server: must be https', () => {
  const env = butane(withEnv('Environment=K3S_URL=http://10.0.0.1:6443 K3S_TOKEN_FILE=/etc/k3s-token'));
  const d = first(env, 'butane', 'k3s/server-url-scheme', { severity: 'error', covers: 'http://10.0.0.1:6443', message: /`K3S_URL` must be an https:\/\/ URL: the k3s install script stops/ });
  fixes(env, 'butane', d, env.replace('http://', 'https://'));
  const file = clc(GOOD_UNIT, { files: { [CONFIG]: 'server: 10.0.0.1\n' } });
  fixes(file, 'clc', first(file, 'clc', 'k3s/server-url-scheme', { severity: 'error', covers: '10.0.0.1', message: /`server:` must be/ }), file.replace('server: 10.0.0.1', 'server: https://10.0.0.1:6443'));
  const json = ignition(GOOD_UNIT.replace(PIPE, 'curl -sfL https://get.k3s.io | sh -s - server --server http://a:6443'));
  fixes(json, 'ignition', first(json, 'ignition', 'k3s/server-url-scheme', { severity: 'error', covers: 'http://a:6443', message: /`--server` must be/ }), json.replace('http://a', 'https://a'));
  none(butane(withEnv('Environment=K3S_URL=https://10.0.0.1:6443 K3S_TOKEN_FILE=/x')), 'butane', 'k3s/server-url-scheme');
  none(butane(withEnv('Environment=K3S_URL=${SERVER} K3S_TOKEN_FILE=/x')), 'butane', 'k3s/server-url-scheme');
  none(butane(k3sUnit('/opt/bin/k3s server --cluster-init')), 'butane', 'k3s/server-url-scheme');
});

test('k3s/agent-without-server: agents need the server and a token', () => {
  const noToken = butane(withEnv('Environment=K3S_URL=https://10.0.0.1:6443'));
  first(noToken, 'butane', 'k3s/agent-without-server', { severity: 'error', covers: 'K3S_URL', message: /install script stops.*K3S_TOKEN or K3S_TOKEN_FILE.*config.yaml does not count/ });
  // The script's check does not look at config.yaml, k3s does.
  first(butane(withEnv('Environment=K3S_URL=https://10.0.0.1:6443'), { files: { [CONFIG]: 'token-file: /etc/t\n' } }), 'butane', 'k3s/agent-without-server', { severity: 'error', covers: 'K3S_URL', message: /stops/ });
  const explicit = clc(withEnv('Environment=INSTALL_K3S_EXEC=agent'));
  first(explicit, 'clc', 'k3s/agent-without-server', { severity: 'error', covers: 'agent', message: /missing the server URL.*and a join token.*"--server is required"/ });
  first(ignition(k3sUnit('/opt/bin/k3s agent --server https://s:6443')), 'ignition', 'k3s/agent-without-server', { severity: 'error', covers: 'agent', message: /"--token is required"/ });
  none(butane(withEnv('Environment=INSTALL_K3S_EXEC=agent'), { files: { [CONFIG]: 'server: https://s:6443\ntoken-file: /etc/t\n' } }), 'butane', 'k3s/agent-without-server');
  none(butane(withEnv('Environment=K3S_URL=https://10.0.0.1:6443 K3S_TOKEN_FILE=/etc/t')), 'butane', 'k3s/agent-without-server');
  none(butane(withEnv('Environment=INSTALL_K3S_EXEC=server')), 'butane', 'k3s/agent-without-server');
});

test('k3s/restricted-node-label: labels kubelet refuses', () => {
  const file = butane(GOOD_UNIT, { files: { [CONFIG]: 'node-label:\n  - "node-role.kubernetes.io/worker=true"\n  - node.kubernetes.io/role=worker\n' } });
  const worker = first(file, 'butane', 'k3s/restricted-node-label', { severity: 'error', covers: '"node-role.kubernetes.io/worker=true"', message: /does not start with the node label `node-role.kubernetes.io\/worker`/ });
  fixes(file, 'butane', worker, file.replace('"node-role.kubernetes.io/worker=true"', 'node.kubernetes.io/role=worker'));
  first(clc(GOOD_UNIT.replace(PIPE, 'curl -sfL https://get.k3s.io | sh -s - agent --node-label=example.k8s.io/x=y')), 'clc', 'k3s/restricted-node-label', { severity: 'error', covers: 'example.k8s.io/x=y', message: /k8s.io/ });
  const json = ignition(withEnv('Environment="INSTALL_K3S_EXEC=server --node-label node-role.kubernetes.io/master=true"'));
  const master = first(json, 'ignition', 'k3s/restricted-node-label', { severity: 'error', covers: 'node-role.kubernetes.io/master=true', message: /kubelet/ });
  fixes(json, 'ignition', master, json.replace('node-role.kubernetes.io/master=true', 'node.kubernetes.io/role=master'));
  assert.equal(first(clc(GOOD_UNIT.replace(PIPE, 'curl -sfL https://get.k3s.io | sh -s - agent --node-label=example.k8s.io/x=y')), 'clc', 'k3s/restricted-node-label', { severity: 'error', covers: 'example.k8s.io/x=y', message: /k8s.io/ }).fixes, undefined, 'no guess for other labels');
  none(butane(GOOD_UNIT, { files: { [CONFIG]: 'node-label: [node.kubernetes.io/role=worker, topology.kubernetes.io/zone=a, example.com/x=y]\n' } }), 'butane', 'k3s/restricted-node-label');
});

test('secrets/clear-text-token: tokens in Environment=, inline, arguments, config.yaml and k3OS', () => {
  const env = first(butane(withEnv('Environment="K3S_TOKEN=s3cr3t-value"')), 'butane', 'secrets/clear-text-token', { severity: 'warning', covers: 's3cr3t-value', message: /`K3S_TOKEN`.*clear text.*token-file.*K3S_TOKEN_FILE.*agent-token/ });
  assert.ok(!env.message.includes('s3cr3t'));
  first(clc(GOOD_UNIT.replace(PIPE, 'curl -sfL https://get.k3s.io | K3S_AGENT_TOKEN=abc sh -s - server --token xyz')), 'clc', 'secrets/clear-text-token', { severity: 'warning', covers: 'abc', message: /`K3S_AGENT_TOKEN`/ }, 2);
  first(ignition(withEnv('Environment="INSTALL_K3S_EXEC=server --token=xyz"')), 'ignition', 'secrets/clear-text-token', { severity: 'warning', covers: 'xyz', message: /`--token`/ });
  first(butane(GOOD_UNIT, { files: { [CONFIG]: 'agent-token: abc\n' } }), 'butane', 'secrets/clear-text-token', { severity: 'warning', covers: 'abc', message: /`agent-token:` in \/etc\/rancher\/k3s\/config.yaml/ });
  // Any unit's Environment= counts (a drop-in for the k3s service, say).
  first('variant: flatcar\nversion: 1.1.0\nsystemd:\n  units:\n    - name: k3s.service\n      dropins:\n        - name: 10-token.conf\n          contents: |\n            [Service]\n            Environment=K3S_TOKEN=abc\n', 'butane', 'secrets/clear-text-token', { severity: 'warning', covers: 'abc', message: /K3S_TOKEN/ });
  first('k3os:\n  token: K10abc::server:def\n', 'k3os', 'secrets/clear-text-token', { severity: 'warning', covers: 'K10abc::server:def', message: /`k3os.token`/ });
  none(butane(withEnv('Environment=K3S_TOKEN_FILE=/etc/k3s/token K3S_TOKEN=${TOKEN}')), 'butane', 'secrets/clear-text-token');
  none(butane(GOOD_UNIT.replace(PIPE, 'curl -sfL https://get.k3s.io | K3S_TOKEN=$(cat /etc/t) sh -')), 'butane', 'secrets/clear-text-token');
  none(butane(GOOD_UNIT, { files: { [CONFIG]: 'token-file: /etc/k3s/token\n' } }), 'butane', 'secrets/clear-text-token');
  none('k3os:\n  token: ""\n', 'k3os', 'secrets/clear-text-token');
  none('k3os:\n  token: K10<paste the node token>\n', 'k3os', 'secrets/clear-text-token');
});

test('k3s/kubeconfig-mode: an unquoted octal mode becomes another mode', () => {
  const file = butane(GOOD_UNIT, { files: { [CONFIG]: 'write-kubeconfig-mode: 0644\n' } });
  const d = first(file, 'butane', 'k3s/kubeconfig-mode', { severity: 'error', covers: '0644', message: /octal number 420.*mode 0420 instead of 0644.*"0644"/ });
  fixes(file, 'butane', d, file.replace('0644', '"0644"'));
  const ct = clc(GOOD_UNIT, { files: { [CONFIG]: 'write-kubeconfig-mode: 0600\n' } });
  fixes(ct, 'clc', first(ct, 'clc', 'k3s/kubeconfig-mode', { severity: 'error', covers: '0600', message: /384/ }), ct.replace('mode: 0600', 'mode: "0600"'));
  none(butane(GOOD_UNIT, { files: { [CONFIG]: 'write-kubeconfig-mode: "0644"\n' } }), 'butane', 'k3s/kubeconfig-mode');
  none(butane(GOOD_UNIT, { files: { [CONFIG]: 'write-kubeconfig-mode: 644\n' } }), 'butane', 'k3s/kubeconfig-mode');
  none(butane(GOOD_UNIT, { files: { '/etc/other.yaml': 'write-kubeconfig-mode: 0644\n' } }), 'butane', 'k3s/kubeconfig-mode');
});

test('k3s/config-dropin-extension: only .yaml and .yml drop-ins are read', () => {
  const text = butane(GOOD_UNIT, { files: { '/etc/rancher/k3s/config.yaml.d/10-labels.conf': 'node-label: [a=b]\n' } });
  const d = first(text, 'butane', 'k3s/config-dropin-extension', { severity: 'warning', covers: '/etc/rancher/k3s/config.yaml.d/10-labels.conf', message: /ignores `10-labels.conf`.*`10-labels.yaml`/ });
  fixes(text, 'butane', d, text.replace('10-labels.conf', '10-labels.yaml'));
  first(clc(GOOD_UNIT, { files: { '/etc/rancher/k3s/config.yaml.d/20-x': 'a: b\n' } }), 'clc', 'k3s/config-dropin-extension', { severity: 'warning', covers: '/etc/rancher/k3s/config.yaml.d/20-x', message: /20-x.yaml/ });
  none(butane(GOOD_UNIT, { files: { '/etc/rancher/k3s/config.yaml.d/10-a.yml': 'a: b\n', '/etc/rancher/k3s/config.yaml': 'a: b\n' } }), 'butane', 'k3s/config-dropin-extension');
});

test('k3s/full-token-first-server: K10 tokens only for joining nodes', () => {
  const text = butane(withEnv('Environment="INSTALL_K3S_EXEC=server --cluster-init"'), { files: { [CONFIG]: 'token: K10abc::server:def\n' } });
  first(text, 'butane', 'k3s/full-token-first-server', { severity: 'warning', covers: 'K10abc::server:def', message: /starts the cluster.*plain secret/ });
  first(ignition(withEnv('Environment=K3S_TOKEN=K10x::server:y')), 'ignition', 'k3s/full-token-first-server', { severity: 'warning', covers: 'K10x::server:y', message: /first server/ }, 1, FLATCAR_JSON);
  none(butane(withEnv('Environment="INSTALL_K3S_EXEC=server --server https://a:6443" K3S_TOKEN=K10x::server:y')), 'butane', 'k3s/full-token-first-server');
  none(butane(withEnv('Environment=K3S_TOKEN=plain-secret')), 'butane', 'k3s/full-token-first-server');
  none(butane(withEnv('Environment="INSTALL_K3S_EXEC=agent" K3S_URL=https://a:6443 K3S_TOKEN=K10x::server:y')), 'butane', 'k3s/full-token-first-server');
});

test('words three quotings deep: a JSON string, a systemd double-quoted word, the sh -c script', () => {
  const exec = 'ExecStart=/usr/bin/sh -c "curl -sfL https://get.k3s.io | K3S_TOKEN=\\"abc def\\" sh -s - server --no-deploy=traefik --node-label \'node-role.kubernetes.io/worker=true\'"';
  const unit = GOOD_UNIT.replace(`ExecStart=/usr/bin/sh -c '${PIPE}'`, exec);
  for (const [text, dialect] of [[ignition(unit), 'ignition'], [butane(unit), 'butane']] as const) {
    first(text, dialect, 'secrets/clear-text-token', { severity: 'warning', covers: 'abc def', message: /K3S_TOKEN/ });
    first(text, dialect, 'k3s/restricted-node-label', { severity: 'error', covers: 'node-role.kubernetes.io/worker=true', message: /kubelet/ });
    const d = first(text, dialect, 'k3s/removed-flag', { severity: 'error', covers: '--no-deploy', message: /--disable/ });
    fixes(text, dialect, d, text.replace('--no-deploy=traefik', '--disable=traefik'));
  }
});
