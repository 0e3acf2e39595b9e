/** k3OS config.yaml: recognition, reading it as k3OS does, config sources and phases, editor features, CLI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, Analysis, ConfigSource, detectDialect, resolveConfigSource } from '../engine/index';
import { complete, hover } from '../engine/service/index';
import { acceptedSpellings, snakeCase } from '../engine/k3os/spellings';
import { goFloatText, mapperString } from '../engine/k3os/goValues';
import { k3osSchema } from '../engine/k3os/schema';
import { runCli } from './helpers';

function k3os(text: string, source: ConfigSource = 'system'): Analysis {
  return analyze(text, { dialect: 'k3os', k3osSource: source });
}

function codes(a: Analysis): string[] {
  return a.diagnostics.map((d) => d.code);
}

function underlined(text: string, a: Analysis, code: string): string[] {
  return a.diagnostics.filter((d) => d.code === code).map((d) => text.slice(d.range.start, d.range.end));
}

test('k3OS configs are recognised by a top-level k3os key, k3OS keys in k3os/ or config.d/ folders, modeline and association', () => {
  assert.equal(detectDialect('/w/config.yaml', 'hostname: a\nk3os:\n  token: x\n'), 'k3os');
  assert.equal(detectDialect('/w/k3os/node1.yaml', 'ssh_authorized_keys:\n- github:me\n'), 'k3os');
  assert.equal(detectDialect('/var/lib/rancher/k3os/config.d/10-net.yaml', 'run_cmd:\n- echo\n'), 'k3os');
  assert.equal(detectDialect('/w/userdata', '#cloud-config\n# kindling: k3os\nhostname: a\n'), 'k3os');
  assert.equal(detectDialect('/w/cloud/a.yaml', 'hostname: a\n', { associations: { '**/cloud/*.yaml': 'k3os' } }), 'k3os');
  // Not k3OS: the same keys elsewhere, Kubernetes objects, CLC and Butane.
  assert.equal(detectDialect('/w/config.yaml', 'hostname: a\nrun_cmd: [x]\n'), undefined);
  assert.equal(detectDialect('/w/k3os/deploy.yaml', 'apiVersion: v1\nkind: ConfigMap\nk3os: x\n'), undefined);
  assert.equal(detectDialect('/w/k3os/node.yaml', 'storage:\n  files: []\n'), 'clc');
  assert.equal(detectDialect('/w/k3os/node.bu', 'variant: fcos\nversion: 1.5.0\n'), 'butane');
});

test('accepted spellings follow k3OS renamer: lower-case, snake_case, and without a trailing s or es', () => {
  assert.equal(snakeCase('sshAuthorizedKeys'), 'ssh_authorized_keys');
  assert.equal(snakeCase('isoURL'), 'iso_u_r_l');
  assert.equal(snakeCase('SSHKeys'), 'sshkeys');
  assert.deepEqual(acceptedSpellings('runCmd').sort(), ['runCmd', 'run_cmd', 'runcmd'].sort());
  assert.ok(acceptedSpellings('dataSources').includes('datasource'));
  assert.ok(acceptedSpellings('dataSources').includes('data_source'));
  assert.ok(acceptedSpellings('sysctls').includes('sysctl'));
  // Every spelling is valid and means its field; a near miss is not.
  const text = 'sshAuthorizedKeys: [a]\nwrite_file:\n- path: /etc/a\nruncmd: [x]\nk3os:\n  datasource: [aws]\n  sysctl:\n    a: "1"\n  k3s_arg: [server]\n  dnsnameserver: [1.1.1.1]\n  install:\n    forceefi: true\n    isoUrl: http://x\n';
  const a = k3os(text);
  assert.deepEqual(codes(a), []);
  assert.deepEqual(Object.keys(a.k3os!.config).sort(), ['k3os', 'run_cmd', 'ssh_authorized_keys', 'write_files']);
  assert.deepEqual(a.k3os!.config.k3os, { data_sources: ['aws'], sysctls: { a: '1' }, k3s_args: ['server'], dns_nameservers: ['1.1.1.1'], install: { force_efi: true, iso_url: 'http://x' } });
  const typo = k3os('k3os:\n  sysctll:\n    a: "1"\n');
  assert.deepEqual(underlined('k3os:\n  sysctll:\n    a: "1"\n', typo, 'k3os/unknown-key'), ['sysctll']);
  assert.equal(typo.diagnostics[0].fixes?.[0].edits[0].newText, 'sysctls');
  // The renamer adds lower-case and snake_case forms of the shortened name, not a camelCase one.
  assert.deepEqual(codes(k3os('k3os:\n  k3sArg: [server]\n')), ['k3os/unknown-key']);
});

test('unknown keys: k3OS ignores them silently, so they are warnings with the likely meaning', () => {
  const text = 'server_url: https://a:6443\nk3os:\n  hostname: a\n  install:\n    efi: true\n    takeover: true\n';
  const a = k3os(text);
  const messages = a.diagnostics.filter((d) => d.code === 'k3os/unknown-key').map((d) => d.message);
  assert.equal(messages.length, 4);
  assert.match(messages[0], /`server_url` belongs under `k3os:`/);
  assert.match(messages[1], /`hostname` is a top-level key/);
  assert.match(messages[2], /field is `force_efi`/);
  assert.match(messages[3], /--takeover/);
  assert.ok(a.diagnostics.every((d) => d.severity === 'warning'));
});

test('values are coerced as k3OS does: one string becomes a list, text booleans, map values as Go prints them', () => {
  const text = 'ssh_authorized_keys: ssh-ed25519 AAA\nk3os:\n  install:\n    silent: "true"\n    debug: "yes"\n    power_off: on\n  labels:\n    a: 1048576\n    b: 0644\n    c: yes\n    d: " x "\n    e: 12\n';
  const a = k3os(text);
  const config = a.k3os!.config as { ssh_authorized_keys: string[]; k3os: { install: Record<string, boolean>; labels: Record<string, string> } };
  assert.deepEqual(config.ssh_authorized_keys, ['ssh-ed25519 AAA']);
  assert.deepEqual(config.k3os.install, { silent: true, debug: false, power_off: true });
  assert.deepEqual(config.k3os.labels, { a: '1.048576e+06', b: '420', c: 'true', d: 'x', e: '12' });
  // Reported only where the text changes: not for `12`; an exponent in labels is a warning, in sysctls an error.
  assert.deepEqual(underlined(text, a, 'k3os/unquoted-map-value'), ['1048576', '0644', 'yes']);
  const sysctl = k3os('k3os:\n  sysctls:\n    vm.max_map_count: 1048576\n    vm.swappiness: 10\n');
  assert.deepEqual(sysctl.diagnostics.map((d) => [d.code, d.severity]), [['k3os/unquoted-map-value', 'error']]);
  assert.equal(sysctl.diagnostics[0].fixes?.[0].edits[0].newText, "'1048576'");
});

test("Go's %v for float64, which k3OS uses to turn map values into text", () => {
  const cases: [number, string][] = [[1048576, '1.048576e+06'], [999999, '999999'], [1e6, '1e+06'], [420, '420'], [1.5, '1.5'], [0.0001, '0.0001'], [0.00001, '1e-05'], [-2500000, '-2.5e+06'], [1e21, '1e+21'], [123456.7, '123456.7'], [0, '0']];
  for (const [value, expected] of cases) assert.equal(goFloatText(value), expected, String(value));
  assert.equal(mapperString([3, 4]), '3');
  assert.equal(mapperString(null), '');
  assert.equal(mapperString({ b: 1, a: 'x' }), 'map[a:x b:1]');
});

test('type mismatches make the whole config unreadable: reported as errors with a quoting fix', () => {
  const text = 'hostname: 123\nwrite_files:\n- path: /etc/a\n  permissions: 0644\nk3os:\n  token: 1234\n  install:\n    silent: 1\n  labels: x\nrun_cmd: [echo, 3]\n';
  const a = k3os(text);
  assert.deepEqual(underlined(text, a, 'k3os/unreadable-config'), ['123', '1234', '1', 'x', '3']);
  assert.deepEqual(underlined(text, a, 'k3os/unquoted-permissions'), ['0644']);
  const fixed = a.diagnostics.filter((d) => d.fixes?.length).map((d) => d.fixes![0].edits[0].newText);
  assert.deepEqual(fixed, ["'123'", "'0644'", "'1234'", "'3'"]);
  assert.deepEqual(codes(k3os("hostname: '123'\nwrite_files:\n- path: /etc/a\n  permissions: '0644'\n")), []);
  // The document itself must be a mapping.
  assert.deepEqual(codes(k3os('- a\n- b\n')), ['k3os/unreadable-config']);
});

test('a lower-case spelling of a camelCase field is also read by Go as written: one string there fails the config', () => {
  assert.deepEqual(codes(k3os('runcmd: echo hi\n')), ['k3os/unreadable-config']);
  assert.deepEqual(codes(k3os('run_cmd: echo hi\n')), []);
  assert.deepEqual(codes(k3os('runcmd:\n- echo hi\n')), []);
  assert.deepEqual(codes(k3os('k3os:\n  install:\n    forceefi: "true"\n')), ['k3os/unreadable-config']);
  assert.deepEqual(codes(k3os('k3os:\n  install:\n    force_efi: "true"\n')), []);
});

test('two spellings of one key: the alias wins over the JSON name; two aliases are a coin toss', () => {
  const text = 'k3os:\n  sysctls:\n    a: "1"\n  sysctl:\n    b: "2"\n  dns_nameservers: [1.1.1.1]\n  dns_nameserver: 8.8.8.8\n';
  const a = k3os(text);
  assert.deepEqual(underlined(text, a, 'k3os/duplicate-spelling'), ['sysctls', 'dns_nameservers', 'dns_nameserver']);
  assert.match(a.diagnostics[0].message, /`sysctls` is ignored: `sysctl`/);
  assert.match(a.diagnostics[1].message, /random/);
  assert.deepEqual((a.k3os!.config.k3os as Record<string, unknown>).sysctls, { b: '2' });
  // The same key twice: go-yaml v2 keeps the last one, so it is a warning, not Butane's error.
  const twice = k3os('hostname: a\nhostname: b\n');
  assert.deepEqual(twice.diagnostics.map((d) => [d.code, d.severity]), [['yaml/duplicate-key', 'warning']]);
  assert.equal(twice.k3os!.config.hostname, 'b');
});

test('config source: the setting, then a modeline, then the path, else the system config', () => {
  assert.equal(resolveConfigSource('/w/a.yaml', ''), 'system');
  assert.equal(resolveConfigSource('/img/k3os/system/config.yaml', ''), 'system');
  assert.equal(resolveConfigSource('/x/var/lib/rancher/k3os/config.yaml', ''), 'local');
  assert.equal(resolveConfigSource('/x/var/lib/rancher/k3os/config.d/10.yaml', ''), 'config.d');
  assert.equal(resolveConfigSource('/x/run/config/userdata', ''), 'userdata');
  assert.equal(resolveConfigSource('/cloud/user-data.yaml', ''), 'userdata');
  assert.equal(resolveConfigSource('/w/a.yaml', '#cloud-config\n# kindling: k3os source=userdata\n'), 'userdata');
  assert.equal(resolveConfigSource('/x/k3os/config.d/a.yaml', '# kindling: k3os source=cmdline\n'), 'cmdline');
  assert.equal(resolveConfigSource('/x/k3os/config.d/a.yaml', '# kindling: k3os source=cmdline\n', { '**/config.d/*.yaml': 'local' }), 'local');
  assert.equal(resolveConfigSource('/w/a.yaml', '# kindling: k3os source=bogus\n'), 'system');
});

test('phase-invalid keys: each source is checked against the phases that apply each key, with the code-accurate table', () => {
  const config = 'init_cmd: [a]\nboot_cmd: [b]\nrun_cmd: [c]\nk3os:\n  data_sources: [aws]\n  password: $6$x\n  install:\n    silent: true\n';
  const flagged = (source: ConfigSource): string[] => underlined(config, k3os(config, source), 'k3os/phase-invalid-key');
  assert.deepEqual(flagged('system'), []);
  assert.deepEqual(flagged('cmdline'), []);
  assert.deepEqual(flagged('local'), ['init_cmd']);
  assert.deepEqual(flagged('config.d'), ['init_cmd']);
  assert.deepEqual(flagged('userdata'), ['init_cmd', 'boot_cmd', 'data_sources']);
  const [initCmd] = k3os(config, 'userdata').diagnostics;
  assert.match(initCmd.message, /`init_cmd` is never applied from cloud userdata: k3OS applies it only in the initrd phase, and this source is read in the runtime phase\. It works in \/k3os\/system\/config\.yaml or the kernel command line/);
  assert.equal(initCmd.fixes?.[0].edits[0].newText, 'run_cmd');
  const local = k3os(config, 'local').diagnostics.find((d) => d.code === 'k3os/phase-invalid-key')!;
  assert.equal(local.fixes?.[0].edits[0].newText, 'boot_cmd');
  // Spelled differently, still the same field.
  assert.deepEqual(underlined('initcmd: [a]\n', k3os('initcmd: [a]\n', 'local'), 'k3os/phase-invalid-key'), ['initcmd']);
});

test('the schema carries every field with phases matching the reference table (README differences noted)', () => {
  const schema = k3osSchema();
  const phases = (...path: string[]): string[] | undefined => schema.at(path)?.['x-phases'];
  assert.deepEqual(phases('k3os', 'password'), ['boot', 'runtime']);
  assert.deepEqual(phases('k3os', 'data_sources'), ['boot']);
  assert.deepEqual(phases('init_cmd'), ['initrd']);
  assert.deepEqual(phases('write_files'), ['initrd', 'boot', 'runtime']);
  assert.match(String(schema.at(['k3os', 'password'])?.['x-phase-note']), /README/);
  const install = Object.keys(schema.at(['k3os', 'install'])?.properties ?? {}).sort();
  assert.deepEqual(install, ['config_url', 'debug', 'device', 'force_efi', 'iso_url', 'no_format', 'power_off', 'silent', 'tty']);
  assert.deepEqual(schema.at(['write_files', 0, 'encoding'])?.enum?.length, 9);
});

test('the bundled k3OS schema is generated from its source', () => {
  const { renderK3osSchema } = require('../schemas/source/k3os/generate') as typeof import('../schemas/source/k3os/generate');
  for (const [name, text] of renderK3osSchema()) {
    assert.equal(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'k3os', name), 'utf8'), text, `schemas/k3os/${name} is stale: run npm run schemas`);
  }
});

test('hover names the phases, the README discrepancy and what they mean for this file; completion knows spellings', () => {
  const text = 'k3os:\n  password: $6$x\n  sysctl:\n    a: "1"\n  \ninit_cmd: [a]\n';
  const analysis = k3os(text, 'local');
  const doc = { text, analysis };
  const password = hover(doc, text.indexOf('password') + 2)!.markdown;
  assert.match(password, /Applied in the \*\*boot\*\*, \*\*runtime\*\* phases\. The README lists it under initrd too/);
  assert.match(password, /From the local config \(\/var\/lib\/rancher\/k3os\/config\.yaml\): applied in boot, runtime\./);
  assert.match(hover(doc, text.indexOf('init_cmd') + 2)!.markdown, /\*\*Never applied from the local config/);
  const labels = complete(doc, text.indexOf('  \ninit') + 2).items.map((i) => i.label);
  assert.ok(labels.includes('server_url') && labels.includes('password') === false && labels.includes('sysctls') === false, labels.join(' '));
  const sources = 'k3os:\n  data_sources:\n    - \n';
  const values = complete({ text: sources, analysis: k3os(sources) }, sources.length - 1).items.map((i) => i.label);
  assert.ok(values.includes('hetzner') && values.includes('cdrom'), values.join(' '));
  const empty = complete({ text: '', analysis: k3os('') }, 0).items.filter((i) => i.kind === 'snippet').map((i) => i.label);
  assert.deepEqual(empty.sort(), ['k3OS agent joining a server', 'k3OS install from the ISO', 'k3OS server node']);
});

test('bundled k3OS snippets are clean k3OS configs', () => {
  const { parseSnippetFile, plainSnippetText } = require('../engine/service/index') as typeof import('../engine/service/index');
  const file = path.join(__dirname, '..', '..', 'snippets', 'k3os.json');
  for (const snippet of parseSnippetFile(fs.readFileSync(file, 'utf8'))) {
    const text = plainSnippetText(snippet.body);
    assert.equal(detectDialect('/w/config.yaml', text), 'k3os', snippet.name);
    assert.deepEqual(codes(k3os(text)), [], snippet.name);
  }
});

test('CLI: check takes k3OS configs with --as k3os and --k3os-source; transpile refuses them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-k3os-'));
  const file = path.join(dir, 'node.yaml');
  fs.writeFileSync(file, 'init_cmd: [a]\nhostname: 12\n');
  const plain = runCli(['check', file]);
  assert.equal(plain.status, 1);
  assert.match(plain.stdout, /variant/, 'without a k3os key or folder it is not recognised: checked as Butane');
  const system = runCli(['check', '--as', 'k3os', file]);
  assert.equal(system.status, 1);
  assert.match(system.stdout, /node\.yaml:2:11: error: k3OS cannot read this config: `hostname` must be text/);
  assert.doesNotMatch(system.stdout, /phase-invalid-key/);
  const userdata = runCli(['check', '--as', 'k3os', '--k3os-source', 'userdata', '--format', 'json', file]);
  assert.ok((JSON.parse(userdata.stdout) as { code: string }[]).some((d) => d.code === 'k3os/phase-invalid-key'));
  const bad = runCli(['check', '--as', 'k3os', '--k3os-source', 'floppy', file]);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, 'kindling: --k3os-source must be one of system, cmdline, local, config.d, userdata, not "floppy"\n');
  fs.mkdirSync(path.join(dir, 'k3os'));
  fs.writeFileSync(path.join(dir, 'k3os', 'config.yaml'), 'k3os:\n  token: K10x\n');
  const transpiled = runCli(['transpile', path.join(dir, 'k3os', 'config.yaml')]);
  assert.equal(transpiled.status, 2);
  assert.match(transpiled.stderr, /has no Ignition output/);
});

test('bad input never throws: deep maps, alias bombs, huge lists and odd keys give diagnostics or nothing', () => {
  const deep = `k3os:\n  labels:\n    a: ${'{b: '.repeat(200)}1${'}'.repeat(200)}\n`;
  const bomb = 'a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\nk3os:\n  environment:\n    E: [*d, *d, *d, *d, *d, *d, *d, *d]\n';
  const wide = `ssh_authorized_keys:\n${'  - ssh-ed25519 AAAA\n'.repeat(20_000)}`;
  const odd = '? [a, b]\n: 1\n<<: {hostname: a}\nk3os: {<<: {token: K10x}}\n"": x\n';
  for (const text of [deep, bomb, wide, odd, '\u0000\u0001', 'k3os: [1, 2]\n', 'k3os:\n  wifi: {name: a}\n']) {
    const started = Date.now();
    const a = k3os(text);
    assert.ok(Date.now() - started < 5_000, 'analysis must not hang');
    assert.ok(!a.diagnostics.some((d) => d.code === 'kindling/internal'), JSON.stringify(a.diagnostics.slice(0, 2)));
  }
  const merged = k3os(odd);
  assert.equal(merged.k3os!.config.hostname, 'a');
  assert.deepEqual(merged.k3os!.config.k3os, { token: 'K10x' });
  assert.deepEqual(codes(k3os('k3os:\n  wifi: {name: a}\n')), ['k3os/unreadable-config']);
});
