/**
 * The VS Code client's own decisions, kept free of `vscode` so they run here: what the preview
 * shows, where "Transpile to Ignition" writes, when it asks before replacing, and how it writes.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { TranspileResult } from '../server/src/protocol';
import { readIfExists, sha256 } from '../client/src/fileOps';
import { sameFile } from '../engine/host/sameFile';
import { writeFileAtomic } from '../engine/host/atomicWrite';
import { outputDirectory, outputFileName, outputPath } from '../client/src/outputPath';
import { MAX_LISTED_PROBLEMS, renderFailure, renderPreview } from '../client/src/previewText';
import { overwriteDecision, recordWrite } from '../client/src/writtenFiles';

const OUTPUT = '{\n  "ignition": {\n    "version": "3.4.0"\n  }\n}\n';
const ERROR = { line: 5, character: 12, severity: 'error' as const, message: 'cannot unmarshal string into int', code: 'butane/type' };
const base: TranspileResult = { uri: 'file:///w/node.bu', version: 3, ok: false, problems: [], strict: false };

test('preview: the output itself when it translated', () => {
  assert.deepEqual(renderPreview({ ...base, ok: true, output: OUTPUT, format: 'json', ignitionVersion: '3.4.0' }), { text: OUTPUT, language: 'jsonc' });
  const machineConfig = 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\n';
  assert.deepEqual(renderPreview({ ...base, ok: true, output: machineConfig, format: 'yaml' }), { text: machineConfig, language: 'yaml' });
});

test('preview: with errors, the last good output stays under a comment block listing them', () => {
  const view = renderPreview({ ...base, problems: [ERROR, { ...ERROR, line: 9, message: 'two\nlines', code: undefined }], stale: { output: OUTPUT, version: 2, format: 'json' } });
  assert.equal(view.language, 'jsonc');
  const lines = view.text.split('\n');
  const header = lines.filter((l) => l.startsWith('//'));
  assert.match(header[0], /^\/\/ Stale: the config has 2 errors now/);
  assert.match(header.join('\n'), /version 2/);
  assert.ok(header.includes('//   6:13 error: cannot unmarshal string into int [butane/type]'), header.join('\n'));
  assert.ok(header.includes('//   10:13 error: two lines'), 'messages stay on one comment line');
  assert.equal(lines.slice(header.length).join('\n'), OUTPUT, 'the stale output follows unchanged');

  const yaml = renderPreview({ ...base, problems: [ERROR], stale: { output: 'kind: MachineConfig\n', version: 1, format: 'yaml' } });
  assert.equal(yaml.language, 'yaml');
  assert.match(yaml.text, /^# Stale: .*\n(# .*\n)+kind: MachineConfig\n$/);
});

test('preview: never blank, even without any good output', () => {
  const view = renderPreview({ ...base, problems: [ERROR] });
  assert.match(view.text, /^\/\/ No Ignition output yet: the config has 1 error\.\n\/\/   6:13 error: cannot unmarshal/);
  const strict = renderPreview({ ...base, strict: true, problems: [{ ...ERROR, severity: 'warning' }] });
  assert.match(strict.text, /1 warning \(kindling\.strict is on\)/);
  const closed = renderPreview({ ...base, version: null, problems: [{ line: 0, character: 0, severity: 'error', message: 'The document is not open.' }] });
  assert.equal(closed.text, '// No Ignition output yet:\n//   The document is not open.\n');
  const many = renderPreview({ ...base, problems: Array.from({ length: MAX_LISTED_PROBLEMS + 5 }, () => ERROR) });
  assert.match(many.text, /… and 5 more/);
  assert.match(renderFailure('Client is not running').text, /did not answer[\s\S]*Client is not running/);
  for (const v of [view, strict, closed, many]) assert.ok(v.text.trim().length > 0);
});

test('output path: <name>.ign beside the config, or in kindling.outputDirectory', () => {
  assert.equal(outputFileName('node.bu', 'json'), 'node.ign');
  assert.equal(outputFileName('node.butane', 'json'), 'node.ign');
  assert.equal(outputFileName('worker.yaml', 'yaml'), 'worker.yaml', 'OpenShift MachineConfigs are YAML (and may land on the config: checked on disk)');
  assert.equal(outputFileName('config', 'json'), 'config.ign');
  assert.equal(outputFileName('.bu', 'json'), '.bu.ign');
  const source = path.join(path.sep, 'w', 'configs', 'node.bu');
  const ws = path.join(path.sep, 'w');
  assert.equal(outputPath(source, 'json', { outputDirectory: '' , workspaceFolder: ws }), path.join(ws, 'configs', 'node.ign'));
  assert.equal(outputPath(source, 'json', { outputDirectory: 'build', workspaceFolder: ws }), path.join(ws, 'build', 'node.ign'));
  assert.equal(outputPath(source, 'json', { outputDirectory: 'build' }), path.join(ws, 'configs', 'build', 'node.ign'), 'no workspace folder: against the config folder');
  assert.equal(outputDirectory(source, { outputDirectory: path.join(path.sep, 'out'), workspaceFolder: ws }), path.join(path.sep, 'out'));
  assert.equal(outputDirectory(source, { outputDirectory: '~/ign', homeDir: path.join(path.sep, 'home', 'me') }), path.join(path.sep, 'home', 'me', 'ign'));
  assert.equal(outputDirectory(source, { outputDirectory: '  ', workspaceFolder: ws }), path.dirname(source));
});

test('overwrite: asks before replacing a file Kindling did not write, or that changed since', () => {
  const target = '/w/node.ign';
  assert.equal(overwriteDecision(undefined, 'new', {}, target), 'create');
  assert.equal(overwriteDecision('new', 'new', {}, target), 'unchanged');
  assert.equal(overwriteDecision('theirs', 'new', {}, target), 'ask');
  assert.equal(overwriteDecision('ours', 'new', { [target]: 'ours' }, target), 'replace');
  assert.equal(overwriteDecision('edited', 'new', { [target]: 'ours' }, target), 'ask');
  assert.equal(overwriteDecision('ours', 'new', { '/w/other.ign': 'ours' }, target), 'ask');
  const record = recordWrite(recordWrite({ a: '1', b: '2' }, 'a', '3'), 'c', '4', 2);
  assert.deepEqual(record, { a: '3', c: '4' }, 'rewritten entries move to the end; the oldest go first');
});

test('files: atomic write keeps the mode, leaves no temporary file; sameFile sees through symlinks', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-client-'));
  try {
    const target = path.join(folder, 'out', 'node.ign');
    await writeFileAtomic(target, OUTPUT);
    assert.equal(fs.readFileSync(target, 'utf8'), OUTPUT, 'missing folders are created');
    fs.chmodSync(target, 0o600);
    await writeFileAtomic(target, '{}\n');
    assert.equal(fs.readFileSync(target, 'utf8'), '{}\n');
    if (process.platform !== 'win32') assert.equal(fs.statSync(target).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(path.dirname(target)), ['node.ign']);
    await assert.rejects(writeFileAtomic(path.join(folder, 'out'), '{}'), 'a folder is not replaced');
    assert.deepEqual(fs.readdirSync(path.join(folder, 'out')), ['node.ign'], 'no temporary file left after a failure');

    assert.equal((await readIfExists(target))?.toString(), '{}\n');
    assert.equal(await readIfExists(path.join(folder, 'none')), undefined);
    assert.equal(sha256('{}\n'), sha256(Buffer.from('{}\n')));

    const source = path.join(folder, 'node.bu');
    fs.writeFileSync(source, 'variant: fcos\n');
    assert.equal(await sameFile(source, source), true);
    assert.equal(await sameFile(source, target), false);
    assert.equal(await sameFile(source, path.join(folder, 'missing.ign')), false);
    if (process.platform !== 'win32') {
      fs.symlinkSync(source, path.join(folder, 'link.ign'));
      assert.equal(await sameFile(path.join(folder, 'link.ign'), source), true);
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
