import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertUsageError, runCli, ROOT } from './helpers';

function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

test('package.json declares the kindling bin that the build produces', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(typeof pkg.bin.kindling, 'string');
  assert.ok(fs.existsSync(path.join(ROOT, pkg.bin.kindling)));
});

test('usage errors exit 2 with one clear line', () => {
  assertUsageError([], /^kindling: missing command/);
  assertUsageError(['frobnicate'], /unknown command "frobnicate"/);
  assertUsageError(['check'], /needs at least one FILE/);
  assertUsageError(['check', '--bogus', 'x.bu'], /unknown option --bogus/);
  assertUsageError(['check', '--format', 'xml', 'x.bu'], /--format must be text or json/);
  assertUsageError(['check', '--as', 'toml', 'x.bu'], /--as must be one of/);
  assertUsageError(['check', 'does/not/exist.bu'], /cannot read does\/not\/exist.bu/);
  assertUsageError(['check', '--files-dir', 'does/not/exist', 'examples'], /is not a directory/);
  assertUsageError(['lsp'], /lsp needs --stdio/);
});

test('--help prints usage and exits 0', () => {
  const r = runCli(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /kindling check/);
});

test('the shipped examples are clean', () => {
  const r = runCli(['check', '--strict', '--files-dir', 'examples', 'examples']);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, '', r.stdout);
  assert.equal(r.status, 0);
});

test('errors exit 1 and print file:line:col: severity: message [code]', () => {
  const file = tempFile('bad.bu', 'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: /etc/x\n      mode: "0644"\n');
  const r = runCli(['check', file]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:13: error: .*\\[yaml/type\\]$`, 'm'));
});

test('--format json prints one array with 1-based code-point columns', () => {
  // The emoji is two UTF-16 units but one code point: Butane counts code points.
  const file = tempFile('cols.bu', 'variant: fcos\nversion: 1.6.0\nstorage: {files: [{path: "/etc/😀", bogus: 1}]}\n');
  const r = runCli(['check', '--format', 'json', file]);
  assert.equal(r.status, 0, r.stderr);
  const results = JSON.parse(r.stdout);
  assert.ok(Array.isArray(results));
  const bogus = results.find((d: { code: string }) => d.code === 'butane/unused-key');
  assert.deepEqual(
    { line: bogus.line, column: bogus.column, endLine: bogus.endLine, endColumn: bogus.endColumn, severity: bogus.severity, file: bogus.file },
    { line: 3, column: 36, endLine: 3, endColumn: 41, severity: 'warning', file },
  );
  assert.equal(typeof bogus.message, 'string');
});

test('--strict turns warnings into a failing exit status', () => {
  const file = tempFile('warn.bu', 'variant: fcos\nversion: 1.6.0\nunknown_top: 1\n');
  assert.equal(runCli(['check', file]).status, 0);
  assert.equal(runCli(['check', '--strict', file]).status, 1);
});

test('binary and invalid UTF-8 files give diagnostics, not crashes', () => {
  const binary = tempFile('bin.bu', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff, 0xfe]));
  const r = runCli(['check', '--format', 'json', binary]);
  assert.equal(r.status, 1);
  const codes = JSON.parse(r.stdout).map((d: { code: string }) => d.code);
  assert.ok(codes.includes('yaml/encoding'), codes.join());
});
