/** k3OS rules about files, keys and how k3OS reads values; their docs pages. (k3s settings: k3os-rules-k3s.test.ts.) */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { K3OS_RULES } from '../engine/k3os/checks/index';
import { analyze } from '../engine/index';
import { ROOT } from './helpers';
import { first, fixes, none } from './k3osRuleHarness';

const DOCS = path.join(ROOT, 'docs', 'rules');
const DECODER_CODES = ['k3os/unknown-key', 'k3os/duplicate-spelling'];

test('every k3OS rule has a docs page, and every k3OS docs page belongs to a rule', () => {
  const pages = fs.readdirSync(DOCS).filter((f) => f.startsWith('k3os-') && f.endsWith('.md'));
  const ids = [...K3OS_RULES.map((r) => r.id), ...DECODER_CODES];
  for (const id of ids) {
    const page = `${id.replace('/', '-')}.md`;
    assert.ok(pages.includes(page), `docs/rules/${page} is missing`);
    const title = fs.readFileSync(path.join(DOCS, page), 'utf8').split('\n')[0];
    assert.ok(title.startsWith(`# ${id} (`), `${page} starts with "# ${id} (severity)"`);
  }
  for (const page of pages) assert.ok(ids.some((id) => `${id.replace('/', '-')}.md` === page), `${page} belongs to no rule`);
  assert.equal(new Set(K3OS_RULES.map((r) => r.id)).size, K3OS_RULES.length, 'rule ids are unique');
});

test('the README typo k3os.install.efi is an unknown key, renamed to force_efi', () => {
  const text = 'k3os:\n  install:\n    efi: true\n';
  const d = first(text, 'k3os/unknown-key', { severity: 'warning', covers: 'efi', message: /`efi`.*`force_efi`/ });
  fixes(text, d, 'k3os:\n  install:\n    force_efi: true\n');
  assert.deepEqual(analyze('k3os:\n  install:\n    force_efi: true\n', { dialect: 'k3os' }).k3os?.config, { k3os: { install: { force_efi: true } } });
});

test('k3os/duplicate-spelling: the alias wins over the JSON name', () => {
  first('k3os:\n  sysctls:\n    a: "1"\n  sysctl:\n    b: "2"\n', 'k3os/duplicate-spelling', { severity: 'warning', covers: 'sysctls', message: /`sysctl`.*Keep one spelling/ });
  none('k3os:\n  sysctl:\n    b: "2"\n', 'k3os/duplicate-spelling');
});

test('k3os/unreadable-config: a value of the wrong type', () => {
  const text = 'k3os:\n  k3s_args: [server, --https-listen-port, 6443]\n';
  const d = first(text, 'k3os/unreadable-config', { severity: 'error', covers: '6443', message: /`k3s_args` must be text.*applies nothing/ });
  fixes(text, d, "k3os:\n  k3s_args: [server, --https-listen-port, '6443']\n");
  first('hostname:\n  name: x\n', 'k3os/unreadable-config', { severity: 'error', covers: 'name: x\n', message: /`hostname` must be text, not a mapping/ });
  none('hostname: x\n', 'k3os/unreadable-config');
});

test('k3os/unquoted-permissions: a mode written as a number', () => {
  const text = 'write_files:\n- path: /opt/x\n  permissions: 0755\n';
  const d = first(text, 'k3os/unquoted-permissions', { severity: 'error', covers: '0755', message: /`permissions: 0755`.*Quote it/ });
  fixes(text, d, "write_files:\n- path: /opt/x\n  permissions: '0755'\n");
  none("write_files:\n- path: /opt/x\n  permissions: '755'\n", 'k3os/unquoted-permissions');
});

test('k3os/unquoted-map-value: numbers and booleans k3OS rewrites', () => {
  const text = 'k3os:\n  sysctls:\n    fs.inotify.max_user_watches: 1048576\n';
  const d = first(text, 'k3os/unquoted-map-value', { severity: 'error', covers: '1048576', message: /"1\.048576e\+06".*kernel rejects/ });
  fixes(text, d, "k3os:\n  sysctls:\n    fs.inotify.max_user_watches: '1048576'\n");
  first('k3os:\n  labels:\n    on: yes\n', 'k3os/unquoted-map-value', { severity: 'warning', covers: 'yes', message: /"true"/ });
  none('k3os:\n  sysctls:\n    net.ipv4.ip_forward: 1\n  labels: {a: "yes"}\n', 'k3os/unquoted-map-value');
});

test('k3os/phase-invalid-key: boot_cmd in userdata', () => {
  const text = 'boot_cmd:\n- echo hi\n';
  const d = first(text, 'k3os/phase-invalid-key', { severity: 'warning', covers: 'boot_cmd', message: /`boot_cmd` is never applied from cloud userdata/, source: 'userdata' });
  fixes(text, d, 'run_cmd:\n- echo hi\n', 'userdata');
  none(text, 'k3os/phase-invalid-key', 'system');
});

test('k3os/install-outside-install-mode: install settings on an installed system', () => {
  const text = 'k3os:\n  install:\n    device: /dev/sda\n';
  first(text, 'k3os/install-outside-install-mode', { severity: 'information', covers: 'install', message: /`k3os.install` only takes effect while k3OS installs itself/, source: 'local' });
  first(text, 'k3os/install-outside-install-mode', { severity: 'information', covers: 'install', message: /does nothing/, source: 'config.d' });
  none(text, 'k3os/install-outside-install-mode', 'system');
  none(text, 'k3os/install-outside-install-mode', 'userdata');
  none('k3os:\n  hostname: x\n', 'k3os/install-outside-install-mode', 'local');
});

test('k3os/text-boolean: quoted text in a boolean field', () => {
  const text = 'k3os:\n  install:\n    silent: "yes"\n';
  const d = first(text, 'k3os/text-boolean', { severity: 'warning', covers: '"yes"', message: /`silent` is the text "yes".*other than "true" as false/ });
  fixes(text, d, 'k3os:\n  install:\n    silent: true\n');
  const no = first("k3os:\n  install:\n    power_off: 'No'\n", 'k3os/text-boolean', { severity: 'information', covers: "'No'", message: /`power_off`/ });
  fixes("k3os:\n  install:\n    power_off: 'No'\n", no, 'k3os:\n  install:\n    power_off: false\n');
  const unclear = first('k3os:\n  install:\n    debug: "maybe"\n', 'k3os/text-boolean', { severity: 'warning', covers: '"maybe"', message: /`debug`/ });
  assert.equal(unclear.fixes, undefined, 'no guess for unclear text');
  assert.equal(first('k3os:\n  install:\n    debug: "constructor"\n', 'k3os/text-boolean', { severity: 'warning', covers: '"constructor"', message: /`debug`/ }).fixes, undefined);
  none('k3os:\n  install:\n    silent: yes\n    debug: "true"\n    power_off: "false"\n', 'k3os/text-boolean');
});

test('k3os/unknown-encoding: unknown encodings and content that does not decode', () => {
  const unknown = 'write_files:\n- path: /etc/motd\n  encoding: base-64\n  content: aGk=\n';
  const d = first(unknown, 'k3os/unknown-encoding', { severity: 'error', covers: 'base-64', message: /`base-64` and skips the file `\/etc\/motd`.*`base64`/ });
  fixes(unknown, d, 'write_files:\n- path: /etc/motd\n  encoding: base64\n  content: aGk=\n');
  first('write_files:\n- path: /x\n  encoding: b64\n  content: "not base64!"\n', 'k3os/unknown-encoding', { severity: 'error', covers: '"not base64!"', message: /not valid base64/ });
  first('write_files:\n- path: /x\n  encoding: b64\n  content: aGk\n', 'k3os/unknown-encoding', { severity: 'error', covers: 'aGk', message: /not valid base64/ });
  const gz = gzipSync('hello\n').toString('base64');
  const raw = `write_files:\n- path: /x\n  encoding: gz\n  content: ${gz}\n`;
  const rawGz = first(raw, 'k3os/unknown-encoding', { severity: 'error', covers: 'gz', message: /raw gzip bytes.*`gz\+base64`/ });
  fixes(raw, rawGz, raw.replace('encoding: gz', 'encoding: gz+base64'));
  const notGz = 'write_files:\n- path: /x\n  encoding: gz+b64\n  content: aGVsbG8=\n';
  const plain = first(notGz, 'k3os/unknown-encoding', { severity: 'error', covers: 'aGVsbG8=', message: /not gzip data.*use `b64`/ });
  fixes(notGz, plain, notGz.replace('gz+b64', 'b64'));
  // Line breaks inside base64 are fine (Go skips them); so are no encoding and a known one.
  const wrapped = gz.replace(/(.{16})/g, '$1\n    ');
  none(`write_files:\n- path: /x\n  encoding: gzip+base64\n  content: |\n    ${wrapped}\n- path: /y\n  content: plain\n- path: /z\n  encoding: ""\n`, 'k3os/unknown-encoding');
});

test('k3os/relative-path: relative write_files paths are taken from /', () => {
  const relative = 'write_files:\n- path: etc/motd\n';
  const r = first(relative, 'k3os/relative-path', { severity: 'warning', covers: 'etc/motd', message: /relative.*`\/etc\/motd`/ });
  fixes(relative, r, 'write_files:\n- path: /etc/motd\n');
  none('write_files:\n- path: /usr/local/bin/x\n- path: /var/lib/x\n- path: /usr/bin/y\n', 'k3os/relative-path');
});

test('paths/read-only-usr runs on k3OS: /usr is read-only there, /usr/local is not', () => {
  const text = 'write_files:\n- path: /usr/bin/hello\n  content: hi\n';
  const d = first(text, 'paths/read-only-usr', { severity: 'error', covers: '/usr/bin/hello', message: /`\/usr\/bin\/hello` is on \/usr.*read-only on k3OS.*k3OS cannot write there/ });
  fixes(text, d, 'write_files:\n- path: /usr/local/bin/hello\n  content: hi\n');
  first('write_files:\n- path: "/usr/local/../share/x"\n', 'paths/read-only-usr', { severity: 'error', covers: '"/usr/local/../share/x"', message: /`\/usr\/share\/x`/ });
  none('write_files:\n- path: /usr/local/bin/x\n- path: /var/lib/x\n- path: /opt/usr/x\n- path: /usrx/y\n', 'paths/read-only-usr');
});

test('k3os/ssh-key-needs-network: keys k3OS downloads', () => {
  const text = 'ssh_authorized_keys:\n- ssh-ed25519 AAAAC3Nza me@host\n- github:octocat\n';
  first(text, 'k3os/ssh-key-needs-network', { severity: 'information', covers: 'github:octocat', message: /downloads this `ssh_authorized_keys` entry.*runtime phase/ });
  first('ssh_authorized_keys: https://example.com/keys\n', 'k3os/ssh-key-needs-network', { severity: 'information', covers: 'https://example.com/keys', message: /boot phase skips it/ });
  none(text, 'k3os/ssh-key-needs-network', 'userdata');
  none('ssh_authorized_keys:\n- ssh-rsa AAAAB3Nza github:not-a-scheme\n', 'k3os/ssh-key-needs-network');
});

test('k3os/clear-text-password: never repeats the password', () => {
  const d = first('k3os:\n  password: hunter2\n', 'k3os/clear-text-password', { severity: 'warning', covers: 'hunter2', message: /`k3os.password` is in clear text.*openssl passwd -6/ });
  assert.ok(!d.message.includes('hunter2'));
  none("k3os:\n  password: '$6$salt$hash'\n", 'k3os/clear-text-password');
  none('k3os:\n  password: ""\n', 'k3os/clear-text-password');
});

test('k3os/unknown-data-source: providers the metadata tool does not know', () => {
  const text = 'k3os:\n  data_sources:\n  - aws\n  - digitalocaen\n';
  const d = first(text, 'k3os/unknown-data-source', { severity: 'error', covers: 'digitalocaen', message: /`digitalocaen`.*Did you mean `digitalocean`/ });
  fixes(text, d, 'k3os:\n  data_sources:\n  - aws\n  - digitalocean\n');
  const nothing = first('k3os:\n  data_source: [cdrom, my-cloud]\n', 'k3os/unknown-data-source', { severity: 'error', covers: 'my-cloud', message: /`my-cloud`/ });
  assert.equal(nothing.fixes, undefined);
  none('k3os:\n  data_sources: [openstack, cdrom, "aws gcp"]\n', 'k3os/unknown-data-source');
});
