/** engine/host/isoFiles.ts: how every ISO is written — atomically, never over its input, with clear errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { copyFileWithProgress, describeWriteError, OutputError, writeOutputAtomically } from '../engine/host/isoFiles';
import { CancelledError } from '../engine/host/processes';

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-isofiles-'));
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

test('a failure mid-write (a full disk) leaves the previous output intact and no temporary file', async () => {
  const dir = scratch();
  try {
    const output = path.join(dir, 'node.iso');
    fs.writeFileSync(output, 'previous build');
    await assert.rejects(
      writeOutputAtomically(output, [], async (temp) => {
        fs.writeFileSync(temp, 'half of a new bu');
        throw errno('ENOSPC');
      }),
      (err: unknown) => err instanceof OutputError && err.message === `the disk is full: there is not enough space for ${output}`,
    );
    assert.equal(fs.readFileSync(output, 'utf8'), 'previous build');
    assert.deepEqual(fs.readdirSync(dir), ['node.iso']);

    await writeOutputAtomically(output, [], async (temp) => fs.writeFileSync(temp, 'new build'));
    assert.equal(fs.readFileSync(output, 'utf8'), 'new build');
    assert.deepEqual(fs.readdirSync(dir), ['node.iso']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the output is never the input, under any name', async () => {
  const dir = scratch();
  try {
    const base = path.join(dir, 'base.iso');
    fs.writeFileSync(base, 'base');
    fs.symlinkSync(base, path.join(dir, 'link.iso'));
    fs.linkSync(base, path.join(dir, 'hard.iso'));
    for (const output of [base, path.join(dir, '.', 'base.iso'), path.join(dir, 'link.iso'), path.join(dir, 'hard.iso')]) {
      await assert.rejects(writeOutputAtomically(output, [base], async () => assert.fail('must not write')), /refusing to write .*it is the input/);
    }
    assert.equal(fs.readFileSync(base, 'utf8'), 'base');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('copying reports progress and stops when cancelled', async () => {
  const dir = scratch();
  try {
    const from = path.join(dir, 'from.iso');
    fs.writeFileSync(from, Buffer.alloc(9 * 1024 * 1024, 1));
    const seen: number[] = [];
    await copyFileWithProgress(from, path.join(dir, 'to.iso'), (done, total) => seen.push(done / total));
    assert.deepEqual(fs.readFileSync(path.join(dir, 'to.iso')), fs.readFileSync(from));
    assert.ok(seen.length >= 3 && seen.at(-1) === 1, JSON.stringify(seen));

    const controller = new AbortController();
    await assert.rejects(
      copyFileWithProgress(from, path.join(dir, 'cancelled.iso'), () => controller.abort(), controller.signal),
      (err: unknown) => err instanceof CancelledError,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('write errors read as what to do', () => {
  assert.equal(describeWriteError('/o.iso', errno('EDQUOT')), 'the disk quota is exceeded: there is not enough space for /o.iso');
  assert.equal(describeWriteError('/o.iso', errno('EACCES')), 'no permission to write /o.iso');
  assert.equal(describeWriteError('/o.iso', errno('EROFS')), '/o.iso is on a read-only file system');
});
