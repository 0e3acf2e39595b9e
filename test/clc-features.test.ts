/** Container Linux Configs beyond ct parity: recognition, CLI, editor features, Kindling's lints. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, detectDialect, Diagnostic, transpile } from '../engine/index';
import { complete, hover } from '../engine/service/index';
import { nodeFileSystem } from '../engine/host/files';
import { matchesGlob } from '../engine/text/glob';
import { CLC_LINTS } from '../engine/clc/checks/lints';
import { caret, ROOT, runCli, VECTORS } from './helpers';

const CLC = 'storage:\n  files:\n    - path: /etc/motd\n      filesystem: root\n      mode: 0644\n      contents:\n        inline: hi\n';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-clc-'));
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

test('CLC files are recognised by name, modeline, association and top-level keys; other YAML is left alone', () => {
  assert.equal(detectDialect('/w/node.clc', ''), 'clc');
  assert.equal(detectDialect('/w/node.clc.yaml', ''), 'clc');
  assert.equal(detectDialect('/w/node.yaml', CLC), 'clc');
  assert.equal(detectDialect('/w/node.yaml', 'etcd:\n  name: x\nlocksmith:\n  reboot_strategy: off\n'), 'clc');
  assert.equal(detectDialect('/w/node.json', '{"storage": {"files": []}}'), 'clc');
  assert.equal(detectDialect('/w/node.yaml', `# kindling: clc\nfoo: 1\n`), 'clc');
  assert.equal(detectDialect('/w/nodes/a.yaml', 'foo: 1\n', { associations: { '**/nodes/*.yaml': 'clc' } }), 'clc');
  assert.equal(detectDialect('/w/x.yaml', 'foo: 1\n', { associations: { 'x.yaml': 'clc' } }), 'clc');
  assert.equal(detectDialect('/w/x.yaml', 'foo: 1\n', { languageId: 'clc' }), 'clc');
  // Not a CLC: Butane, Kubernetes objects, Ignition JSON, unrelated YAML.
  assert.equal(detectDialect('/w/node.yaml', `variant: flatcar\nversion: 1.1.0\nstorage: {}\n`), 'butane');
  assert.equal(detectDialect('/w/deploy.yaml', 'apiVersion: v1\nkind: ConfigMap\nstorage: x\n'), undefined);
  assert.equal(detectDialect('/w/config.json', '{"ignition": {"version": "2.3.0"}, "storage": {}}'), 'ignition');
  assert.equal(detectDialect('/w/compose.yaml', 'services:\n  web:\n    image: nginx\nvolumes: {}\n'), undefined);
  assert.equal(detectDialect('/w/mixed.yaml', 'storage: {}\nfoo: 1\nbar: 2\n'), undefined);
});

test('glob patterns follow the settings conventions', () => {
  assert.ok(matchesGlob('**/nodes/*.yaml', '/home/me/site/nodes/a.yaml'));
  assert.ok(!matchesGlob('**/nodes/*.yaml', '/home/me/site/nodes/deep/a.yaml'));
  assert.ok(matchesGlob('nodes/**', 'C:\\site\\nodes\\deep\\a.yaml'));
  assert.ok(matchesGlob('*.{clc,ct}.yaml', '/x/a.ct.yaml'));
  assert.ok(!matchesGlob('*.clc', '/x/a.clc.yaml'));
});

test('kindling transpile: CLC → Ignition 2.3.0 as ct prints it, with --platform', () => {
  const dir = path.join(VECTORS, 'clc', 'clc-etcd-platform-gce');
  const r = runCli(['transpile', '--pretty', '--platform', 'gce', 'input.yaml'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, fs.readFileSync(path.join(dir, 'expected.ign'), 'utf8'));
  const noPlatform = runCli(['transpile', 'input.yaml'], { cwd: dir });
  assert.equal(noPlatform.status, 1);
  assert.match(noPlatform.stderr, /error: platform must be specified to use templating/);
  const compact = runCli(['transpile', 'node.clc'], { cwd: writeConfig(CLC) });
  assert.equal(compact.status, 0, compact.stderr);
  assert.ok(!compact.stdout.endsWith('\n'), 'ct prints compact JSON without a trailing newline');
  assert.equal(JSON.parse(compact.stdout).ignition.version, '2.3.0');
});

function writeConfig(text: string, name = 'node.clc'): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

test('kindling transpile: usage errors exit 2 with one line', () => {
  const dir = writeConfig(CLC);
  const badPlatform = runCli(['transpile', '--platform', 'notacloud', 'node.clc'], { cwd: dir });
  assert.equal(badPlatform.status, 1);
  assert.match(badPlatform.stderr, /unsupported platform/);
  fs.writeFileSync(path.join(dir, 'node.bu'), 'variant: fcos\nversion: 1.6.0\n');
  const butanePlatform = runCli(['transpile', '--platform', 'gce', 'node.bu'], { cwd: dir });
  assert.equal(butanePlatform.status, 2);
  assert.equal(butanePlatform.stderr.trim().split('\n').length, 1);
  assert.match(butanePlatform.stderr, /--platform only applies to Container Linux Configs/);
});

test('kindling check finds CLC files in folders by name and by content', () => {
  const dir = writeConfig('storage:\n  files:\n    - path: relative\n      filesystem: root\n      mode: 0644\n', 'bad.yaml');
  fs.writeFileSync(path.join(dir, 'other.yaml'), 'services: {}\n');
  const r = runCli(['check', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /bad\.yaml:3:\d+: error: path not absolute \[clc\/ignition\]/);
  assert.doesNotMatch(r.stdout, /other\.yaml/);
});

test('--strict fails on ct info entries too, as ct does', () => {
  const text = 'storage:\n  files:\n    - path: /var/log/x\n      filesystem: root\n      append: true\n      contents:\n        inline: more\n';
  const analysis = analyze(text, { dialect: 'clc' });
  assert.ok(analysis.diagnostics.some((d) => d.severity === 'information' && d.message === 'mode unspecified for file, defaulting to 0644 if the file does not exist'));
  assert.ok(transpile(analysis, { strict: false }).translation);
  assert.equal(transpile(analysis, { strict: true }).translation, undefined);
});

test('Kindling lints are advisory: they never change what ct would print', () => {
  const text = [
    'etcd:',
    '  name: node1',
    'systemd:',
    '  units:',
    '    - name: etcd-member.service',
    '      enable: true',
    '      contents: "[Service]\\nExecStart=/bin/sh -c \'echo {PRIVATE_IPV4}\'\\n[Install]\\nWantedBy=multi-user.target\\n"',
    'storage:',
    '  files:',
    '    - path: /etc/x',
    '      filesystem: root',
    '      mode: 0644',
    '      contents:',
    '        inline: plain text',
    '        remote:',
    '          compression: gzip',
    '',
  ].join('\n');
  const analysis = analyze(text, { dialect: 'clc' });
  const found = codes(analysis.diagnostics.filter((d) => d.advisory));
  for (const code of ['clc/generated-unit-duplicate', 'clc/compression-without-remote', 'clc/template-not-substituted', 'clc/deprecated-enable', 'clc/deprecated-format']) {
    assert.ok(found.includes(code), `${code} in ${found.join(', ')}`);
  }
  const enable = analysis.diagnostics.find((d) => d.code === 'clc/deprecated-enable')!;
  assert.equal(enable.fixes?.[0].edits[0].newText, 'enabled');
  assert.ok(transpile(analysis, { strict: false }).translation, 'ct accepts this config, so we still translate it');
});

test('a local path outside the files directory is read, as by ct, with an advisory warning', () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'files'));
  fs.writeFileSync(path.join(dir, 'secret'), 'outside');
  const text = 'storage:\n  files:\n    - path: /etc/x\n      filesystem: root\n      mode: 0644\n      contents:\n        local: ../secret\n';
  const analysis = analyze(text, { dialect: 'clc', filesDir: path.join(dir, 'files'), fs: nodeFileSystem });
  const escape = analysis.diagnostics.find((d) => d.code === 'clc/local-escapes-files-dir');
  assert.ok(escape?.advisory);
  const output = transpile(analysis, { strict: true }).translation?.output ?? '';
  assert.match(output, /data:,outside/);
});

test('completion and hover use the CLC schema', () => {
  const { text, offset } = caret('storage:\n  files:\n    - path: /etc/x\n      |\n');
  const analysis = analyze(text, { dialect: 'clc' });
  const labels = complete({ text, analysis }, offset).items.map((i) => i.label);
  for (const key of ['filesystem', 'mode', 'contents', 'overwrite', 'append']) assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
  assert.ok(!labels.includes('contents_local'), 'Butane-only keys are not offered');
  const etcd = caret('etcd:\n  version: 2.3.0\n  |\n');
  const etcdLabels = complete({ text: etcd.text, analysis: analyze(etcd.text, { dialect: 'clc' }) }, etcd.offset).items.map((i) => i.label);
  assert.ok(etcdLabels.includes('listen_client_urls'));
  const value = caret('locksmith:\n  reboot_strategy: |\n');
  const strategies = complete({ text: value.text, analysis: analyze(value.text, { dialect: 'clc' }) }, value.offset).items.map((i) => i.label);
  assert.deepEqual([...strategies].sort(), ['etcd-lock', 'off', 'reboot']);
  const over = caret('update:\n  gr|oup: stable\n');
  const shown = hover({ text: over.text, analysis: analyze(over.text, { dialect: 'clc' }) }, over.offset);
  assert.match(shown?.markdown ?? '', /Release channel/);
  const version = caret('ver|sion: 0\nstorage: {}\n');
  assert.match(hover({ text: version.text, analysis: analyze(version.text, { dialect: 'clc' }) }, version.offset)?.markdown ?? '', /only 0/);
});

test('the bundled CLC snippets are valid configs that ct accepts', () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', 'clc.json'), 'utf8')) as Record<string, { body: string[] }>;
  for (const [name, snippet] of Object.entries(snippets)) {
    const text = snippet.body
      .join('\n')
      .replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\d+/g, '');
    const analysis = analyze(text, { dialect: 'clc' });
    const problems = analysis.diagnostics.filter((d) => !d.advisory);
    assert.deepEqual(problems.map((d) => d.message), [], name);
    assert.ok(transpile(analysis, { strict: true }).translation, name);
  }
});

test('continuation lines of a quoted scalar may be under-indented, as go-yaml allows', () => {
  const text = 'storage:\n  files:\n    - path: /etc/hosts\n      filesystem: root\n      mode: 0644\n      contents:\n        inline: "127.0.0.1 localhost\n"\n    - path: relative\n      filesystem: root\n      mode: 0644\n';
  const analysis = analyze(text, { dialect: 'clc' });
  const relative = analysis.diagnostics.find((d) => d.message === 'path not absolute');
  assert.ok(relative, 'the rest of the document is still checked');
  assert.equal(text.slice(relative.range.start, relative.range.end), 'relative', 'ranges point into the original text');
});

test('"mode unspecified" has a quick fix that writes ct\'s default mode', () => {
  const text = 'storage:\n  files:\n    - path: /etc/x\n      filesystem: root\n  directories:\n    - path: /var/d\n';
  const analysis = analyze(text, { dialect: 'clc' });
  const apply = (d: Diagnostic): string => {
    const edit = d.fixes![0].edits[0];
    return text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
  };
  const [file, dir] = analysis.diagnostics.filter((d) => d.code === 'clc/mode-unspecified');
  const fixedFile = apply(file);
  assert.match(fixedFile, /- path: \/etc\/x\n      mode: 0644\n      filesystem: root/);
  assert.ok(!analyze(fixedFile, { dialect: 'clc' }).diagnostics.some((d) => d.message.startsWith('mode unspecified for file')));
  assert.match(apply(dir), /- path: \/var\/d\n      mode: 0755\n/);
});

test('every CLC lint has a documentation page', () => {
  for (const { id } of CLC_LINTS) {
    const page = path.join(ROOT, 'docs', 'rules', `${id.replace('/', '-')}.md`);
    assert.ok(fs.existsSync(page), `${id}: ${page}`);
    assert.match(fs.readFileSync(page, 'utf8'), new RegExp(`^# ${id.replace('/', '\\/')} `));
  }
});

test('the bundled CLC schema is generated from its source', () => {
  const { renderClcSchema } = require('../schemas/source/clc/generate') as typeof import('../schemas/source/clc/generate');
  for (const [name, text] of renderClcSchema()) {
    assert.equal(fs.readFileSync(path.join(ROOT, 'schemas', 'clc', name), 'utf8'), text, `schemas/clc/${name} is stale: run npm run schemas`);
  }
});
