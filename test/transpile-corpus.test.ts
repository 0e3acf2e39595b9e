/**
 * Translation parity: every Butane golden vector, translated in-process with its flags,
 * must reproduce butane's stdout byte for byte (gzip data URLs compared decompressed, as
 * the vectors README prescribes) and its exit status.
 *
 * Checkouts that cannot hold symlinks turn them into plain files containing the target;
 * such a vector is rebuilt in a temporary directory with real links before it is run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, transpile } from '../engine/index';
import { nodeFileSystem } from '../engine/host/files';
import { BUTANE_VECTORS } from './helpers';
import { firstDifference, sameOutput, vectorFlags } from './vectorOutput';

/** Cases where we knowingly differ from butane, and why. */
const DIFFERENT_ON_PURPOSE: Record<string, string> = {
  'quirk-files-local-symlink-escape': 'stricter: butane follows a symlink out of the files directory and embeds the file; we refuse (exit 1) — covered by "a symlink out of the files directory is refused" below',
};

/** Expected links of a tree whose symlinks the checkout flattened into files: dest path → target. */
function flattenedLinks(expected: string): Map<string, string> {
  const links = new Map<string, string>();
  if (!expected.startsWith('{')) return links;
  const config = JSON.parse(expected) as { storage?: { links?: { path: string; target?: string }[] } };
  for (const l of config.storage?.links ?? []) if (l.target !== undefined) links.set(l.path, l.target);
  return links;
}

/** Copies files-dir to a temp dir, turning flattened symlinks (file content = link target) back into links. */
function withRealSymlinks(filesDir: string, links: Map<string, string>): string | undefined {
  let repaired = false;
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-vector-'));
  fs.cpSync(filesDir, temp, { recursive: true, verbatimSymlinks: true });
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const rel = `/${path.relative(temp, full)}`;
        for (const [dest, target] of links) {
          if (rel.endsWith(dest.slice(dest.indexOf('/', 1))) && fs.readFileSync(full, 'utf8') === target) {
            fs.chmodSync(dir, 0o755);
            fs.rmSync(full);
            fs.symlinkSync(target, full);
            repaired = true;
            break;
          }
        }
      }
    }
  };
  walk(temp);
  return repaired ? temp : (fs.rmSync(temp, { recursive: true, force: true }), undefined);
}

const cases = fs.existsSync(BUTANE_VECTORS) ? fs.readdirSync(BUTANE_VECTORS).filter((c) => fs.existsSync(path.join(BUTANE_VECTORS, c, 'input.bu'))).sort() : [];

test('the Butane vectors are present', () => {
  assert.ok(cases.length > 150, `expected the golden vectors at ${BUTANE_VECTORS}`);
});

for (const name of cases) {
  test(`transpile ${name}`, { skip: DIFFERENT_ON_PURPOSE[name] }, () => {
    const dir = path.join(BUTANE_VECTORS, name);
    const f = vectorFlags(dir);
    const expected = fs.readFileSync(path.join(dir, 'expected.ign'), 'utf8');
    const expectedExit = Number(fs.readFileSync(path.join(dir, 'expected.exit'), 'utf8').trim());
    const repairedDir = f.filesDir && fs.existsSync(f.filesDir) ? withRealSymlinks(f.filesDir, flattenedLinks(expected)) : undefined;
    const filesDir = repairedDir ?? f.filesDir;
    try {
      const text = fs.readFileSync(path.join(dir, 'input.bu'), 'utf8');
      const options = { dialect: 'butane' as const, filesDir, fs: nodeFileSystem, strict: f.strict, pretty: f.pretty, raw: f.raw };
      const result = transpile(analyze(text, options), options);
      const exit = result.translation ? 0 : 1;
      const stdout = f.check ? '' : (result.translation?.output ?? '');
      assert.equal(exit, expectedExit, `exit status; blocking: ${result.blocking.map((d) => d.message).join(' | ')}`);
      assert.ok(sameOutput(stdout, expected), `stdout differs from butane's — ${firstDifference(stdout, expected)}`);
      assert.deepEqual(result.schemaProblems, [], 'the output matches the bundled Ignition schema');
    } finally {
      if (repairedDir) fs.rmSync(repairedDir, { recursive: true, force: true });
    }
  });
}

test('a symlink out of the files directory is refused, for local contents and inside trees', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-escape-'));
  try {
    const filesDir = path.join(base, 'files');
    fs.mkdirSync(path.join(filesDir, 'tree'), { recursive: true });
    fs.writeFileSync(path.join(base, 'secret.txt'), 'outside the files dir\n');
    fs.symlinkSync('../secret.txt', path.join(filesDir, 'link-out'));
    fs.symlinkSync('../../secret.txt', path.join(filesDir, 'tree', 'also-out'));
    const text = 'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: /etc/via-symlink\n      contents:\n        local: link-out\n';
    const options = { dialect: 'butane' as const, filesDir, fs: nodeFileSystem };
    const result = transpile(analyze(text, options), options);
    assert.equal(result.translation, undefined);
    assert.deepEqual(result.blocking.map((d) => d.code), ['butane/local-symlink-escape']);
    // In a tree a symlink is copied as a link (its target is never read), so it is allowed.
    const tree = 'variant: fcos\nversion: 1.6.0\nstorage:\n  trees:\n    - local: tree\n      path: /etc/t\n';
    const treeResult = transpile(analyze(tree, options), options);
    assert.deepEqual(JSON.parse(treeResult.translation!.output).storage.links, [{ path: '/etc/t/also-out', target: '../../secret.txt' }]);
    assert.ok(!treeResult.translation!.output.includes('outside the files dir'));
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});
