/**
 * Benchmark fixtures: the hand-written realistic config and a deterministic
 * ~5,000-line generated one, plus the cursor positions each scenario uses.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface Position {
  line: number;
  character: number;
}

export interface Fixture {
  name: string;
  fileName: string;
  text: string;
  lines: number;
  /** Line whose value the edit scenario toggles, and where the value starts. */
  toggle: { line: number; character: number; valid: string; invalid: string };
  /** Completion of keys inside a storage.files[] item (cursor at the start of an existing key). */
  completionKeys: Position;
  /** Completion of enum values of `format:` (cursor at the start of the value). */
  completionEnum: Position;
}

export const INVALID_VALUE = '__bench_invalid__';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Index of the first line at or after `from` that matches `re`. */
function findLine(lines: string[], re: RegExp, from = 0): number {
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
  throw new Error(`fixture: no line matches ${re} after line ${from + 1}`);
}

/** Position of the value of `key:` on a line. */
function valueAt(lines: string[], line: number, key: string): { line: number; character: number; value: string } {
  const m = new RegExp(`^(\\s*(?:- )?${key}:\\s*)(.*)$`).exec(lines[line]);
  if (!m) throw new Error(`fixture: line ${line + 1} has no ${key}:`);
  return { line, character: m[1].length, value: m[2] };
}

/** Position of the start of the key on a line. */
function keyAt(lines: string[], line: number): Position {
  const m = /^(\s*(?:- )?)\S/.exec(lines[line]);
  if (!m) throw new Error(`fixture: line ${line + 1} is blank`);
  return { line, character: m[1].length };
}

function makeFixture(name: string, fileName: string, text: string, toggleFile: RegExp, keysFile: RegExp): Fixture {
  const lines = text.split('\n');
  const toggleItem = findLine(lines, toggleFile);
  const mode = valueAt(lines, findLine(lines, /^\s+mode:/, toggleItem + 1), 'mode');
  const keysItem = findLine(lines, keysFile);
  const keysLine = findLine(lines, /^\s+mode:/, keysItem + 1);
  const format = valueAt(lines, findLine(lines, /^\s+format:/), 'format');
  return {
    name,
    fileName,
    text,
    lines: text.endsWith('\n') ? lines.length - 1 : lines.length,
    toggle: { line: mode.line, character: mode.character, valid: mode.value, invalid: INVALID_VALUE },
    completionKeys: keyAt(lines, keysLine),
    completionEnum: { line: format.line, character: format.character },
  };
}

export function realisticFixture(): Fixture {
  const text = readFileSync(path.join(REPO_ROOT, 'bench', 'fixtures', 'realistic.bu'), 'utf8');
  return makeFixture('realistic', 'realistic.bu', text, /- path: \/etc\/zincati\//, /- path: \/usr\/local\/bin\/backup-data/);
}

export function largeFixture(): Fixture {
  const text = generateLarge();
  return makeFixture('large', 'large.bu', text, /- path: \/etc\/app\/svc-080\//, /- path: \/etc\/app\/svc-120\//);
}

const pad = (n: number) => String(n).padStart(3, '0');

/** Deterministic fake key material (no randomness: the same text on every run). */
function fakeKey(i: number): string {
  const body = Buffer.from(`kindling-bench-user-${pad(i)}-key-material-0123456789`).toString('base64');
  return `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${body.slice(0, 43)} user${pad(i)}@example.com`;
}

function users(out: string[], count: number): void {
  out.push('passwd:', '  users:');
  for (let i = 1; i <= count; i++) {
    out.push(`    - name: user${pad(i)}`, `      uid: ${2000 + i}`, `      gecos: Bench user ${i}`, '      groups:');
    out.push(i % 3 === 0 ? '        - wheel' : '        - users', '      ssh_authorized_keys:', `        - ${fakeKey(i)}`);
  }
  out.push('  groups:', '    - name: app', '      gid: 1900');
}

function storageHeader(out: string[]): void {
  out.push('storage:', '  disks:', '    - device: /dev/disk/by-id/virtio-data', '      wipe_table: false', '      partitions:');
  out.push('        - number: 1', '          label: data', '          size_mib: 0', '  filesystems:');
  out.push('    - device: /dev/disk/by-partlabel/data', '      path: /var/lib/data', '      format: xfs', '      label: data');
  out.push('      with_mount_unit: true', '  directories:', '    - path: /etc/app', '      mode: 0755');
}

function file(out: string[], i: number): void {
  const dir = `/etc/app/svc-${pad(i)}`;
  switch (i % 4) {
    case 0:
      out.push(`    - path: ${dir}/config.toml`, '      mode: 0644', '      contents:', '        inline: |');
      out.push(`          [server]`, `          name = "svc-${pad(i)}"`, `          port = ${8000 + i}`, '          workers = 4');
      out.push('          [log]', '          level = "info"');
      break;
    case 1:
      out.push(`    - path: ${dir}/env`, '      mode: 0640', '      user:', '        name: root', '      group:', '        name: app');
      out.push('      contents:', '        inline: |', `          SVC_ID=${i}`, `          SVC_DATA=/var/lib/data/svc-${pad(i)}`);
      break;
    case 2:
      out.push(`    - path: ${dir}/bundle.tar`, '      mode: 0644', '      overwrite: true', '      contents:');
      out.push(`        source: https://artifacts.example.com/svc-${pad(i)}/bundle.tar`, '        verification:');
      out.push(`          hash: sha256-${(i * 2654435761).toString(16).padStart(8, '0').repeat(8).slice(0, 64)}`);
      break;
    default:
      out.push(`    - path: /usr/local/bin/svc-${pad(i)}-health`, '      mode: 0755', '      contents:', '        inline: |');
      out.push('          #!/bin/sh', `          exec curl -fsS http://127.0.0.1:${8000 + i}/healthz`);
  }
}

function unit(out: string[], i: number): void {
  out.push(`    - name: svc-${pad(i)}.service`, `      enabled: ${i % 5 !== 0}`, '      contents: |', '        [Unit]');
  out.push(`        Description=Bench service ${i}`, '        After=network-online.target', '        Wants=network-online.target', '');
  out.push('        [Service]', `        EnvironmentFile=-/etc/app/svc-${pad(i)}/env`);
  out.push(`        ExecStart=/usr/bin/podman run --rm --name svc-${pad(i)} -p ${8000 + i}:8080 quay.io/example/svc:${i % 7}`);
  out.push('        Restart=on-failure', '', '        [Install]', '        WantedBy=multi-user.target');
  out.push('      dropins:', '        - name: 10-limits.conf', '          contents: |', '            [Service]');
  out.push(`            MemoryMax=${256 + (i % 4) * 128}M`, `            CPUQuota=${50 + (i % 3) * 25}%`);
}

/** ~5,000 lines: 40 users, a disk + xfs filesystem, 160 files and 160 units with drop-ins. */
export function generateLarge(userCount = 40, fileCount = 160, unitCount = 160): string {
  const out: string[] = ['variant: fcos', 'version: 1.6.0'];
  users(out, userCount);
  storageHeader(out);
  out.push('  files:');
  for (let i = 1; i <= fileCount; i++) file(out, i);
  out.push('systemd:', '  units:');
  for (let i = 1; i <= unitCount; i++) unit(out, i);
  return out.join('\n') + '\n';
}
