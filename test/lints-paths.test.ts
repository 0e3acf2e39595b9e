/** Domain rules about where files can go (catalogue §A): read-only /usr, /usr/local/bin in units, volatile paths, unit/file and update.conf conflicts, the OEM filesystem, fcos-only sections in flatcar. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnostics, first, fixes, none } from './domainRuleHarness';

const FLATCAR = 'variant: flatcar\nversion: 1.1.0\n';
const FCOS = 'variant: fcos\nversion: 1.5.0\n';

/** A Butane config with one storage entry of `kind` at `path`. */
const butaneEntry = (head: string, kind: string, path: string, extra = ''): string => `${head}storage:\n  ${kind}:\n    - path: ${path}${extra}\n`;

test('paths/read-only-usr: Butane flatcar, /usr/local/bin is read-only too and moves to /opt/bin', () => {
  const text = butaneEntry(FLATCAR, 'files', '/usr/local/bin/k3s', '\n      mode: 0755');
  const d = first(text, 'butane', 'paths/read-only-usr', { severity: 'error', covers: '/usr/local/bin/k3s', message: /`\/usr\/local\/bin\/k3s` is on \/usr: \/usr\/local is part of \/usr on Flatcar.*emergency shell.*`\/opt\/bin\/k3s`.*on the default PATH/ });
  fixes(text, 'butane', d, butaneEntry(FLATCAR, 'files', '/opt/bin/k3s', '\n      mode: 0755'));
  none(butaneEntry(FLATCAR, 'files', '/opt/bin/k3s'), 'butane', 'paths/read-only-usr');
  // The OEM partition's old mount point is writable.
  none(butaneEntry(FLATCAR, 'files', '/usr/share/oem/grub.cfg'), 'butane', 'paths/read-only-usr');
  // A path that merely starts with "usr" is not on /usr.
  none(butaneEntry(FLATCAR, 'files', '/usrdata/x'), 'butane', 'paths/read-only-usr');
});

test('paths/read-only-usr: Butane flatcar directories, links (the path, not the target) and trees', () => {
  first(butaneEntry(FLATCAR, 'directories', '/usr/lib/foo'), 'butane', 'paths/read-only-usr', { severity: 'error', covers: '/usr/lib/foo', message: /directory `\/usr\/lib\/foo`.*`\/opt\/lib\/foo` or `\/var\/lib\/foo`/ });
  first(butaneEntry(FLATCAR, 'links', '/usr/local/bin/kubectl', '\n      target: /opt/bin/kubectl'), 'butane', 'paths/read-only-usr', { severity: 'error', covers: '/usr/local/bin/kubectl', message: /link `\/usr\/local\/bin\/kubectl`/ });
  // Linking to a sysext's unit under /usr is normal.
  none(butaneEntry(FLATCAR, 'links', '/etc/systemd/system/multi-user.target.wants/k3s.service', '\n      target: /usr/local/lib/systemd/system/k3s.service'), 'butane', 'paths/read-only-usr');
  const tree = `${FLATCAR}storage:\n  trees:\n    - local: bin\n      path: /usr/local/bin\n`;
  first(tree, 'butane', 'paths/read-only-usr', { severity: 'error', covers: '/usr/local/bin', message: /tree `\/usr\/local\/bin`/ }, 1, { filesDir: '/nonexistent' });
});

test('paths/read-only-usr: Butane fcos, /usr/local is writable but the rest of /usr is not', () => {
  none(butaneEntry(FCOS, 'files', '/usr/local/bin/k3s'), 'butane', 'paths/read-only-usr');
  none(butaneEntry(FCOS, 'directories', '/usr/local/lib/x'), 'butane', 'paths/read-only-usr');
  const text = butaneEntry(FCOS, 'files', '/usr/lib/x');
  const d = first(text, 'butane', 'paths/read-only-usr', { severity: 'error', covers: '/usr/lib/x', message: /read-only on Fedora CoreOS \(only \/usr\/local.*`\/usr\/local\/lib\/x` or `\/var\/lib\/x`/ });
  fixes(text, 'butane', d, butaneEntry(FCOS, 'files', '/usr/local/lib/x'));
  first(butaneEntry(FCOS, 'files', '/usr/bin/x'), 'butane', 'paths/read-only-usr', { severity: 'error', covers: '/usr/bin/x', message: /`\/usr\/local\/bin\/x` or `\/opt\/bin\/x`/ });
});

test('paths/read-only-usr: CLC, on the root filesystem (named or omitted) only', () => {
  const text = 'storage:\n  files:\n    - path: /usr/bin/x\n      filesystem: root\n      mode: 0755\n';
  const d = first(text, 'clc', 'paths/read-only-usr', { severity: 'error', covers: '/usr/bin/x', message: /\/usr on Flatcar is a read-only.*`\/opt\/bin\/x`/ });
  fixes(text, 'clc', d, text.replace('/usr/bin/x', '/opt/bin/x'));
  first('storage:\n  directories:\n    - path: /usr/local/share/x\n', 'clc', 'paths/read-only-usr', { severity: 'error', covers: '/usr/local/share/x', message: /directory/ });
  none('storage:\n  files:\n    - path: /usr/bin/x\n      filesystem: data\n', 'clc', 'paths/read-only-usr');
  none('storage:\n  files:\n    - path: /usr/share/oem/grub.cfg\n      filesystem: root\n', 'clc', 'paths/read-only-usr');
});

test('paths/read-only-usr: Ignition JSON, for Flatcar by option or by spec 2.x, else only outside /usr/local', () => {
  const v3 = '{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "/usr/local/bin/x"}]}}';
  const d = first(v3, 'ignition', 'paths/read-only-usr', { severity: 'error', covers: '"/usr/local/bin/x"', message: /Flatcar/ }, 1, { ignitionOs: 'flatcar' });
  fixes(v3, 'ignition', d, v3.replace('/usr/local/bin/x', '/opt/bin/x'), 0, { ignitionOs: 'flatcar' });
  none(v3, 'ignition', 'paths/read-only-usr', { ignitionOs: 'ostree' });
  none(v3, 'ignition', 'paths/read-only-usr');
  const v2 = '{"ignition": {"version": "2.3.0"}, "storage": {"files": [{"filesystem": "root", "path": "/usr/local/bin/x"}]}}';
  first(v2, 'ignition', 'paths/read-only-usr', { severity: 'error', covers: '"/usr/local/bin/x"', message: /\/usr\/local is part of \/usr on Flatcar/ });
  first('{"ignition": {"version": "3.4.0"}, "storage": {"links": [{"path": "/usr/lib/x", "target": "/usr/lib/y"}]}}', 'ignition', 'paths/read-only-usr', { severity: 'error', covers: '"/usr/lib/x"', message: /read-only on every system Ignition provisions/ });
});

test('paths/read-only-usr: k3OS write_files under /usr but not /usr/local', () => {
  const text = 'write_files:\n- path: /usr/bin/hello\n  content: hi\n';
  first(text, 'k3os', 'paths/read-only-usr', { severity: 'error', covers: '/usr/bin/hello', message: /k3OS cannot write there and skips the entry.*`\/usr\/local\/bin\/hello`/ });
  none('write_files:\n- path: /usr/local/bin/hello\n  content: hi\n', 'k3os', 'paths/read-only-usr');
});

const unit = (exec: string, name = 'k3s.service'): string => `systemd:\n  units:\n    - name: ${name}\n      enabled: true\n      contents: |\n        [Service]\n        ${exec}\n        [Install]\n        WantedBy=multi-user.target\n`;

test('paths/usr-local-bin-exec: Butane flatcar unit runs /usr/local/bin, fixed to /opt/bin', () => {
  const text = FLATCAR + unit('ExecStart=/usr/local/bin/k3s server');
  const d = first(text, 'butane', 'paths/usr-local-bin-exec', { severity: 'warning', covers: '/usr/local/bin/k3s', message: /runs `\/usr\/local\/bin\/k3s`.*read-only \/usr on Flatcar.*`\/opt\/bin\/k3s`/ });
  fixes(text, 'butane', d, FLATCAR + unit('ExecStart=/opt/bin/k3s server'));
  // The prefix stays; the path alone is underlined and replaced.
  const prefixed = FLATCAR + unit('ExecStartPre=-/usr/local/bin/setup --now');
  const p = first(prefixed, 'butane', 'paths/usr-local-bin-exec', { severity: 'warning', covers: '/usr/local/bin/setup', message: /ExecStartPre=/ });
  fixes(prefixed, 'butane', p, FLATCAR + unit('ExecStartPre=-/opt/bin/setup --now'));
  none(FLATCAR + unit('ExecStart=/opt/bin/k3s server'), 'butane', 'paths/usr-local-bin-exec');
  // Only the command is a path to run; an argument under /usr/local/bin is not.
  none(FLATCAR + unit('ExecStart=/usr/bin/env /usr/local/bin/k3s'), 'butane', 'paths/usr-local-bin-exec');
  // fcos: /usr/local is writable.
  none(FCOS + unit('ExecStart=/usr/local/bin/k3s server'), 'butane', 'paths/usr-local-bin-exec');
});

test('paths/usr-local-bin-exec: says when the config installs the binary in /opt/bin; a sysext silences it', () => {
  const installs = `${FLATCAR}storage:\n  files:\n    - path: /opt/bin/k3s\n      mode: 0755\n${unit('ExecStart=/usr/local/bin/k3s server')}`;
  first(installs, 'butane', 'paths/usr-local-bin-exec', { severity: 'warning', covers: '/usr/local/bin/k3s', message: /this config installs `k3s` as `\/opt\/bin\/k3s`/ });
  const sysext = `${FLATCAR}storage:\n  files:\n    - path: /etc/extensions/k3s.raw\n      contents:\n        source: https://example.com/k3s.raw\n${unit('ExecStart=/usr/local/bin/k3s server')}`;
  none(sysext, 'butane', 'paths/usr-local-bin-exec');
  const linked = `${FLATCAR}storage:\n  links:\n    - path: /etc/extensions/k3s.raw\n      target: /opt/extensions/k3s/k3s-v1.30.raw\n${unit('ExecStart=/usr/local/bin/k3s server')}`;
  none(linked, 'butane', 'paths/usr-local-bin-exec');
});

test('paths/usr-local-bin-exec: drop-ins, CLC and Ignition JSON for Flatcar', () => {
  const dropin = `${FLATCAR}systemd:\n  units:\n    - name: k3s.service\n      dropins:\n        - name: 10-exec.conf\n          contents: |\n            [Service]\n            ExecStart=\n            ExecStart=/usr/local/bin/k3s agent\n`;
  first(dropin, 'butane', 'paths/usr-local-bin-exec', { severity: 'warning', covers: '/usr/local/bin/k3s', message: /drop-in 10-exec\.conf of k3s\.service/ });
  const clc = unit('ExecStart=/usr/local/bin/k3s server');
  const c = first(clc, 'clc', 'paths/usr-local-bin-exec', { severity: 'warning', covers: '/usr/local/bin/k3s', message: /read-only/ });
  fixes(clc, 'clc', c, unit('ExecStart=/opt/bin/k3s server'));
  const json = '{"ignition": {"version": "3.4.0"}, "systemd": {"units": [{"name": "k3s.service", "contents": "[Service]\\nExecStart=/usr/local/bin/k3s server\\n"}]}}';
  const j = first(json, 'ignition', 'paths/usr-local-bin-exec', { severity: 'warning', covers: '/usr/local/bin/k3s', message: /read-only/ }, 1, { ignitionOs: 'flatcar' });
  fixes(json, 'ignition', j, json.replace('/usr/local/bin/k3s', '/opt/bin/k3s'), 0, { ignitionOs: 'flatcar' });
  none(json, 'ignition', 'paths/usr-local-bin-exec');
});

test('paths/volatile-target: /proc, /sys, /dev, /tmp, /run in Butane (any variant), CLC and Ignition', () => {
  first(butaneEntry(FLATCAR, 'files', '/proc/sys/vm/swappiness'), 'butane', 'paths/volatile-target', { severity: 'warning', covers: '/proc/sys/vm/swappiness', message: /under \/proc, which is a kernel filesystem.*\/etc\/sysctl\.d\// });
  first(butaneEntry(FCOS, 'directories', '/run/k3s'), 'butane', 'paths/volatile-target', { severity: 'warning', covers: '/run/k3s', message: /\/run, which is a tmpfs.*tmpfiles\.d/ });
  first(butaneEntry(FCOS, 'links', '/dev/disk0', '\n      target: /dev/sda'), 'butane', 'paths/volatile-target', { severity: 'warning', covers: '/dev/disk0', message: /udev rules/ });
  first('storage:\n  files:\n    - path: /tmp/setup.sh\n      filesystem: root\n', 'clc', 'paths/volatile-target', { severity: 'warning', covers: '/tmp/setup.sh', message: /\/tmp, which is a tmpfs/ });
  first('{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "/sys/kernel/mm/transparent_hugepage/enabled"}]}}', 'ignition', 'paths/volatile-target', { severity: 'warning', covers: '"/sys/kernel/mm/transparent_hugepage/enabled"', message: /udev rules.*tmpfiles\.d/ });
  none(butaneEntry(FLATCAR, 'files', '/etc/sysctl.d/10-swap.conf'), 'butane', 'paths/volatile-target');
  none(butaneEntry(FLATCAR, 'files', '/var/tmp/x'), 'butane', 'paths/volatile-target');
  none(butaneEntry(FLATCAR, 'files', '/runner/x'), 'butane', 'paths/volatile-target');
  // k3OS writes its files on the running system, at every boot.
  none('write_files:\n- path: /run/x\n  content: hi\n', 'k3os', 'paths/volatile-target');
});

const UNIT_FILE_JSON = (path: string, version = '3.4.0'): string =>
  `{"ignition": {"version": "${version}"}, "storage": {"files": [{"path": "${path}", "contents": {"source": "data:,x"}}]}, "systemd": {"units": [{"name": "k3s.service", "contents": "[Service]\\nExecStart=/opt/bin/k3s\\n", "dropins": [{"name": "10-env.conf", "contents": "[Service]\\nEnvironment=A=b\\n"}]}]}}`;

test('paths/unit-file-conflict: Ignition 3 rejects a file at a unit or drop-in path', () => {
  first(UNIT_FILE_JSON('/etc/systemd/system/k3s.service'), 'ignition', 'paths/unit-file-conflict', { severity: 'error', covers: '"/etc/systemd/system/k3s.service"', message: /where systemd\.units puts the unit k3s\.service: Ignition rejects the config/ });
  first(UNIT_FILE_JSON('/etc/systemd/system/k3s.service.d/10-env.conf'), 'ignition', 'paths/unit-file-conflict', { severity: 'error', covers: '"/etc/systemd/system/k3s.service.d/10-env.conf"', message: /drop-in 10-env\.conf of k3s\.service/ });
  none(UNIT_FILE_JSON('/etc/systemd/system/k3s-agent.service'), 'ignition', 'paths/unit-file-conflict');
  // A unit without contents (only enabled or masked) is not written, so nothing conflicts.
  none('{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "/etc/systemd/system/k3s.service"}]}, "systemd": {"units": [{"name": "k3s.service", "enabled": true}]}}', 'ignition', 'paths/unit-file-conflict');
});

test('paths/unit-file-conflict: CLC (spec 2.3) writes both, the unit replaces the file', () => {
  const clc = 'storage:\n  files:\n    - path: /etc/systemd/system/k3s.service\n      filesystem: root\n      contents:\n        inline: x\nsystemd:\n  units:\n    - name: k3s.service\n      contents: |\n        [Service]\n        ExecStart=/opt/bin/k3s\n';
  first(clc, 'clc', 'paths/unit-file-conflict', { severity: 'warning', covers: '/etc/systemd/system/k3s.service', message: /silently replaces this entry/ });
  none(clc.replace('path: /etc/systemd/system/k3s.service', 'path: /etc/systemd/system/other.service'), 'clc', 'paths/unit-file-conflict');
});

const UPDATE = 'update:\n  group: stable\n';
const updateFile = (path: string): string => `storage:\n  files:\n    - path: ${path}\n      filesystem: root\n      contents:\n        inline: GROUP=beta\n`;

test('clc/update-conf-conflict: update: or locksmith: plus an update.conf file', () => {
  first(UPDATE + updateFile('/etc/flatcar/update.conf'), 'clc', 'clc/update-conf-conflict', { severity: 'error', covers: '/etc/flatcar/update.conf', message: /from `update:`.*only one of them wins/ });
  first('locksmith:\n  reboot_strategy: reboot\n' + updateFile('/etc/coreos/update.conf'), 'clc', 'clc/update-conf-conflict', { severity: 'error', covers: '/etc/coreos/update.conf', message: /`locksmith:`/ });
  none(updateFile('/etc/flatcar/update.conf'), 'clc', 'clc/update-conf-conflict');
  none(UPDATE + updateFile('/etc/flatcar/other.conf'), 'clc', 'clc/update-conf-conflict');
});

test('clc/oem-ext4: the OEM partition declared ext4, fixed to btrfs', () => {
  const text = 'storage:\n  filesystems:\n    - name: oem\n      mount:\n        device: /dev/disk/by-label/OEM\n        format: ext4\n';
  const d = first(text, 'clc', 'clc/oem-ext4', { severity: 'warning', covers: 'ext4', message: /btrfs on Flatcar since 2021.*Flatcar#885/ });
  fixes(text, 'clc', d, text.replace('ext4', 'btrfs'));
  none(text.replace('by-label/OEM', 'by-label/DATA'), 'clc', 'clc/oem-ext4');
});

test('flatcar/ignored-section: boot_device and grub in a flatcar config (alongside butane/unused-key)', () => {
  const text = `${FLATCAR}boot_device:\n  luks:\n    tpm2: true\ngrub:\n  users:\n    - name: root\n      password_hash: grub.pbkdf2.sha512.10000.AA.BB\n`;
  first(text, 'butane', 'flatcar/ignored-section', { severity: 'error', covers: 'boot_device', message: /Butane drops it, so the boot disk is neither encrypted nor mirrored/ }, 2);
  const grub = diagnostics(text, 'butane').filter((d) => d.code === 'flatcar/ignored-section')[1];
  assert.equal(text.slice(grub.range.start, grub.range.end), 'grub');
  assert.match(grub.message, /no GRUB user or password is set/);
  assert.equal(diagnostics(text, 'butane').filter((d) => d.code === 'butane/unused-key').length, 2);
  none(`variant: fcos\nversion: 1.5.0\ngrub:\n  users:\n    - name: root\n      password_hash: grub.pbkdf2.sha512.10000.AA.BB\n`, 'butane', 'flatcar/ignored-section');
  // Nested keys of that name and later documents are not top-level sections.
  none(`${FLATCAR}storage:\n  files:\n    - path: /etc/grub\n      contents:\n        inline: |\n          grub: x\n`, 'butane', 'flatcar/ignored-section');
  none(`${FLATCAR}---\ngrub: {}\n`, 'butane', 'flatcar/ignored-section');
});

const sysextFile = (target: string, source: string): string => `${FLATCAR}storage:\n  files:\n    - path: ${target}\n      contents:\n        source: ${source}\n`;

test('paths/sysext-name: a bakery image saved under another extension name', () => {
  const url = 'https://github.com/flatcar/sysext-bakery/releases/download/latest/k3s-v1.29.2%2Bk3s1-x86-64.raw';
  const text = sysextFile('/etc/extensions/kubernetes.raw', url);
  const d = first(text, 'butane', 'paths/sysext-name', { severity: 'warning', covers: '/etc/extensions/kubernetes.raw', message: /`k3s-v1\.29\.2%2Bk3s1-x86-64\.raw` is the k3s extension, but it is saved as kubernetes\.raw.*`\/etc\/extensions\/k3s\.raw`/ });
  fixes(text, 'butane', d, sysextFile('/etc/extensions/k3s.raw', url));
  const link = `${FLATCAR}storage:\n  links:\n    - path: /etc/extensions/docker.raw\n      target: /opt/extensions/docker-compose/docker-compose-2.24.0-x86-64.raw\n`;
  first(link, 'butane', 'paths/sysext-name', { severity: 'warning', covers: '/etc/extensions/docker.raw', message: /docker-compose extension/ });
  none(link.replace('/etc/extensions/docker.raw', '/etc/extensions/docker-compose.raw'), 'butane', 'paths/sysext-name');
  // Unversioned or non-bakery names say nothing about the extension inside.
  none(sysextFile('/etc/extensions/tools.raw', 'https://example.com/images/mytools.raw'), 'butane', 'paths/sysext-name');
  none(sysextFile('/opt/extensions/k3s/kubernetes.raw', url), 'butane', 'paths/sysext-name');
  const json = `{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "/etc/extensions/kubernetes.raw", "contents": {"source": "${url}"}}]}}`;
  first(json, 'ignition', 'paths/sysext-name', { severity: 'warning', covers: '"/etc/extensions/kubernetes.raw"', message: /k3s extension/ });
});
