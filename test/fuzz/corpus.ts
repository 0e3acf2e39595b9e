/**
 * The documents the fuzzer mutates: every input of the golden vectors (Butane and CLC), the
 * repository's examples and e2e workspace, a sample of Ignition JSON outputs, and a few k3OS
 * configs, so that all four dialects are covered.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Dialect } from '../../engine/index';
import { ignitionSamples, ROOT, VECTORS } from '../helpers';
import { vectorFlags } from '../vectorOutput';

export interface SeedDocument {
  /** Where it came from, relative to the vectors folder or the repository. */
  name: string;
  text: string;
  dialect: Dialect;
  /** The editor language id VS Code would give the file. */
  languageId: 'butane' | 'clc' | 'yaml' | 'json';
  /** File name used for the document's URI; dialect detection reads it (`k3os/`, `.ign`). */
  fileName: string;
  /** Absolute --files-dir of the vector, if it has one. */
  filesDir?: string;
}

/** Ignition samples are near-duplicates of each other; this many, evenly spread, are plenty. */
const IGNITION_SAMPLES = 48;

/** k3OS has no vectors; these cover the keys the two example configs leave out. */
const K3OS_SEEDS: readonly string[] = [
  `#cloud-config
# kindling: k3os source=userdata
hostname: agent-2
run_cmd:
  - "echo hello"
boot_cmd: ["sysctl -w net.ipv4.ip_forward=1"]
write_files:
  - encoding: b64
    content: aGVsbG8K
    owner: root:root
    path: /etc/motd
    permissions: "0600"
k3os:
  server_url: https://10.0.0.1:6443
  token: K10abc::server:secret
  k3s_args: [agent, --node-label=zone=a]
  environment:
    HTTP_PROXY: http://proxy:3128
  modules: [kvm, nvme]
  taints: ["key1=value1:NoSchedule"]
  wifi:
    - name: home
      passphrase: hunter22
  data_sources: [aws, cdrom]
`,
  `k3os:
  install:
    device: /dev/sda
    silent: true
    force_efi: false
    iso_url: https://example.com/k3os.iso
    config_url: https://example.com/config.yaml
    no_format: false
    power_off: true
    tty: ttyS0
    debug: true
  password: "$6$salt$hash"
  ntp_servers: []
  sysctls:
    kernel.printk: "4 4 1 7"
  labels: {role: edge, "kubernetes.io/arch": amd64}
init_cmd: []
ssh_authorized_keys:
  - github:someone
`,
];

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

function vectorCases(corpus: string): string[] {
  const root = path.join(VECTORS, corpus);
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).filter((name) => fs.statSync(path.join(root, name)).isDirectory()).sort();
}

function vectorInputs(): SeedDocument[] {
  const seeds: SeedDocument[] = [];
  for (const name of vectorCases('butane')) {
    const dir = path.join(VECTORS, 'butane', name);
    const input = path.join(dir, 'input.bu');
    if (!fs.existsSync(input)) continue;
    seeds.push({ name: `butane/${name}/input.bu`, text: read(input), dialect: 'butane', languageId: 'butane', fileName: 'input.bu', filesDir: vectorFlags(dir).filesDir });
  }
  for (const name of vectorCases('clc')) {
    const dir = path.join(VECTORS, 'clc', name);
    const input = path.join(dir, 'input.yaml');
    if (!fs.existsSync(input)) continue;
    const filesDir = path.join(dir, 'files');
    seeds.push({ name: `clc/${name}/input.yaml`, text: read(input), dialect: 'clc', languageId: 'clc', fileName: 'input.clc', filesDir: fs.existsSync(filesDir) ? filesDir : undefined });
  }
  return seeds;
}

/** Ignition JSON that translated cleanly (an openshift MachineConfig gives its embedded config), evenly sampled. */
function ignitionOutputs(): SeedDocument[] {
  const all = ignitionSamples().map((s): SeedDocument => ({ name: `${s.name}/expected.ign`, text: s.text, dialect: 'ignition', languageId: 'json', fileName: 'config.ign' }));
  const step = Math.max(1, all.length / IGNITION_SAMPLES);
  const sampled: SeedDocument[] = [];
  for (let i = 0; i < all.length && sampled.length < IGNITION_SAMPLES; i += step) sampled.push(all[Math.floor(i)]);
  return sampled;
}

function repositoryConfigs(): SeedDocument[] {
  const files = ['examples/k3s-agent-fcos.bu', 'examples/k3s-server-fcos.bu', 'examples/k3s-server-flatcar.bu', 'examples/k3os/config.yaml', 'e2e/workspace/node.bu', 'e2e/workspace/node.clc', 'e2e/workspace/k3os/config.yaml', 'bench/fixtures/realistic.bu'];
  const seeds: SeedDocument[] = [];
  for (const file of files) {
    const absolute = path.join(ROOT, file);
    if (!fs.existsSync(absolute)) continue;
    const text = read(absolute);
    if (file.endsWith('.bu')) seeds.push({ name: file, text, dialect: 'butane', languageId: 'butane', fileName: 'config.bu' });
    else if (file.endsWith('.clc')) seeds.push({ name: file, text, dialect: 'clc', languageId: 'clc', fileName: 'config.clc' });
    else seeds.push({ name: file, text, dialect: 'k3os', languageId: 'yaml', fileName: 'k3os/config.yaml' });
  }
  K3OS_SEEDS.forEach((text, i) => seeds.push({ name: `k3os-seed-${i}`, text, dialect: 'k3os', languageId: 'yaml', fileName: 'k3os/config.yaml' }));
  return seeds;
}

/** Every seed document, in a stable order (document i of a run mutates seed i mod length). */
export function loadCorpus(): SeedDocument[] {
  return [...vectorInputs(), ...ignitionOutputs(), ...repositoryConfigs()];
}
