/**
 * The coreos-installer ISO and initrd fixtures (../shared/fixtures/coreos-installer-iso) and the
 * Debian tools the ISO tests check our output with. A missing tool or fixture fails the test,
 * naming what to install: CI installs them.
 */
import assert from 'node:assert/strict';
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IsoError } from '../engine/iso/image';
import { FIXTURES } from './helpers';

const ISO_FIXTURES = path.join(FIXTURES, 'coreos-installer-iso');

/** Runs a tool with an argument array; fails the test with the apt package name when it is missing. */
export function runTool(command: string, args: string[], aptPackage: string, input?: Buffer, cwd?: string): SpawnSyncReturns<Buffer> {
  const result = spawnSync(command, args, { input, cwd, maxBuffer: 64 * 1024 * 1024, timeout: 30_000 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    assert.fail(`${command} is not installed: apt-get install ${aptPackage}`);
  }
  assert.equal(result.error, undefined, `${command} ${args.join(' ')}: ${result.error}`);
  return result;
}

/** stdout of a tool that must succeed. */
export function toolOutput(command: string, args: string[], aptPackage: string, input?: Buffer, cwd?: string): Buffer {
  const result = runTool(command, args, aptPackage, input, cwd);
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed: ${result.stderr.toString()}`);
  return result.stdout;
}

const cache = new Map<string, Buffer>();

/** A fixture's bytes, `.xz` files decompressed with the xz tool (cached: tests copy before changing them). */
export function fixture(relative: string): Buffer {
  const file = path.join(ISO_FIXTURES, relative);
  assert.ok(fs.existsSync(file), `missing fixture ${file}: put the coreos-installer fixtures in ../shared/fixtures or set KINDLING_FIXTURES`);
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = file.endsWith('.xz') ? toolOutput('xz', ['-dc', file], 'xz-utils') : fs.readFileSync(file);
    cache.set(file, bytes);
  }
  return bytes;
}

export interface EmbedAreaRow {
  file: string;
  isoBytes: number;
  offset: number;
  length: number;
}

/** The "Ignition embed area (offset, length)" column of the fixtures README, row by row. */
export function readmeEmbedAreas(): EmbedAreaRow[] {
  const readme = fs.readFileSync(path.join(ISO_FIXTURES, 'README.md'), 'utf8');
  return [...readme.matchAll(/^\| (embed-areas-[\w.-]+\.iso\.xz) \| \d+ \| (\d+) \| (\d+), (\d+)\b/gm)].map((match) => ({
    file: match[1],
    isoBytes: Number(match[2]),
    offset: Number(match[3]),
    length: Number(match[4]),
  }));
}

/** A fresh folder under the system temp dir; remove it with the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-iso-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A newc archive made by GNU cpio from files (name → content), as another tool would write it. */
export function gnuCpioArchive(files: Record<string, string>): Buffer {
  const { dir, remove } = tempDir();
  try {
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    const list = Object.keys(files).join('\n') + '\n';
    return toolOutput('cpio', ['-o', '-H', 'newc', '--quiet'], 'cpio', Buffer.from(list), dir);
  } finally {
    remove();
  }
}

/** xz with the CRC32 check, as coreos-installer compresses an embed area. */
export function xzCrc32(bytes: Buffer): Buffer {
  return toolOutput('xz', ['-c', '--check=crc32', '-9'], 'xz-utils', bytes);
}

/** `bytes` followed by zeros up to `length`. */
export function padTo(bytes: Buffer, length: number): Buffer {
  assert.ok(bytes.length <= length);
  return Buffer.concat([bytes, Buffer.alloc(length - bytes.length)]);
}

/** Rejects with an IsoError of `code` (and a message matching `message`). */
export async function assertIsoError(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof IsoError, `expected an IsoError, got ${err}`);
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}
