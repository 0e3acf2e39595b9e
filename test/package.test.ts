/** `npm run package`: the .vsix holds the production bundles and the files they read, and nothing else. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { ROOT } from './helpers';

/** Measured 1.05 MB; the bound leaves room for new schema versions, not for a stray folder. */
const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;

let work: string;
let vsixBytes: number;
/** Entry name → uncompressed content. */
let entries: Map<string, Buffer>;

/** The entries of a zip (vsce writes no zip64 and no archive comment), read from its central directory. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'no end of central directory');
  const out = new Map<string, Buffer>();
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-package-test-'));
  const vsix = path.join(work, 'kindling.vsix');
  execFileSync(process.execPath, ['scripts/package.mjs', vsix], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
  vsixBytes = fs.statSync(vsix).size;
  entries = readZip(fs.readFileSync(vsix));
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

test('the bundles, the manifest and every file the manifest points to are packaged', () => {
  const manifest = JSON.parse(entries.get('extension/package.json')!.toString('utf8'));
  const pointed: string[] = [
    manifest.main,
    ...manifest.contributes.languages.map((l: { configuration?: string }) => l.configuration).filter(Boolean),
    ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
    ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
  ];
  for (const file of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'readme.md', 'LICENSE.txt', ...pointed]) {
    assert.ok(entries.has(path.posix.join('extension', file)), `${file} is missing from the package`);
  }
});

test('no sources, tests, docs, dependencies, TypeScript or sourcemaps ship; only bundles and the JSON they read', () => {
  const names = [...entries.keys()].filter((name) => name.startsWith('extension/'));
  const forbidden = /^extension\/(test|out|out-[^/]*|node_modules|client|server|engine|cli|docs|e2e|bench|examples|scripts|schemas\/source)\/|\.(ts|map)$/;
  assert.deepEqual(names.filter((name) => forbidden.test(name)), []);
  const runtime = /^extension\/(dist\/(extension|server|cli)\.js|package\.json|readme\.md|LICENSE\.txt|language-configuration\.json|(snippets|syntaxes|schemas\/(butane|ignition|clc|k3os))\/[^/]+\.json)$/;
  assert.deepEqual(names.filter((name) => !runtime.test(name)), []);
});

test(`the package stays below ${MAX_VSIX_BYTES} bytes and its bundles are minified without sourcemaps`, () => {
  assert.ok(vsixBytes < MAX_VSIX_BYTES, `${vsixBytes} bytes`);
  for (const bundle of ['extension', 'server', 'cli']) {
    const code = entries.get(`extension/dist/${bundle}.js`)!.toString('utf8');
    assert.doesNotMatch(code, /sourceMappingURL/, `${bundle}.js is a dev build`);
    assert.ok(code.split('\n').length < 2_000, `${bundle}.js is not minified`);
  }
});

test('the packaged bundles require only Node built-ins, and vscode from the extension', () => {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  for (const [bundle, allowed] of [['extension', ['vscode']], ['server', []], ['cli', []]] as const) {
    const code = entries.get(`extension/dist/${bundle}.js`)!.toString('utf8');
    // A call, not a quoted mention: Ajv keeps `'require("ajv/dist/runtime/equal")'` as code-generation text.
    const required = [...code.matchAll(/(?<![\w$.'"`])require\((["'`])([^"'`]+)\1\)/g)].map((m) => m[2]);
    assert.ok(required.includes('fs'), `${bundle}.js: the require scan found nothing`);
    const foreign = [...new Set(required)].filter((id) => !builtins.has(id) && !(allowed as readonly string[]).includes(id));
    assert.deepEqual(foreign, [], `${bundle}.js would need node_modules, which does not ship`);
  }
});

test('the packaged CLI checks the examples with the schemas from the package alone', () => {
  const unpacked = path.join(work, 'unpacked');
  for (const [name, data] of entries) {
    fs.mkdirSync(path.dirname(path.join(unpacked, name)), { recursive: true });
    fs.writeFileSync(path.join(unpacked, name), data);
  }
  // Unpacked outside the repository: the only schemas/ above this dist/ is the package's own.
  const cli = path.join(unpacked, 'extension', 'dist', 'cli.js');
  const r = spawnSync(process.execPath, [cli, 'check', '--files-dir', 'examples', 'examples/'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /internal error/);
});
