/** Butane checks for disks, filesystems, LUKS, systemd, boot device, variants and embedded configs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFs, run, bu, fcos, FILES, withFiles, expectAt, expectNo, expectClean, applyFix, describe } from './butaneCheckHarness';
// ---------------------------------------------------------------- disks, partitions, RAID

test('partitions: should_exist false, number or label, labels, GUIDs, overlaps', () => {
  const disk = (parts: string, extra = '      wipe_table: true\n'): string => fcos(`storage:\n  disks:\n    - device: /dev/vdb\n${extra}      partitions:\n${parts}`);
  expectAt(disk('        - number: 3\n          should_exist: false\n          label: gone\n'), 'butane/partition-should-not-exist-with-others', 'error', 8);
  expectAt(disk('        - size_mib: 100\n'), 'butane/partition-number-or-label', 'error', 8);
  expectAt(disk(`        - number: 1\n          label: ${'x'.repeat(37)}\n`), 'butane/partition-label-too-long', 'error', 9);
  expectAt(disk('        - number: 1\n          label: "a:b"\n'), 'butane/partition-label-colon', 'error', 9);
  expectAt(disk('        - number: 1\n          type_guid: nope\n'), 'butane/guid-invalid', 'error', 9);
  expectAt(disk('        - number: 1\n          start_mib: 10\n          size_mib: 100\n        - number: 2\n          start_mib: 50\n          size_mib: 10\n'), 'butane/partition-overlap', 'error', 11);
  expectAt(disk('        - number: 1\n          label: x\n        - number: 2\n          label: x\n'), 'butane/partition-label-collision', 'error', 10);
  expectClean(disk('        - number: 1\n          start_mib: 10\n          size_mib: 100\n        - number: 2\n          start_mib: 200\n          size_mib: 0\n'));
});

test('partition hints: reuse by label (fcos 1.6+ only), reserved labels, root size', () => {
  const text = (version: string, variant = 'fcos'): string =>
    bu(variant, version, 'storage:\n  disks:\n    - device: /dev/vdb\n      partitions:\n        - label: data\n          size_mib: 1024\n');
  expectAt(text('1.6.0'), 'butane/partition-reuse-by-label', 'warning', 7);
  expectNo(text('1.5.0'), 'butane/partition-reuse-by-label');
  expectNo(fcos('storage:\n  disks:\n    - device: /dev/vdb\n      wipe_table: true\n      partitions:\n        - label: data\n'), 'butane/partition-reuse-by-label');
  expectNo(fcos('storage:\n  disks:\n    - device: /dev/disk/by-id/coreos-boot-disk\n      partitions:\n        - label: data\n          number: 0\n'), 'butane/partition-reuse-by-label');
  const boot = (parts: string, version = '1.6.0'): string => fcos(`storage:\n  disks:\n    - device: /dev/disk/by-id/coreos-boot-disk\n      partitions:\n${parts}`, version);
  expectAt(boot('        - number: 5\n          label: root\n          size_mib: 10000\n'), 'butane/partition-reserved-label', 'warning', 8);
  expectAt(boot('        - number: 1\n          label: boot\n', '1.0.0'), 'butane/partition-reserved-label', 'warning', 8);
  expectAt(boot('        - number: 4\n          label: root\n          size_mib: 4096\n'), 'butane/root-partition-too-small', 'warning', 9);
  expectNo(boot('        - number: 4\n          label: root\n          size_mib: 4096\n', '1.2.0'), 'butane/root-partition-too-small');
  expectAt(boot('        - number: 4\n          label: root\n        - label: var\n          number: 5\n'), 'butane/root-partition-constrained', 'warning', 8);
  expectClean(boot('        - number: 4\n          label: root\n          size_mib: 8192\n          resize: true\n        - label: var\n          number: 5\n'));
});

test('RAID: level, spares, members', () => {
  const raid = (body: string): string => fcos(`storage:\n  raid:\n    - name: md0\n${body}`);
  expectAt(raid('      level: raid9\n      devices: [/dev/vda]\n'), 'butane/raid-level', 'error', 6);
  expectAt(raid('      level: raid0\n      spares: 1\n      devices: [/dev/vda]\n'), 'butane/raid-spares', 'error', 6);
  expectAt(raid('      level: raid1\n      devices: []\n'), 'butane/raid-devices-required', 'error', 7);
  expectAt(raid('      devices: [/dev/vda]\n'), 'butane/raid-level-required', 'error', 5);
  expectClean(raid('      level: raid1\n      devices: [/dev/vda, /dev/vdb]\n'));
});

// ---------------------------------------------------------------- filesystems

test('filesystems: formats by version, format needed, labels, whole disks', () => {
  const fsx = (body: string, version = '1.6.0'): string => fcos(`storage:\n  filesystems:\n    - device: /dev/vdb\n${body}`, version);
  expectAt(fsx('      format: ntfs\n'), 'butane/filesystem-format', 'error', 6);
  expectAt(fsx('      format: none\n', '1.3.0'), 'butane/filesystem-format', 'error', 6);
  expectNo(fsx('      format: none\n', '1.4.0'), 'butane/filesystem-format');
  expectAt(fsx('      label: data\n'), 'butane/filesystem-label-needs-format', 'error', 6);
  expectAt(fsx('      wipe_filesystem: true\n'), 'butane/filesystem-format-required', 'error', 5);
  expectAt(fsx('      format: xfs\n      label: thirteen-char\n'), 'butane/filesystem-label-too-long', 'error', 7);
  expectNo(fsx('      format: ext4\n      label: thirteen-char\n'), 'butane/filesystem-label-too-long');
  expectAt(fcos('storage:\n  disks:\n    - device: /dev/vdb\n      partitions:\n        - number: 1\n  filesystems:\n    - device: /dev/vdb\n      format: xfs\n'), 'butane/filesystem-overwrites-partitions', 'warning', 9);
  expectAt(fcos('storage:\n  disks:\n    - device: /dev/vdb\n      wipe_table: true\n  filesystems:\n    - device: /dev/vdb\n      format: xfs\n'), 'butane/filesystem-implicit-wipe', 'warning', 8);
});

test('with_mount_unit: format and path, swap, mount point under /etc or /var on fcos 1.6+', () => {
  const mu = (body: string, version = '1.6.0', variant = 'fcos'): string => bu(variant, version, `storage:\n  filesystems:\n    - device: /dev/vdb\n      with_mount_unit: true\n${body}`);
  expectAt(mu('      path: /var/data\n'), 'butane/mount-unit-format-required', 'error', 5);
  expectNo(mu('      path: /var/data\n'), 'butane/filesystem-format-required');
  expectAt(mu('      format: xfs\n'), 'butane/mount-unit-path-required', 'error', 5);
  expectNo(mu('      format: swap\n'), 'butane/mount-unit-path-required');
  expectAt(mu('      format: swap\n', '1.3.0'), 'butane/mount-unit-path-required', 'error', 5);
  expectAt(mu('      format: xfs\n      path: /srv/data\n'), 'butane/mount-unit-path-location', 'error', 8);
  expectNo(mu('      format: xfs\n      path: /srv/data\n', '1.5.0'), 'butane/mount-unit-path-location');
  expectNo(mu('      format: xfs\n      path: /srv/data\nmetadata:\n  name: x\n  labels:\n    machineconfiguration.openshift.io/role: worker\n', '4.19.0', 'openshift'), 'butane/mount-unit-path-location');
  expectClean(mu('      format: xfs\n      path: /var/lib/data\n'));
});

// ---------------------------------------------------------------- LUKS

test('LUKS: names, labels, Clevis combinations, Tang, CEX', () => {
  const luks = (body: string, version = '1.6.0'): string => fcos(`storage:\n  luks:\n    - name: data\n      device: /dev/vdb\n${body}`, version);
  expectAt(fcos('storage:\n  luks:\n    - name: a/b\n      device: /dev/vdb\n'), 'butane/luks-name-slash', 'error', 5);
  expectAt(luks(`      label: ${'l'.repeat(48)}\n`), 'butane/luks-label-too-long', 'error', 7);
  expectAt(luks('      clevis:\n        tpm2: true\n        custom:\n          pin: tpm2\n          config: "{}"\n'), 'butane/clevis-custom-with-others', 'error', 8);
  expectAt(luks('      clevis:\n        custom:\n          pin: yubikey\n          config: "{}"\n'), 'butane/clevis-pin', 'error', 9);
  expectNo(luks('      clevis:\n        custom:\n          pin: yubikey\n          config: "{}"\n', '1.7.0'), 'butane/clevis-pin');
  expectAt(luks('      clevis:\n        custom:\n          pin: tpm2\n'), 'butane/clevis-config-required', 'error', 9);
  expectAt(luks('      clevis:\n        tang:\n          - url: ftp://tang\n            thumbprint: x\n'), 'butane/tang-url', 'error', 9);
  expectAt(luks('      clevis:\n        tang:\n          - url: http://tang\n'), 'butane/tang-thumbprint-required', 'error', 9);
  expectAt(luks('      clevis:\n        tang:\n          - url: http://tang\n            thumbprint: x\n            advertisement: "{nope"\n'), 'butane/tang-advertisement', 'error', 11);
  expectAt(luks('      cex:\n        enabled: true\n      clevis:\n        tpm2: true\n'), 'butane/cex-with-clevis', 'error', 8);
  expectAt(luks('      cex:\n        enabled: true\n      key_file:\n        inline: k\n'), 'butane/cex-with-key-file', 'error', 8);
  expectClean(luks('      clevis:\n        tpm2: true\n'));
});

// ---------------------------------------------------------------- systemd

test('unit and drop-in names, with suffix fixes', () => {
  const text = fcos('systemd:\n  units:\n    - name: web\n    - name: web.srvice\n    - name: web.service\n      dropins:\n        - name: override\n');
  const d = expectAt(text, 'butane/unit-extension', 'error', 5);
  assert.match(applyFix(text, d), /- name: web\.service\n    - name: web\.srvice/);
  const typo = expectAt(text, 'butane/unit-extension', 'error', 6);
  assert.match(applyFix(text, typo), /- name: web\.service\n    - name: web\.service\n/);
  const dropin = expectAt(text, 'butane/dropin-extension', 'error', 9);
  assert.match(applyFix(text, dropin), /- name: override\.conf\n/);
});

test('unit file syntax, enabled without [Install], template instances', () => {
  const unit = (contents: string, extra = ''): string => fcos(`systemd:\n  units:\n    - name: a.service\n${extra}      contents: |\n${contents.replace(/^/gm, '        ')}\n`);
  expectAt(unit('[Unit\nDescription=x'), 'butane/unit-contents-invalid', 'error', 6);
  expectAt(unit('[Unit] x\nDescription=x'), 'butane/unit-contents-invalid', 'error', 6);
  expectAt(unit('[Unit]\nDescription\n'), 'butane/unit-contents-invalid', 'error', 6);
  expectClean(unit('# comment\n[Unit]\nDescription=a \\\n  continued\n\n[Service]\nExecStart=/bin/true'));
  expectAt(unit('[Service]\nExecStart=/bin/true', '      enabled: true\n'), 'butane/unit-no-install', 'warning', 7);
  expectNo(unit('[Service]\nExecStart=/bin/true', '      enabled: false\n'), 'butane/unit-no-install');
  // systemd's line limit, as Ignition applies it through a 4 KiB read buffer
  const long = 'x'.repeat(3000);
  expectAt(fcos(`systemd:\n  units:\n    - name: a.service\n      contents: "[Service]\\nExecStart=${long}\\n"\n`), 'butane/unit-contents-invalid', 'error', 6);
  let padding = '[Unit]\\n';
  while (padding.length < 3000) padding += 'Description=padding\\n';
  expectNo(fcos(`systemd:\n  units:\n    - name: a.service\n      contents: "${padding}[Service]\\nExecStart=${long}\\n${'Environment=A=1\\n'.repeat(300)}"\n`), 'butane/unit-contents-invalid');
  const template = fcos('systemd:\n  units:\n    - name: getty@.service\n      contents: "[Service]\\nExecStart=/bin/true\\n"\n    - name: getty@tty1.service\n      enabled: true\n');
  expectAt(template, 'butane/template-no-install', 'warning', 7);
});

test('contents vs contents_local (fcos 1.5+), files that overwrite unit files', () => {
  expectAt(fcos('systemd:\n  units:\n    - name: a.service\n      contents: "[Unit]"\n      contents_local: a.service\n'), 'butane/unit-contents-and-local', 'error', 7, withFiles);
  expectAt(
    fcos('systemd:\n  units:\n    - name: a.service\n      contents: "[Unit]\\n"\nstorage:\n  files:\n    - path: /etc/systemd/system/a.service\n'),
    'butane/path-conflicts-systemd',
    'error',
    9,
  );
  expectNo(fcos('systemd:\n  units:\n    - name: a.service\n      enabled: true\nstorage:\n  files:\n    - path: /etc/systemd/system/a.service\n'), 'butane/path-conflicts-systemd');
});

test('quadlets (experimental): suffixes and template instances', () => {
  const q = (body: string): string => fcos(`systemd:\n  quadlets:\n${body}`, '1.8.0-experimental');
  expectAt(q('    - name: web.service\n'), 'butane/quadlet-extension', 'error', 5);
  expectAt(q('    - name: web@1.container\n      contents: x\n'), 'butane/quadlet-template-contents', 'error', 6);
  expectClean(q('    - name: web@.container\n      contents: "[Container]\\nImage=x\\n"\n    - name: web@1.container\n'));
});

// ---------------------------------------------------------------- boot device and grub

test('boot_device: layouts, mirroring, s390x devices, CEX', () => {
  const bd = (body: string, version = '1.6.0'): string => fcos(`boot_device:\n${body}`, version);
  expectAt(bd('  layout: s390x-eckd\n  luks:\n    device: /dev/dasda\n    tpm2: true\n', '1.5.0'), 'butane/boot-device-layout', 'error', 4);
  expectAt(bd('  layout: sparc\n'), 'butane/boot-device-layout', 'error', 4);
  expectAt(bd('  mirror:\n    devices: [/dev/vda, /dev/vdb]\n'), 'butane/mirror-without-layout', 'warning', 5);
  expectAt(bd('  mirror:\n    devices: [/dev/vda, /dev/vdb]\n', '1.7.0'), 'butane/mirror-without-layout', 'error', 5);
  expectAt(bd('  layout: x86_64\n  mirror:\n    devices: [/dev/vda]\n'), 'butane/mirror-too-few-devices', 'error', 6);
  expectAt(bd('  layout: s390x-zfcp\n  luks:\n    tpm2: true\n'), 'butane/boot-device-luks-device-required', 'error', 4);
  expectAt(bd('  layout: s390x-eckd\n  luks:\n    device: /dev/sda\n    tpm2: true\n'), 'butane/boot-device-luks-device-name', 'error', 4);
  expectAt(bd('  layout: s390x-virt\n  mirror:\n    devices: [/dev/vda, /dev/vdb]\n'), 'butane/boot-device-mirror-s390x', 'error', 4);
  expectAt(bd('  layout: aarch64\n  luks:\n    cex:\n      enabled: true\n'), 'butane/cex-architecture', 'error', 4);
  expectAt(bd('  luks:\n    cex:\n      enabled: true\n'), 'butane/cex-architecture', 'error', 6);
  expectAt(bd('  layout: s390x-virt\n  luks:\n    tpm2: true\n    cex:\n      enabled: true\n'), 'butane/cex-with-clevis', 'error', 6);
  expectAt(bd('  layout: s390x-virt\n  luks:\n    device: /dev/vda\n', '1.7.0'), 'butane/boot-device-luks-no-method', 'error', 6);
  expectNo(bd('  layout: s390x-virt\n  luks:\n    device: /dev/vda\n'), 'butane/boot-device-luks-no-method');
  expectAt(bd('  layout: x86_64\n  luks:\n    tang:\n      - url: http://tang\n'), 'butane/tang-thumbprint-required', 'error', 7);
  expectAt(bd('  layout: x86_64\n  mirror:\n    devices: [/dev/vda, vdb]\n'), 'butane/path-not-absolute', 'error', 6);
  expectClean(bd('  layout: x86_64\n  luks:\n    tpm2: true\n  mirror:\n    devices: [/dev/vda, /dev/vdb]\n'));
});

test('grub users need a name and a password hash (fcos 1.5+)', () => {
  expectAt(fcos('grub:\n  users:\n    - name: root\n', '1.5.0'), 'butane/grub-password-required', 'error', 5);
  expectAt(fcos('grub:\n  users:\n    - password_hash: grub.pbkdf2.sha512.x\n'), 'butane/grub-user-name-required', 'error', 5);
  expectClean(fcos('grub:\n  users:\n    - name: root\n      password_hash: grub.pbkdf2.sha512.x\n'));
});

// ---------------------------------------------------------------- variants

const META = 'metadata:\n  name: 99-worker\n  labels:\n    machineconfiguration.openshift.io/role: worker\n';
const os = (version: string, body: string): string => bu('openshift', version, META + body);

test('openshift: metadata, kernel type, CEX kernel argument (4.19+)', () => {
  expectAt(bu('openshift', '4.22.0', 'metadata:\n  labels:\n    machineconfiguration.openshift.io/role: worker\n'), 'butane/openshift-metadata-name', 'error', 4);
  expectAt(bu('openshift', '4.22.0', 'metadata:\n  name: x\n'), 'butane/openshift-role-label', 'error', 4);
  expectAt(os('4.22.0', 'openshift:\n  kernel_type: 64k-pages\n'), 'butane/openshift-kernel-type', 'error', 8);
  const cex = 'boot_device:\n  layout: s390x-eckd\n  luks:\n    device: /dev/dasda\n    cex:\n      enabled: true\n';
  expectAt(os('4.19.0', cex), 'butane/openshift-cex-karg', 'error', 1);
  expectClean(os('4.19.0', `${cex}openshift:\n  kernel_arguments: [rd.luks.key=/etc/luks/cex.key]\n`));
  expectClean(fcos(cex));
});

test('openshift: features MachineConfigs do not support, by version', () => {
  expectAt(os('4.14.0', 'kernel_arguments:\n  should_exist: [quiet]\n'), 'butane/openshift-kernel-arguments', 'error', 8);
  expectAt(os('4.12.0', 'passwd:\n  users:\n    - name: core\n      password_hash: x\n'), 'butane/openshift-user-fields', 'error', 10);
  expectNo(os('4.13.0', 'passwd:\n  users:\n    - name: core\n      password_hash: x\n'), 'butane/openshift-user-fields');
  expectAt(os('4.22.0', 'passwd:\n  users:\n    - name: admin\n'), 'butane/openshift-user-name', 'error', 9);
  expectAt(os('4.22.0', 'passwd:\n  groups:\n    - name: g\n'), 'butane/openshift-groups', 'error', 9);
  expectAt(os('4.22.0', 'storage:\n  directories:\n    - path: /etc/d\n'), 'butane/openshift-directories', 'error', 9);
  expectAt(os('4.22.0', 'storage:\n  files:\n    - path: /etc/f\n      append:\n        - inline: x\n'), 'butane/openshift-append', 'error', 11);
  expectAt(os('4.8.0', 'storage:\n  files:\n    - path: /etc/f\n      contents:\n        inline: x\n        compression: gzip\n'), 'butane/openshift-compression', 'error', 12);
  expectNo(os('4.10.0', 'storage:\n  files:\n    - path: /etc/f\n      contents:\n        inline: x\n        compression: gzip\n'), 'butane/openshift-compression');
  expectAt(os('4.22.0', 'storage:\n  files:\n    - path: /etc/f\n      contents:\n        source: https://e.com/f\n'), 'butane/openshift-file-source', 'error', 11);
  expectAt(os('4.10.0', 'storage:\n  files:\n    - path: /etc/f\n      mode: 04755\n'), 'butane/openshift-special-mode', 'error', 10);
  expectNo(os('4.9.0', 'storage:\n  files:\n    - path: /etc/f\n      mode: 04755\n'), 'butane/openshift-special-mode');
  expectAt(os('4.22.0', 'storage:\n  filesystems:\n    - device: /dev/vdb\n      format: btrfs\n'), 'butane/openshift-btrfs', 'error', 10);
  expectAt(os('4.14.0', 'storage:\n  filesystems:\n    - device: /dev/vdb\n      format: none\n'), 'butane/openshift-format-none', 'error', 10);
  expectAt(os('4.16.0', 'grub:\n  users:\n    - name: root\n      password_hash: grub.pbkdf2.sha512.x\n'), 'butane/openshift-grub', 'error', 9);
});

test('r4e/fiot reject disk-level storage and kernel arguments; flatcar rejects Clevis, then CEX', () => {
  expectAt(bu('r4e', '1.0.0', 'storage:\n  disks:\n    - device: /dev/vdb\n'), 'butane/unsupported-in-variant', 'error', 5);
  expectAt(bu('fiot', '1.0.0', 'kernel_arguments:\n  should_exist: [quiet]\n'), 'butane/unsupported-in-variant', 'error', 4);
  expectNo(bu('r4e', '1.1.0', 'kernel_arguments:\n  should_exist: []\n'), 'butane/unsupported-in-variant');
  const clevis = 'storage:\n  luks:\n    - name: d\n      device: /dev/vdb\n      clevis:\n        tpm2: true\n';
  expectAt(bu('flatcar', '1.1.0', clevis), 'butane/flatcar-clevis', 'error', 8);
  expectNo(bu('flatcar', '1.2.0-experimental', clevis), 'butane/flatcar-clevis');
  expectAt(bu('flatcar', '1.2.0-experimental', 'storage:\n  luks:\n    - name: d\n      device: /dev/vdb\n      cex:\n        enabled: true\n'), 'butane/flatcar-cex', 'error', 8);
});

// ---------------------------------------------------------------- embedded Ignition configs

test('inline merged configs: JSON, version, Ignition validation', () => {
  const merge = (json: string, version = '1.6.0'): string => fcos(`ignition:\n  config:\n    merge:\n      - inline: '${json}'\n`, version);
  expectAt(merge('not json'), 'butane/child-config-json', 'error', 6);
  expectAt(merge('[1]'), 'butane/child-config-format', 'error', 6);
  expectAt(merge('{"ignition": {"version": 3}}'), 'butane/child-config-format', 'error', 6);
  expectAt(merge('{"ignition": {}}'), 'butane/child-config-version', 'error', 6);
  expectAt(merge('{"ignition": {"version": "3.4.0"}}'), 'butane/child-config-version', 'warning', 6);
  expectAt(merge('{"ignition": {"version": "9.0.0"}}'), 'butane/child-config-version', 'warning', 6);
  const inner = expectAt(merge('{"ignition": {"version": "3.5.0"}, "storage": {"files": [{"path": "rel"}]}}'), 'butane/path-not-absolute', 'error', 6);
  assert.match(inner.message, /storage\.files\[0\]\.path/);
  expectAt(merge('{"ignition": {"version": "3.5.0"}, "storage": {"filez": []}}'), 'butane/child-config-unused-key', 'warning', 6);
  expectClean(merge('{"ignition": {"version": "3.5.0"}, "passwd": {"users": [{"name": "x", "sshAuthorizedKeys": ["k"]}]}}'));
  expectClean(merge('{"ignition": {"version": "3.6.0"}, "storage": {"disks": [{"device": "/dev/vdb", "partitions": [{"number": 1, "sizeMiB": 10}]}]}}', '1.7.0'));
});

test('local merged configs are checked too (Butane never does)', () => {
  const files = memoryFs({
    '/cfg/files/bad.ign': { kind: 'file', content: '{"ignition": ' },
    '/cfg/files/future.ign': { kind: 'file', content: '{"ignition": {"version": "9.0.0"}}' },
    '/cfg/files/old.ign': { kind: 'file', content: '{"ignition": {"version": "3.1.0"}}' },
    '/cfg/files/rel.ign': { kind: 'file', content: '{"ignition": {"version": "3.5.0"}, "storage": {"files": [{"path": "x"}]}}' },
  });
  const opts = { filesDir: FILES, fs: files };
  const merge = (p: string): string => fcos(`ignition:\n  config:\n    replace:\n      local: ${p}\n`);
  expectAt(merge('bad.ign'), 'butane/local-config-json', 'error', 6, opts);
  expectAt(merge('future.ign'), 'butane/local-config-version', 'error', 6, opts);
  expectAt(merge('rel.ign'), 'butane/local-config-invalid', 'error', 6, opts);
  expectClean(merge('old.ign'), opts);
});

test('inline CA bundles should contain a PEM certificate', () => {
  expectAt(fcos('ignition:\n  security:\n    tls:\n      certificate_authorities:\n        - inline: not a cert\n'), 'butane/ca-not-pem', 'warning', 7);
  expectNo(fcos('ignition:\n  security:\n    tls:\n      certificate_authorities:\n        - inline: "-----BEGIN CERTIFICATE-----\\nMII\\n-----END CERTIFICATE-----\\n"\n'), 'butane/ca-not-pem');
});

// ---------------------------------------------------------------- robustness

test('odd shapes never throw and generic schema messages give way to specific ones', () => {
  const odd = [
    'storage: 5\n',
    'storage:\n  files: x\n',
    'storage:\n  files: [1, null, {path: 5}, [], {contents: 3}, {contents: {http_headers: [1, {name: 2}]}}]\n',
    'storage:\n  disks: [{partitions: [1, {number: x}]}, {device: 3}]\n  luks: [{clevis: [], cex: 1}]\n  trees: [{local: 4}]\n',
    'systemd:\n  units: [{name: 3, contents: 4, dropins: [5]}]\n',
    'ignition:\n  config:\n    merge: [{inline: 5}, 7]\n    replace: x\n  proxy: []\n',
    'boot_device: {mirror: {devices: [1]}, luks: {tang: [1, {}]}, layout: 3}\n',
    'grub: {users: [1, {}]}\n',
    'passwd: {users: [{name: core, ssh_authorized_keys_local: [1, x]}]}\n',
  ];
  for (const body of odd) {
    for (const variant of ['fcos', 'openshift', 'r4e', 'flatcar']) {
      const version = variant === 'openshift' ? '4.22.0' : variant === 'fcos' ? '1.6.0' : '1.1.0';
      const r = run(bu(variant, version, body), withFiles);
      assert.ok(!r.diagnostics.some((d) => d.code === 'kindling/internal'), `${variant}: ${body}\n${describe(r)}`);
    }
  }
  // one message per problem: the schema's generic pattern error is replaced by ours
  const r = run(fcos('storage:\n  files:\n    - path: etc/x\n'));
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['butane/path-not-absolute'], describe(r));
});
