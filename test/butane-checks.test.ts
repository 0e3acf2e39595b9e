/**
 * Unit tests for engine/butane/checks: each rule fires where Butane reports it (code,
 * severity, line), in the spec versions where it applies, and stays quiet otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFs, run, bu, fcos, FILES, withFiles, expectAt, expectNo, expectClean, applyFix, describe } from './butaneCheckHarness';
// ---------------------------------------------------------------- paths and nodes

test('relative and unclean node paths are errors on the value, with fixes', () => {
  const text = fcos(`
storage:
  files:
    - path: etc/motd
  directories:
    - path: /var/lib//data/
`);
  const rel = expectAt(text, 'butane/path-not-absolute', 'error', 5);
  assert.match(applyFix(text, rel), /- path: \/etc\/motd\n/);
  const dirty = expectAt(text, 'butane/path-not-clean', 'error', 7);
  assert.match(applyFix(text, dirty), /- path: \/var\/lib\/data\n/);
  expectClean(fcos('storage:\n  files:\n    - path: /etc/motd\n'));
});

test('device paths of disks, filesystems, RAID members and LUKS volumes must be absolute', () => {
  expectAt(fcos('storage:\n  filesystems:\n    - device: vdb\n      format: ext4\n'), 'butane/path-not-absolute', 'error', 5);
  expectAt(fcos('storage:\n  raid:\n    - name: r\n      level: raid1\n      devices: [/dev/vda, vdb]\n'), 'butane/path-not-absolute', 'error', 7);
  expectAt(fcos('storage:\n  luks:\n    - name: data\n      key_file:\n        inline: x\n'), 'butane/device-required', 'error', 5);
});

test('paths through a configured link, missing link targets, hard links to directories', () => {
  expectAt(fcos('storage:\n  links:\n    - path: /etc/l\n      target: /opt\n  files:\n    - path: /etc/l/x\n'), 'butane/path-through-link', 'error', 8);
  expectAt(fcos('storage:\n  links:\n    - path: /etc/l\n      hard: true\n'), 'butane/link-target-required', 'error', 5);
  // Ignition 3.2 (fcos 1.3) had no such check
  expectNo(fcos('storage:\n  links:\n    - path: /etc/l\n', '1.3.0'), 'butane/link-target-required');
  expectAt(fcos('storage:\n  directories:\n    - path: /srv/d\n  links:\n    - path: /srv/h\n      target: /srv/d\n      hard: true\n'), 'butane/hard-link-to-directory', 'error', 7);
  expectAt(fcos('storage:\n  links:\n    - path: /srv/h\n      target: /srv/f\n      hard: true\n      user:\n        name: core\n'), 'butane/hard-link-owner', 'warning', 9);
  expectNo(fcos('storage:\n  links:\n    - path: /srv/h\n      target: /srv/f\n      user:\n        name: core\n'), 'butane/hard-link-owner');
});

test('owner with both id and name, overwrite without contents', () => {
  expectAt(fcos('storage:\n  files:\n    - path: /etc/a\n      user:\n        id: 1000\n        name: core\n'), 'butane/owner-id-and-name', 'error', 7);
  expectAt(fcos('storage:\n  files:\n    - path: /etc/a\n      overwrite: true\n'), 'butane/overwrite-without-contents', 'error', 6);
  expectNo(fcos('storage:\n  files:\n    - path: /etc/a\n      overwrite: true\n      contents:\n        inline: hi\n'), 'butane/overwrite-without-contents');
});

// ---------------------------------------------------------------- resources

test('inline, local and source are alternatives; Butane reports on the last of local, inline, source', () => {
  const both = fcos('storage:\n  files:\n    - path: /etc/a\n      contents:\n        source: https://example.com/a\n        inline: a\n');
  expectAt(both, 'butane/too-many-sources', 'error', 7);
  // fcos 1.0 only knows inline and source on file contents
  expectAt(fcos('storage:\n  files:\n    - path: /etc/a\n      contents:\n        inline: a\n        source: https://example.com/a\n', '1.0.0'), 'butane/too-many-sources', 'error', 8);
});

test('source URLs: schemes by spec version, data URLs, S3 version ids, ARNs', () => {
  const file = (url: string, version = '1.6.0'): string => fcos(`storage:\n  files:\n    - path: /etc/a\n      contents:\n        source: ${JSON.stringify(url)}\n`, version);
  expectAt(file('ftp://example.com/a'), 'butane/url-scheme', 'error', 7);
  expectAt(file('not a url'), 'butane/url-scheme', 'error', 7);
  expectAt(file('gs://bucket/a', '1.1.0'), 'butane/url-scheme', 'error', 7);
  expectNo(file('gs://bucket/a', '1.2.0'), 'butane/url-scheme');
  expectAt(file('arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/key', '1.4.0'), 'butane/url-scheme', 'error', 7);
  expectNo(file('arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/key', '1.5.0'), 'butane/url-scheme');
  expectAt(file('arn:aws:iam::123456789012:user/x'), 'butane/url-invalid', 'error', 7);
  expectAt(file('data:;base64,!!!'), 'butane/url-invalid', 'error', 7);
  expectAt(file('data:,a b'), 'butane/url-invalid', 'error', 7);
  expectAt(file('data:,%zz'), 'butane/url-invalid', 'error', 7);
  expectNo(file('data:text/plain;charset=utf-8;base64,aGk='), 'butane/url-invalid');
  expectAt(file('s3://bucket/key?versionId='), 'butane/url-invalid', 'error', 7);
  expectAt(file('https://exa mple.com/a'), 'butane/url-invalid', 'error', 7);
  expectClean(file('https://example.com/a?x=1#frag'));
});

test('compression and verification hashes', () => {
  const res = (extra: string, version = '1.6.0'): string => fcos(`storage:\n  files:\n    - path: /etc/a\n      contents:\n        source: https://example.com/a\n${extra}`, version);
  expectAt(res('        compression: bzip2\n'), 'butane/compression-invalid', 'error', 8);
  expectAt(res('        verification:\n          hash: md5-abc\n'), 'butane/hash-function', 'error', 9);
  expectAt(res('        verification:\n          hash: sha512-abc\n'), 'butane/hash-size', 'error', 9);
  expectAt(res('        verification:\n          hash: sha512\n'), 'butane/hash-malformed', 'error', 9);
  expectAt(res(`        verification:\n          hash: sha256-${'a'.repeat(64)}\n`, '1.0.0'), 'butane/hash-function', 'error', 9);
  expectClean(res(`        verification:\n          hash: sha256-${'a'.repeat(64)}\n`));
  expectAt(fcos(`storage:\n  files:\n    - path: /etc/a\n      contents:\n        verification:\n          hash: sha512-${'a'.repeat(128)}\n`), 'butane/hash-without-source', 'error', 8);
});

test('HTTP headers need an http(s) source; names and values may not be empty', () => {
  const res = (source: string, headers: string): string => fcos(`storage:\n  files:\n    - path: /etc/a\n      contents:\n        ${source}\n        http_headers:\n${headers}`);
  expectAt(res('inline: x', '          - name: A\n            value: b\n'), 'butane/http-headers-scheme', 'error', 9);
  expectAt(res('source: s3://b/k', '          - name: A\n            value: b\n'), 'butane/http-headers-scheme', 'error', 9);
  expectAt(res('source: https://e.com/a', '          - name: ""\n            value: b\n'), 'butane/http-header-name-empty', 'error', 9);
  expectAt(res('source: https://e.com/a', '          - name: A\n            value: ""\n'), 'butane/http-header-value-empty', 'error', 10);
  expectClean(res('source: https://e.com/a', '          - name: A\n            value: b\n          - name: B\n'));
});

test('merged configs and CA bundles need a source from fcos 1.1; bad key-file sources', () => {
  expectAt(fcos('ignition:\n  config:\n    merge:\n      - verification: {}\n'), 'butane/source-required', 'error', 6);
  const key = expectAt(fcos('storage:\n  luks:\n    - name: d\n      device: /dev/vdb\n      key_file:\n        source: ftp://x/key\n'), 'butane/url-scheme', 'error', 8);
  assert.match(key.message, /ftp/);
  expectAt(fcos('storage:\n  luks:\n    - name: d\n      device: /dev/vdb\n      key_file:\n        source: ftp://x/key\n'), 'butane/luks-key-file-invalid', 'error', 5);
});

test('proxies must be http(s); plain http for HTTPS traffic is a warning', () => {
  expectAt(fcos('ignition:\n  proxy:\n    http_proxy: socks5://p:1080\n'), 'butane/proxy-url', 'error', 5);
  expectAt(fcos('ignition:\n  proxy:\n    https_proxy: http://p:3128\n'), 'butane/proxy-insecure', 'warning', 5);
  expectClean(fcos('ignition:\n  proxy:\n    http_proxy: http://p:3128\n    https_proxy: https://p:3128\n'));
});

// ---------------------------------------------------------------- modes

test('modes: range, special bits before spec 3.6, decimal modes with an octal fix', () => {
  expectAt(fcos('storage:\n  files:\n    - path: /etc/a\n      mode: 0o17777\n'), 'butane/mode-out-of-range', 'error', 6);
  expectAt(fcos('storage:\n  files:\n    - path: /usr/local/bin/x\n      mode: 04755\n'), 'butane/mode-special-bits', 'warning', 6);
  expectAt(fcos('storage:\n  directories:\n    - path: /srv/tmp\n      mode: 01777\n'), 'butane/mode-special-bits', 'warning', 6);
  expectNo(fcos('storage:\n  files:\n    - path: /usr/local/bin/x\n      mode: 04755\n', '1.7.0'), 'butane/mode-special-bits');
  const text = fcos('storage:\n  files:\n    - path: /etc/a\n      mode: 644\n  directories:\n    - path: /srv/d\n      mode: 755\n');
  const d = expectAt(text, 'butane/decimal-mode', 'warning', 6);
  assert.match(applyFix(text, d), /mode: 0644\n/);
  expectAt(text, 'butane/decimal-mode', 'warning', 9);
  expectNo(fcos('storage:\n  files:\n    - path: /etc/a\n      mode: 0644\n    - path: /etc/b\n      mode: 420\n'), 'butane/decimal-mode');
  // also in the oldest spec
  expectAt(fcos('storage:\n  files:\n    - path: /etc/a\n      mode: 600\n', '1.0.0'), 'butane/decimal-mode', 'warning', 6);
});

// ---------------------------------------------------------------- duplicates

test('duplicate entries are reported on the later entry', () => {
  expectAt(fcos('storage:\n  files:\n    - path: /etc/a\n  links:\n    - path: /etc/a\n      target: /x\n'), 'butane/duplicate-entry', 'error', 7);
  // directories come first in Ignition's node order, so the file is the duplicate
  expectAt(fcos('storage:\n  files:\n    - path: /etc/a\n  directories:\n    - path: /etc/a\n'), 'butane/duplicate-entry', 'error', 5);
  expectAt(fcos('systemd:\n  units:\n    - name: a.service\n    - name: a.service\n'), 'butane/duplicate-entry', 'error', 6);
  expectAt(fcos('kernel_arguments:\n  should_exist: [quiet]\n  should_not_exist: [quiet]\n'), 'butane/duplicate-entry', 'error', 5);
  expectAt(fcos('storage:\n  disks:\n    - device: /dev/vdb\n      wipe_table: true\n      partitions:\n        - number: 1\n        - number: 1\n'), 'butane/duplicate-entry', 'error', 9);
  expectNo(fcos('storage:\n  files:\n    - path: /etc/a\n    - path: /etc/b\n'), 'butane/duplicate-entry');
});

// ---------------------------------------------------------------- local files

const local = (p: string): string => fcos(`storage:\n  files:\n    - path: /etc/a\n      contents:\n        local: ${p}\n`);

test('local files: files-dir required, inside it, existing, regular', () => {
  const none = expectAt(local('motd'), 'butane/local-no-files-dir', 'error', 7);
  assert.match(none.message, /--files-dir/);
  assert.match(none.message, /kindling\.filesDir/);
  expectAt(local('../secret'), 'butane/local-escapes-files-dir', 'error', 7, withFiles);
  expectAt(local('nope.txt'), 'butane/local-missing', 'error', 7, withFiles);
  expectAt(local('subdir'), 'butane/local-not-file', 'error', 7, withFiles);
  expectClean(local('motd'), withFiles);
  expectClean(local('in-link'), withFiles);
});

test('local files: a symlink out of the files directory is refused (stricter than Butane)', () => {
  const d = expectAt(local('out-link'), 'butane/local-symlink-escape', 'error', 7, withFiles);
  assert.match(d.message, /symbolic link/);
});

test('contents_local and ssh_authorized_keys_local read from the files directory', () => {
  expectAt(fcos('systemd:\n  units:\n    - name: a.service\n      contents_local: unit.service\n'), 'butane/local-no-files-dir', 'error', 6);
  expectAt(fcos('systemd:\n  units:\n    - name: a.service\n      contents_local: missing.service\n'), 'butane/local-missing', 'error', 6, withFiles);
  expectClean(fcos('systemd:\n  units:\n    - name: a.service\n      contents_local: unit.service\n'), withFiles);
  expectAt(fcos('passwd:\n  users:\n    - name: core\n      ssh_authorized_keys_local:\n        - keys.pub\n'), 'butane/local-no-files-dir', 'error', 7);
  expectAt(fcos('passwd:\n  users:\n    - name: core\n      ssh_authorized_keys_local:\n        - keys.pub\n        - gone.pub\n'), 'butane/local-missing', 'error', 8, withFiles);
  expectAt(fcos('passwd:\n  users:\n    - name: core\n      ssh_authorized_keys: [ssh-ed25519 AAAA one]\n      ssh_authorized_keys_local:\n        - keys.pub\n'), 'butane/duplicate-entry', 'error', 8, withFiles);
  // unit contents from a local file are parsed too
  const broken = memoryFs({ '/cfg/files/bad.service': { kind: 'file', content: '[Service\n' } });
  expectAt(fcos('systemd:\n  units:\n    - name: a.service\n      contents_local: bad.service\n'), 'butane/unit-contents-invalid', 'error', 6, { filesDir: FILES, fs: broken });
});

test('trees: local required, files-dir, root directory, special files, clashes', () => {
  expectAt(fcos('storage:\n  trees:\n    - path: /etc\n'), 'butane/tree-local-required', 'error', 5, withFiles);
  expectAt(fcos('storage:\n  trees:\n    - local: root\n'), 'butane/local-no-files-dir', 'error', 5);
  expectAt(fcos('storage:\n  trees:\n    - local: motd\n'), 'butane/tree-not-directory', 'error', 5, withFiles);
  expectAt(fcos('storage:\n  trees:\n    - local: special\n'), 'butane/tree-special-file', 'error', 5, withFiles);
  expectAt(fcos('storage:\n  trees:\n    - local: ../..\n'), 'butane/local-escapes-files-dir', 'error', 5, withFiles);
  expectClean(fcos('storage:\n  trees:\n    - local: root\n'), withFiles);
  // an explicit file without contents may set the mode of a tree file
  expectClean(fcos('storage:\n  trees:\n    - local: root\n  files:\n    - path: /etc/app.conf\n      mode: 0600\n'), withFiles);
  const clash = fcos('storage:\n  trees:\n    - local: root\n  files:\n    - path: /etc/app.conf\n      contents:\n        inline: other\n  directories:\n    - path: /etc/link\n');
  const r = run(clash, withFiles);
  assert.equal(r.diagnostics.filter((d) => d.code === 'butane/tree-conflict' && r.line(d) === 5).length, 2, describe(r));
});


test('a quadlet whose file the config already creates is refused; boot_device supplies the root LUKS device', () => {
  const quadlets = (storage: string): string =>
    `variant: fcos\nversion: 1.8.0-experimental\n${storage}systemd:\n  quadlets:\n    - name: web.container\n      rootful: true\n      dropins:\n        - name: env.conf\n    - name: web.container\n      rootful: false\n`;
  expectAt(quadlets('storage:\n  files:\n    - path: /etc/containers/systemd/web.container\n'), 'butane/quadlet-path-taken', 'error', 8);
  expectAt(quadlets('storage:\n  links:\n    - path: /etc/containers/systemd/web.container.d/env.conf\n      target: /x\n'), 'butane/quadlet-path-taken', 'error', 12);
  expectNo(quadlets(''), 'butane/quadlet-path-taken');
  const rootLuks = fcos('boot_device:\n  luks:\n    tpm2: true\nstorage:\n  luks:\n    - name: root\n      options: [--cipher, aes-cbc-essiv:sha256]\n');
  expectNo(rootLuks, 'butane/device-required');
  expectAt(rootLuks.replace('tpm2: true', 'tpm2: false'), 'butane/device-required', 'error', 8);
});

test('OpenShift extensions and kernel arguments are listed once', () => {
  const text = bu('openshift', '4.16.0', 'metadata:\n  name: x\n  labels:\n    machineconfiguration.openshift.io/role: worker\nopenshift:\n  extensions: [usbguard, usbguard]\n  kernel_arguments:\n    - nosmt\n    - mitigations=auto\n    - nosmt\n');
  expectAt(text, 'butane/duplicate-entry', 'error', 8);
  expectAt(text, 'butane/duplicate-entry', 'error', 12);
  expectNo(text.replace('usbguard, usbguard', 'usbguard').replace('    - nosmt\n', ''), 'butane/duplicate-entry');
});
