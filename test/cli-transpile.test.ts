import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertUsageError, BUTANE_VECTORS, runCli } from './helpers';
import { sameOutput } from './vectorOutput';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-transpile-'));
}

const CONFIG = 'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: /etc/motd\n      mode: 0644\n      contents:\n        inline: hello <world> & co\n';

test('transpile prints exactly what butane prints, with its exit status', () => {
  for (const name of ['min-fcos-1.6.0-nonpretty', 'k3s-fcos-server', 'ver-openshift-4.22.0-raw', 'trees-compressible-file']) {
    const dir = path.join(BUTANE_VECTORS, name);
    const args = fs.readFileSync(path.join(dir, 'args'), 'utf8').trim().split(/\s+/).filter((a) => a !== '--raw-errors');
    const r = runCli(['transpile', ...args, 'input.bu'], { cwd: dir });
    assert.equal(r.status, Number(fs.readFileSync(path.join(dir, 'expected.exit'), 'utf8')), `${name}: ${r.stderr}`);
    assert.ok(sameOutput(r.stdout, fs.readFileSync(path.join(dir, 'expected.ign'), 'utf8')), `${name} stdout`);
  }
});

test('compact by default, indented with --pretty; Go escaping of <, > and &', () => {
  const dir = tempDir();
  const file = path.join(dir, 'node.bu');
  fs.writeFileSync(file, CONFIG);
  const compact = runCli(['transpile', file]);
  assert.equal(compact.status, 0, compact.stderr);
  assert.equal(
    compact.stdout,
    '{"ignition":{"version":"3.5.0"},"storage":{"files":[{"path":"/etc/motd","contents":{"compression":"","source":"data:,hello%20%3Cworld%3E%20%26%20co"},"mode":420}]}}\n',
  );
  const pretty = runCli(['transpile', '--pretty', file]);
  assert.deepEqual(JSON.parse(pretty.stdout), JSON.parse(compact.stdout));
  assert.match(pretty.stdout, /^{\n {2}"ignition": {\n {4}"version": "3.5.0"\n {2}},/);
});

test('errors go to stderr as file:line:col: severity: message and exit 1 with no output', () => {
  const dir = tempDir();
  const file = path.join(dir, 'bad.bu');
  fs.writeFileSync(file, 'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: etc/relative\n');
  const r = runCli(['transpile', file]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:13: error: .+`, 'm'));
});

test('--strict refuses output when there are warnings', () => {
  const dir = tempDir();
  const file = path.join(dir, 'warn.bu');
  fs.writeFileSync(file, 'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: /etc/x\n      mode: 644\n');
  const lenient = runCli(['transpile', file]);
  assert.equal(lenient.status, 0);
  assert.match(lenient.stderr, /:6:13: warning: /);
  const strict = runCli(['transpile', '--strict', file]);
  assert.equal(strict.status, 1);
  assert.equal(strict.stdout, '');
  assert.match(strict.stderr, /--strict/);
});

test('-o writes the output atomically and never over the input', () => {
  const dir = tempDir();
  const file = path.join(dir, 'node.bu');
  fs.writeFileSync(file, CONFIG);
  const out = path.join(dir, 'node.ign');
  const r = runCli(['transpile', '-o', out, file]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).ignition.version, '3.5.0');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['node.bu', 'node.ign'], 'no temporary file left behind');
  const over = runCli(['transpile', '-o', file, file]);
  assert.equal(over.status, 2);
  assert.match(over.stderr, /refusing to write the output over the input file/);
  assert.equal(fs.readFileSync(file, 'utf8'), CONFIG);
});

test('transpile reads standard input with -', () => {
  const r = runCli(['transpile', '-'], { input: CONFIG });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /"version":"3.5.0"/);
});

test('transpile usage errors exit 2 with one line', () => {
  for (const [args, pattern] of [
    [['transpile'], /exactly one FILE/],
    [['transpile', 'a.bu', 'b.bu'], /exactly one FILE/],
    [['transpile', '--files-dir', '/does/not/exist', 'x.bu'], /is not a directory/],
    [['transpile', '--check', 'x.bu'], /unknown option --check/],
    [['transpile', 'does/not/exist.bu'], /cannot read/],
  ] as [string[], RegExp][]) assertUsageError(args, pattern);
});
