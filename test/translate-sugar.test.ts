/** Translation of the fcos-family sugar: boot_device, grub.users and (experimental) systemd.quadlets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'zlib';
import { analyze, transpile } from '../engine/index';
import type { FileSystemAccess } from '../engine/host/files';
import { memoryFs } from './butaneCheckHarness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, walked by the assertions
type Json = Record<string, any>;

interface Options {
  filesDir?: string;
  fs?: FileSystemAccess;
  raw?: boolean;
}

/** The Ignition config Butane would print for `variant`/`version` plus `body`. */
function translate(variant: string, version: string, body: string, options: Options = {}): Json {
  const analysis = analyze(`variant: ${variant}\nversion: ${version}\n${body}`, { dialect: 'butane', ...options });
  const result = transpile(analysis, { pretty: true, ...options });
  assert.ok(result.translation, `no output: ${result.blocking.map((d) => `${d.code}: ${d.message}`).join('; ')}`);
  return JSON.parse(result.translation.output) as Json;
}

const fcos = (version: string, body: string, options?: Options): Json => translate('fcos', version, body, options);

/** The bytes a data URL stands for, gunzipped when the resource says gzip. */
function dataUrlText(resource: Json): string {
  const source = String(resource.source);
  const comma = source.indexOf(',');
  const bytes = source.slice(0, comma).endsWith(';base64') ? Buffer.from(source.slice(comma + 1), 'base64') : Buffer.from(decodeURIComponent(source.slice(comma + 1)), 'utf8');
  return (resource.compression === 'gzip' ? zlib.gunzipSync(bytes) : bytes).toString('utf8');
}

const GUID = {
  reserved: '8DA63339-0007-60C0-C436-083AC8230908',
  bios: '21686148-6449-6E6F-744E-656564454649',
  prep: '9E1A2D38-C612-4316-AA26-8B49521E5A8B',
  esp: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B',
};
const rootFs = (device: string): Json => ({ device, format: 'xfs', label: 'root', wipeFilesystem: true });
const bootFs = { device: '/dev/md/md-boot', format: 'ext4', label: 'boot', wipeFilesystem: true };
const espFs = (n: number): Json => ({ device: `/dev/disk/by-partlabel/esp-${n}`, format: 'vfat', label: `esp-${n}`, wipeFilesystem: true });
const raids = (n: number): Json[] => {
  const members = (p: string): string[] => Array.from({ length: n }, (_, i) => `/dev/disk/by-partlabel/${p}-${i + 1}`);
  return [
    { devices: members('boot'), level: 'raid1', name: 'md-boot', options: ['--metadata=1.0'] },
    { devices: members('root'), level: 'raid1', name: 'md-root' },
  ];
};
const tail = (n: number): Json[] => [{ label: `boot-${n}`, sizeMiB: 384 }, { label: `root-${n}` }];
const luksRoot = (device: string, unlock: Json): Json => ({ ...unlock, device, label: 'luks-root', name: 'root', wipeVolume: true });

// ---------------------------------------------------------------- boot_device: mirror per layout

test('boot_device mirror on x86_64 with LUKS (tpm2, discard): BIOS-BOOT + ESP per disk, LUKS on md-root', () => {
  const out = fcos('1.6.0', 'boot_device:\n  layout: x86_64\n  luks:\n    tpm2: true\n    discard: true\n  mirror:\n    devices: [/dev/vda, /dev/vdb]\n');
  const disk = (device: string, n: number): Json => ({
    device,
    wipeTable: true,
    partitions: [
      { label: `bios-${n}`, sizeMiB: 1, typeGuid: GUID.bios },
      { label: `esp-${n}`, sizeMiB: 127, typeGuid: GUID.esp },
      ...tail(n),
    ],
  });
  assert.deepEqual(out.storage, {
    disks: [disk('/dev/vda', 1), disk('/dev/vdb', 2)],
    raid: raids(2),
    luks: [{ ...luksRoot('/dev/md/md-root', { clevis: { tpm2: true } }), discard: true }],
    filesystems: [espFs(1), espFs(2), bootFs, rootFs('/dev/mapper/root')],
  });
});

test('boot_device mirror without LUKS on aarch64 (reserved + ESP) and ppc64le (PReP + reserved, no ESP)', () => {
  const aarch64 = fcos('1.6.0', 'boot_device:\n  layout: aarch64\n  mirror:\n    devices: [/dev/sda, /dev/sdb, /dev/sdc]\n');
  assert.deepEqual(aarch64.storage.disks[2], {
    device: '/dev/sdc',
    wipeTable: true,
    partitions: [{ label: 'reserved-3', sizeMiB: 1, typeGuid: GUID.reserved }, { label: 'esp-3', sizeMiB: 127, typeGuid: GUID.esp }, ...tail(3)],
  });
  assert.deepEqual(aarch64.storage.raid, raids(3));
  assert.equal(aarch64.storage.luks, undefined);
  assert.deepEqual(aarch64.storage.filesystems, [espFs(1), espFs(2), espFs(3), bootFs, rootFs('/dev/md/md-root')]);

  const ppc = fcos('1.5.0', 'boot_device:\n  layout: ppc64le\n  mirror:\n    devices: [/dev/sda, /dev/sdb]\n');
  assert.deepEqual(ppc.storage.disks[0].partitions, [{ label: 'prep-1', sizeMiB: 4, typeGuid: GUID.prep }, { label: 'reserved-1', sizeMiB: 1, typeGuid: GUID.reserved }, ...tail(1)]);
  assert.deepEqual(ppc.storage.filesystems, [bootFs, rootFs('/dev/md/md-root')]);
});

test('boot_device mirror without a layout assumes x86_64 (fcos 1.6 only warns)', () => {
  const out = fcos('1.6.0', 'boot_device:\n  mirror:\n    devices: [/dev/vda, /dev/vdb]\n');
  assert.equal(out.storage.disks[1].partitions[0].label, 'bios-2');
});

// ---------------------------------------------------------------- boot_device: LUKS per layout and method

test('boot_device LUKS with Tang servers and a threshold goes on the root partition label', () => {
  const out = fcos('1.6.0', 'boot_device:\n  luks:\n    threshold: 2\n    tpm2: true\n    tang:\n      - url: https://tang.example.com\n        thumbprint: abc\n');
  assert.deepEqual(out.storage, {
    luks: [luksRoot('/dev/disk/by-partlabel/root', { clevis: { tang: [{ url: 'https://tang.example.com', thumbprint: 'abc' }], threshold: 2, tpm2: true } })],
    filesystems: [rootFs('/dev/mapper/root')],
  });
});

test('boot_device on s390x: eckd and zfcp name the root partition of the given disk, virt uses its label', () => {
  const eckd = fcos('1.6.0', 'boot_device:\n  layout: s390x-eckd\n  luks:\n    device: /dev/dasdb\n    tang:\n      - url: http://tang.local\n        thumbprint: t1\n');
  assert.deepEqual(eckd.storage.luks, [luksRoot('/dev/dasdb2', { clevis: { tang: [{ url: 'http://tang.local', thumbprint: 't1' }] } })]);
  const zfcp = fcos('1.7.0', 'boot_device:\n  layout: s390x-zfcp\n  luks:\n    device: /dev/sdb\n    cex:\n      enabled: true\n');
  assert.deepEqual(zfcp.storage, { luks: [luksRoot('/dev/sdb4', { cex: { enabled: true } })], filesystems: [rootFs('/dev/mapper/root')] });
  const virt = fcos('1.6.0', 'boot_device:\n  layout: s390x-virt\n  luks:\n    tpm2: true\n    discard: false\n');
  assert.deepEqual(virt.storage.luks, [{ ...luksRoot('/dev/disk/by-partlabel/root', { clevis: { tpm2: true } }), discard: false }]);
});

test('boot_device per spec version: nothing before fcos 1.3, no discard before 1.5, no unlocking method generates nothing', () => {
  assert.deepEqual(fcos('1.3.0', 'boot_device:\n  luks:\n    tpm2: true\n').storage.luks, [luksRoot('/dev/disk/by-partlabel/root', { clevis: { tpm2: true } })]);
  // 1.4 has no boot_device.luks.discard: Butane warns the key is unused and drops it.
  assert.equal(fcos('1.4.0', 'boot_device:\n  luks:\n    tpm2: true\n    discard: true\n').storage.luks[0].discard, undefined);
  assert.equal(fcos('1.2.0', 'boot_device:\n  luks:\n    tpm2: true\n').storage, undefined);
  assert.equal(translate('flatcar', '1.1.0', 'boot_device:\n  luks:\n    tpm2: true\n').storage, undefined);
  assert.equal(fcos('1.6.0', 'boot_device:\n  luks:\n    threshold: 1\n    tpm2: false\n').storage, undefined);
});

test('boot_device is the parent of the user config: the user refines generated entries by device and name', () => {
  const out = fcos(
    '1.6.0',
    'boot_device:\n  luks:\n    tpm2: true\nstorage:\n  luks:\n    - name: root\n      device: /dev/vda4\n      wipe_volume: false\n      options: [--cipher, aes-xts-plain64]\n' +
      '  filesystems:\n    - device: /dev/mapper/root\n      format: ext4\n      label: root\n    - device: /dev/vdb\n      format: xfs\n',
  );
  assert.deepEqual(out.storage.luks, [{ ...luksRoot('/dev/vda4', { clevis: { tpm2: true } }), wipeVolume: false, options: ['--cipher', 'aes-xts-plain64'] }]);
  assert.deepEqual(out.storage.filesystems, [{ device: '/dev/mapper/root', format: 'ext4', label: 'root', wipeFilesystem: true }, { device: '/dev/vdb', format: 'xfs' }]);
});

test('openshift carries the boot_device of its fcos base', () => {
  const out = translate('openshift', '4.12.0', 'metadata:\n  name: m\n  labels:\n    machineconfiguration.openshift.io/role: worker\nboot_device:\n  luks:\n    tpm2: true\n', { raw: true });
  assert.deepEqual(out.storage.luks, [luksRoot('/dev/disk/by-partlabel/root', { clevis: { tpm2: true } })]);
});

// ---------------------------------------------------------------- grub.users

const grubUsers = 'grub:\n  users:\n    - name: root\n      password_hash: grub.pbkdf2.sha512.10000.AA.BB\n    - name: ops\n      password_hash: grub.pbkdf2.sha512.10000.CC.DD\n';
const userCfg = '# Generated by Butane\n\nset superusers="root ops"\npassword_pbkdf2 root grub.pbkdf2.sha512.10000.AA.BB\npassword_pbkdf2 ops grub.pbkdf2.sha512.10000.CC.DD\n';

test('grub.users appends a generated user.cfg and mounts /boot', () => {
  const out = fcos('1.6.0', grubUsers);
  assert.equal(out.storage.files.length, 1);
  const file = out.storage.files[0];
  assert.equal(file.path, '/boot/grub2/user.cfg');
  assert.equal(file.contents, undefined);
  assert.equal(file.mode, undefined);
  assert.equal(file.append.length, 1);
  assert.equal(dataUrlText(file.append[0]), userCfg);
  assert.deepEqual(out.storage.filesystems, [{ device: '/dev/disk/by-label/boot', format: 'ext4', path: '/boot' }]);
});

test('grub.users: one user percent-encoded; user entries for the same file append after the generated one', () => {
  const out = fcos(
    '1.7.0',
    'grub:\n  users:\n    - name: a\n      password_hash: h\nstorage:\n  files:\n    - path: /boot/grub2/user.cfg\n      mode: 0600\n      append:\n        - inline: "set timeout=5\\n"\n',
  );
  const file = out.storage.files[0];
  assert.equal(file.mode, 0o600);
  assert.deepEqual(file.append[0], { compression: '', source: 'data:,%23%20Generated%20by%20Butane%0A%0Aset%20superusers%3D%22a%22%0Apassword_pbkdf2%20a%20h%0A' });
  assert.equal(dataUrlText(file.append[1]), 'set timeout=5\n');
});

test('grub.users only exists from fcos 1.5 on', () => {
  assert.equal(fcos('1.4.0', grubUsers).storage, undefined);
});

test('openshift 4.23: the generated user.cfg becomes contents, since MachineConfigs cannot append', () => {
  const out = translate('openshift', '4.23.0-experimental', `metadata:\n  name: m\n  labels:\n    machineconfiguration.openshift.io/role: worker\n${grubUsers}`, { raw: true });
  const file = out.storage.files[0];
  assert.equal(file.append, undefined);
  assert.equal(dataUrlText(file.contents), userCfg);
});

// ---------------------------------------------------------------- systemd.quadlets

const quadletFs = memoryFs({ '/q/files/pod.kube': { kind: 'file', content: '[Kube]\nYaml=/etc/pod.yaml\n' } });

test('quadlets: rootless and rootful paths, contents_local, template instances as links with their drop-ins', () => {
  const out = fcos(
    '1.8.0-experimental',
    'systemd:\n  quadlets:\n' +
      '    - name: db@.container\n      rootful: true\n      contents: "[Container]\\nImage=db\\n"\n' +
      '    - name: db@5432.container\n      rootful: true\n      dropins:\n        - name: port.conf\n          contents: "[Container]\\nPublishPort=5432\\n"\n' +
      '    - name: pod.kube\n      contents_local: pod.kube\n' +
      '    - name: empty.volume\n',
    { filesDir: '/q/files', fs: quadletFs },
  );
  const file = (path: string, text: string): Json => ({ path, contents: { compression: '', source: `data:,${encodeURIComponent(text)}` }, mode: 420 });
  assert.deepEqual(out.storage, {
    files: [
      file('/etc/containers/systemd/db@.container', '[Container]\nImage=db\n'),
      file('/etc/containers/systemd/db@5432.container.d/port.conf', '[Container]\nPublishPort=5432\n'),
      file('/etc/containers/systemd/users/pod.kube', '[Kube]\nYaml=/etc/pod.yaml\n'),
      { path: '/etc/containers/systemd/users/empty.volume', contents: { compression: '', source: 'data:,' }, mode: 420 },
    ],
    links: [{ path: '/etc/containers/systemd/db@5432.container', target: 'db@.container' }],
  });
});

test('quadlets come after the user storage and exist only in the experimental specs', () => {
  const body = 'storage:\n  files:\n    - path: /etc/a\n      contents:\n        inline: a\nsystemd:\n  quadlets:\n    - name: x.network\n      contents: "[Network]\\n"\n';
  const flatcar = translate('flatcar', '1.2.0-experimental', body);
  assert.deepEqual(flatcar.storage.files.map((f: Json) => f.path), ['/etc/a', '/etc/containers/systemd/users/x.network']);
  // Stable specs have no quadlets key: Butane warns it is unused and drops it.
  assert.deepEqual(fcos('1.7.0', body).storage.files.map((f: Json) => f.path), ['/etc/a']);
});
