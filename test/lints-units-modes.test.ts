/** Domain rules about units, spec versions, modes and password hashes (catalogue §A FL13/FL17, §B, §C SC03); docs pages and the vector sweep of this group's rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../engine/index';
import { ROOT, VECTORS } from './helpers';
import { first, fixes, none } from './domainRuleHarness';

const FLATCAR = 'variant: flatcar\nversion: 1.1.0\n';

const ignitionUnit = (contents: string, extra = '"enabled": true', name = 'k3s.service'): string => `{"ignition": {"version": "3.4.0"}, "systemd": {"units": [{"name": "${name}", ${extra}, "contents": ${JSON.stringify(contents)}}]}}`;

test('systemd/enabled-without-install: Ignition JSON, fixed by appending [Install]', () => {
  const text = ignitionUnit('[Service]\nExecStart=/opt/bin/k3s server\n');
  const d = first(text, 'ignition', 'systemd/enabled-without-install', { severity: 'warning', covers: 'true', message: /k3s\.service is enabled, but its contents have no \[Install\] section.*WantedBy=multi-user\.target/ });
  fixes(text, 'ignition', d, ignitionUnit('[Service]\nExecStart=/opt/bin/k3s server\n[Install]\nWantedBy=multi-user.target\n'));
  // A timer is wanted by timers.target; text without a final newline gets one before [Install].
  const timer = ignitionUnit('[Timer]\nOnCalendar=daily', '"enabled": true', 'backup.timer');
  const t = first(timer, 'ignition', 'systemd/enabled-without-install', { severity: 'warning', covers: 'true', message: /WantedBy=timers\.target/ });
  fixes(timer, 'ignition', t, ignitionUnit('[Timer]\nOnCalendar=daily\n[Install]\nWantedBy=timers.target', '"enabled": true', 'backup.timer'));
  none(ignitionUnit('[Service]\nExecStart=/opt/bin/k3s\n[Install]\nWantedBy=multi-user.target\n'), 'ignition', 'systemd/enabled-without-install');
  none(ignitionUnit('[Service]\nExecStart=/opt/bin/k3s\n', '"enabled": false'), 'ignition', 'systemd/enabled-without-install');
  none('{"ignition": {"version": "3.4.0"}, "systemd": {"units": [{"name": "docker.service", "enabled": true}]}}', 'ignition', 'systemd/enabled-without-install');
});

test('systemd/enabled-without-install: Butane and CLC are left to the tools\' own verdicts', () => {
  const clc = 'systemd:\n  units:\n    - name: k3s.service\n      enabled: true\n      contents: |\n        [Service]\n        ExecStart=/opt/bin/k3s\n';
  none(clc, 'clc', 'systemd/enabled-without-install');
  const reported = analyze(clc, { dialect: 'clc' }).diagnostics.filter((d) => /no install section/.test(d.message));
  assert.equal(reported.length, 1, 'ct reports it');
  none(FLATCAR + clc, 'butane', 'systemd/enabled-without-install');
});

test('spec/experimental: Butane, fixed to the newest stable version of the variant', () => {
  const text = 'variant: flatcar\nversion: 1.2.0-experimental\n';
  const d = first(text, 'butane', 'spec/experimental', { severity: 'warning', covers: '1.2.0-experimental', message: /`flatcar 1\.2\.0-experimental` is experimental.*\(newest: 1\.1\.0\)/ });
  fixes(text, 'butane', d, 'variant: flatcar\nversion: 1.1.0\n');
  const fcos = 'variant: fcos\nversion: 1.8.0-experimental\n';
  const f = first(fcos, 'butane', 'spec/experimental', { severity: 'warning', covers: '1.8.0-experimental', message: /newest: 1\.7\.0/ });
  fixes(fcos, 'butane', f, 'variant: fcos\nversion: 1.7.0\n');
  none('variant: fcos\nversion: 1.7.0\n', 'butane', 'spec/experimental');
});

test('spec/experimental: Ignition JSON', () => {
  first('{"ignition": {"version": "3.6.0-experimental"}}', 'ignition', 'spec/experimental', { severity: 'warning', covers: '"3.6.0-experimental"', message: /spec 3\.6\.0-experimental is experimental/ });
  none('{"ignition": {"version": "3.5.0"}}', 'ignition', 'spec/experimental');
});

const clcMode = (kind: string, mode: string): string => `storage:\n  ${kind}:\n    - path: /opt/x\n      filesystem: root\n      mode: ${mode}\n`;

test('clc/decimal-mode: a mode without its leading zero, fixed by adding it', () => {
  const text = clcMode('files', '644');
  const d = first(text, 'clc', 'clc/decimal-mode', { severity: 'warning', covers: '644', message: /mode 644 is read as decimal \(octal 01204.*0644/ });
  fixes(text, 'clc', d, clcMode('files', '0644'));
  const dir = clcMode('directories', '755');
  const dd = first(dir, 'clc', 'clc/decimal-mode', { severity: 'warning', covers: '755', message: /0755/ });
  fixes(dir, 'clc', dd, clcMode('directories', '0755'));
  none(clcMode('files', '0644'), 'clc', 'clc/decimal-mode');
  none(clcMode('files', '0o644'), 'clc', 'clc/decimal-mode');
  // 420 is 0644 written in decimal on purpose; 888 has no octal reading.
  none(clcMode('files', '420'), 'clc', 'clc/decimal-mode');
  none(clcMode('files', '888'), 'clc', 'clc/decimal-mode');
  // Butane has its own rule (butane/decimal-mode).
  none(`${FLATCAR}storage:\n  files:\n    - path: /opt/x\n      mode: 644\n`, 'butane', 'clc/decimal-mode');
});

const ignitionMode = (mode: number, version = '3.4.0', kind = 'files'): string => `{"ignition": {"version": "${version}"}, "storage": {"${kind}": [{"path": "/opt/x", "mode": ${mode}}]}}`;

test('mode/special-bits: Ignition JSON before spec 3.6.0 drops setuid/setgid/sticky', () => {
  const text = ignitionMode(0o4755);
  const d = first(text, 'ignition', 'mode/special-bits', { severity: 'warning', covers: '2541', message: /mode 04755 sets the setuid bit.*spec 3\.4\.0 does not apply.*gets 0755/ });
  fixes(text, 'ignition', d, ignitionMode(0o755));
  first(ignitionMode(0o1777, '2.3.0', 'directories'), 'ignition', 'mode/special-bits', { severity: 'warning', covers: '1023', message: /sticky bit.*directory gets 0777/ });
  // JSON numbers and booleans keep their type (the document is read with YAML's failsafe schema).
  assert.deepEqual(analyze(ignitionMode(0o755), { dialect: 'ignition' }).diagnostics.filter((x) => x.code === 'ignition/schema'), []);
  none(ignitionMode(0o4755, '3.6.0'), 'ignition', 'mode/special-bits');
  none(ignitionMode(0o755), 'ignition', 'mode/special-bits');
});

test('mode/special-bits: CLC octal modes, but not decimal slips (clc/decimal-mode)', () => {
  const text = clcMode('files', '02755');
  const d = first(text, 'clc', 'mode/special-bits', { severity: 'warning', covers: '02755', message: /setgid bit.*spec 2\.3\.0/ });
  fixes(text, 'clc', d, clcMode('files', '0755'));
  none(clcMode('files', '644'), 'clc', 'mode/special-bits');
  none(`${FLATCAR}storage:\n  files:\n    - path: /opt/x\n      mode: 04755\n`, 'butane', 'mode/special-bits');
});

const butaneUser = (hash: string): string => `${FLATCAR}passwd:\n  users:\n    - name: core\n      password_hash: ${hash}\n`;

test('secrets/password-hash: clear text in Butane, CLC and Ignition, never echoed', () => {
  const d = first(butaneUser('hunter2!'), 'butane', 'secrets/password-hash', { severity: 'warning', covers: 'hunter2!', message: /password_hash of core is not a crypt hash.*mkpasswd/ });
  assert.doesNotMatch(d.message, /hunter2/);
  first('passwd:\n  users:\n    - name: core\n      password_hash: "plain text"\n', 'clc', 'secrets/password-hash', { severity: 'warning', covers: '"plain text"', message: /password_hash of core/ });
  first('{"ignition": {"version": "3.4.0"}, "passwd": {"users": [{"name": "admin", "passwordHash": "s3cr3t!"}]}}', 'ignition', 'secrets/password-hash', { severity: 'warning', covers: '"s3cr3t!"', message: /passwordHash of admin/ });
});

test('secrets/password-hash: crypt formats, locked and empty values are fine', () => {
  for (const hash of ['"$6$rounds=4096$salt$abc"', '"$y$j9T$salt$hash"', '"$1$salt$hash"', '"$2b$12$abcdefghijklmnopqrstuv"', '"$5$salt$hash"', '"$7$CU..../....salt$hash"', '"$gy$j9T$salt$hash"', '"$sha1$40000$salt$hash"', '"$md5,rounds=5000$salt$hash"', '"!$6$salt$hash"', '"*"', '"!"', '""', 'abJnggxhB/yWI']) {
    none(butaneUser(hash), 'butane', 'secrets/password-hash');
  }
});

const RULE_IDS = ['paths/read-only-usr', 'paths/usr-local-bin-exec', 'paths/volatile-target', 'systemd/enabled-without-install', 'paths/unit-file-conflict', 'spec/experimental', 'flatcar/ignored-section', 'clc/update-conf-conflict', 'clc/oem-ext4', 'clc/decimal-mode', 'mode/special-bits', 'secrets/password-hash', 'paths/sysext-name'];

// rules-docs.test.ts checks every rule's page; this group's pages also list their vector findings.
test('each rule of this group lists its findings in the shared vectors on its docs page', () => {
  for (const id of RULE_IDS) {
    const text = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${id.replace('/', '-')}.md`), 'utf8');
    assert.ok(text.includes('**Findings in the shared vectors**'), id);
  }
});

/** Every input of the shared vectors, analysed as its dialect. */
function vectorFindings(): string[] {
  const found: string[] = [];
  for (const [corpus, file, dialect] of [['butane', 'input.bu', 'butane'], ['clc', 'input.yaml', 'clc'], ['butane', 'expected.ign', 'ignition'], ['clc', 'expected.ign', 'ignition']] as const) {
    const dir = path.join(VECTORS, corpus);
    for (const name of fs.readdirSync(dir).sort()) {
      const input = path.join(dir, name, file);
      if (!fs.existsSync(input)) continue;
      const text = fs.readFileSync(input, 'utf8');
      for (const d of analyze(text, { dialect }).diagnostics) if (RULE_IDS.includes(d.code)) found.push(`${corpus}/${name}/${file} ${d.code} ${text.slice(d.range.start, d.range.end)}`);
    }
  }
  return found;
}

test('over the shared vectors, this group fires exactly where the config is really wrong', (t) => {
  if (!fs.existsSync(VECTORS)) return t.skip('no shared vectors here');
  assert.deepEqual(vectorFindings(), [
    'butane/err-flatcar-grub-kargs/input.bu flatcar/ignored-section grub',
    'butane/err-quadlets-bad-extension/input.bu spec/experimental 1.8.0-experimental',
    'butane/quadlets-fcos-1.8-exp/input.bu spec/experimental 1.8.0-experimental',
    'butane/ver-fcos-1.8.0-experimental/input.bu spec/experimental 1.8.0-experimental',
    'butane/ver-fiot-1.1.0-experimental/input.bu spec/experimental 1.1.0-experimental',
    'butane/ver-flatcar-1.2.0-experimental/input.bu spec/experimental 1.2.0-experimental',
    'butane/ver-openshift-4.23.0-experimental/input.bu spec/experimental 4.23.0-experimental',
    'butane/ver-r4e-1.2.0-experimental/input.bu spec/experimental 1.2.0-experimental',
    'butane/files-mode-special-bits-1.6/expected.ign mode/special-bits 1023',
    'butane/files-mode-special-bits-1.6/expected.ign mode/special-bits 2541',
    'butane/quadlets-fcos-1.8-exp/expected.ign spec/experimental "3.7.0-experimental"',
    'butane/ver-fcos-1.8.0-experimental/expected.ign spec/experimental "3.7.0-experimental"',
    'butane/ver-fiot-1.1.0-experimental/expected.ign spec/experimental "3.7.0-experimental"',
    'butane/ver-flatcar-1.2.0-experimental/expected.ign spec/experimental "3.7.0-experimental"',
    'butane/ver-r4e-1.2.0-experimental/expected.ign spec/experimental "3.7.0-experimental"',
  ]);
});
