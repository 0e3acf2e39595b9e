/**
 * newc cpio and initrd streams: the coreos-installer initrd fixtures (raw, gzip, xz and zstd
 * archives back to back, dracut-padded names, duplicates, path traversal), what GNU cpio, gzip
 * and xz make of our archives and theirs, and bounded decompression of hostile streams.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'zlib';
import { CpioMember, latestMembers, parseArchives, writeArchive } from '../engine/iso/cpio';
import { areaMembers, readEmbeddedConfig } from '../engine/iso/ignitionEmbed';
import { crc32, MAX_DECOMPRESSED_BYTES, readInitrd } from '../engine/iso/initrdStreams';
import { assertIsoError, fixture, gnuCpioArchive, padTo, runTool, toolOutput, xzCrc32 } from './isoFixtures';

function summary(members: CpioMember[]): Array<[string, string, string]> {
  return members.map((member) => [member.name, member.mode.toString(8), member.data.toString()]);
}

test('writeArchive: newc headers, parent folders 040755, files 0100600, 4-byte padding, trailer', () => {
  const archive = writeArchive([
    { name: 'etc/coreos-firstboot-network/eth0.nmconnection', data: Buffer.from('[connection]\n') },
    { name: 'etc/hostname', data: Buffer.from('node1') },
    { name: 'config.ign', data: Buffer.from('{}') },
  ]);
  assert.equal(archive.length % 4, 0);
  const header = archive.toString('latin1', 0, 110);
  assert.match(header, /^070701/);
  const field = (index: number): string => header.slice(6 + index * 8, 14 + index * 8);
  assert.deepEqual([field(1), field(2), field(3), field(4), field(5), field(6)], ['000041ed', '00000000', '00000000', '00000001', '00000000', '00000000']);
  assert.equal(archive.toString('latin1', 110, 114), 'etc\0');
  assert.match(archive.toString('latin1', archive.length - 124), /TRAILER!!!\0+$/);
  assert.deepEqual(summary(parseArchives(archive, 'test')), [
    ['etc', '40755', ''],
    ['etc/coreos-firstboot-network', '40755', ''],
    ['etc/coreos-firstboot-network/eth0.nmconnection', '100600', '[connection]\n'],
    ['etc/hostname', '100600', 'node1'],
    ['config.ign', '100600', '{}'],
  ]);
  // GNU cpio agrees on names, types and permissions.
  const listing = toolOutput('cpio', ['-itv', '--quiet'], 'cpio', archive).toString().trim().split('\n');
  assert.deepEqual(
    listing.map((line) => [line.slice(0, 10), line.split(/\s+/).pop()]),
    [
      ['drwxr-xr-x', 'etc'],
      ['drwxr-xr-x', 'etc/coreos-firstboot-network'],
      ['-rw-------', 'etc/coreos-firstboot-network/eth0.nmconnection'],
      ['-rw-------', 'etc/hostname'],
      ['-rw-------', 'config.ign'],
    ],
  );
});

test('compressed.img: raw, gzip, xz, zstd and raw archives back to back, every member read', async () => {
  const streams = await readInitrd(fixture('initrd/compressed.img.xz'));
  assert.deepEqual(streams.map((stream) => stream.kind), ['cpio', 'gzip', 'xz', 'zstd', 'cpio']);
  const folders = ['uncompressed-1', 'gzip', 'xz', 'zstd', 'uncompressed-2'];
  streams.forEach((stream, index) => {
    const files = stream.members.filter((member) => member.data.length > 0).map((member) => [member.name, member.data.toString()]);
    assert.deepEqual(files.sort(), [[`${folders[index]}/hello`, 'HELLO\n'], [`${folders[index]}/world`, 'WORLD\n']]);
  });
  // Each stream ends exactly where the next begins (or zero padding does).
  for (let index = 1; index < streams.length; index++) assert.ok(streams[index].offset >= streams[index - 1].end);
});

test('padded-names.img: dracut name padding is skipped', async () => {
  const members = latestMembers((await readInitrd(fixture('initrd/padded-names.img.xz'))).flatMap((stream) => stream.members));
  const byName = new Map(members.map((member) => [member.name, member.data.toString()]));
  assert.equal(byName.get('dir/hello'), 'z'.repeat(5000));
  assert.equal(byName.get('dir/world'), 'q'.repeat(4500));
});

test('redundant.img: the last archive holding a path wins', async () => {
  const area = fixture('initrd/redundant.img.xz');
  const streams = await readInitrd(area);
  assert.equal(streams.length, 3);
  assert.deepEqual(summary((await areaMembers(area)).filter((member) => member.name === 'data/file')), [['data/file', '100664', 'third\n']]);
});

test('traversal-relative and traversal-absolute: members outside the folder are refused', async () => {
  for (const [file, name] of [['initrd/traversal-relative.img', '../f'], ['initrd/traversal-absolute.img', '/etc/adjtime']]) {
    const bytes = fixture(file);
    const [stream] = await readInitrd(bytes);
    assert.equal(stream.kind, 'xz');
    assert.deepEqual(stream.members.map((member) => member.name), [name]);
    await assertIsoError(readEmbeddedConfig(padTo(bytes, 4096)), 'unsafe-member', /refusing to read it/);
  }
  await assertIsoError(readEmbeddedConfig(padTo(writeArchive([{ name: 'etc/../../config.ign', data: Buffer.from('{}') }]), 4096)), 'unsafe-member');
  // `./` prefixes (find . | cpio) are harmless and name the same file.
  const dotted = padTo(writeArchive([{ name: './config.ign', data: Buffer.from('{"dot":1}') }]), 4096);
  assert.equal((await readEmbeddedConfig(dotted))?.toString(), '{"dot":1}');
});

test('zeros between and after streams are padding; anything else is bad-area', async () => {
  const archive = writeArchive([{ name: 'config.ign', data: Buffer.from('{}') }]);
  const gzip = zlib.gzipSync(archive);
  assert.equal((await readInitrd(Buffer.concat([archive, Buffer.alloc(7), gzip, Buffer.alloc(5)]))).length, 2);
  for (const [what, bytes] of [
    ['garbage after gzip', Buffer.concat([gzip, Buffer.from('junk')])],
    ['garbage after xz', Buffer.concat([xzCrc32(archive), Buffer.alloc(4), Buffer.from([1])])],
    ['garbage after a raw archive', Buffer.concat([archive, Buffer.from('PK\x03\x04')])],
    ['a cut gzip stream', gzip.subarray(0, gzip.length - 6)],
    ['a cut xz stream', xzCrc32(archive).subarray(0, 40)],
    ['a cut raw archive', archive.subarray(0, archive.length - 20)],
    ['a corrupt gzip checksum', Buffer.concat([gzip.subarray(0, gzip.length - 8), Buffer.alloc(8, 0xff)])],
    ['gzip of something that is not cpio', zlib.gzipSync(Buffer.from('hello'))],
  ] as const) {
    await assertIsoError(readInitrd(bytes), 'bad-area', undefined).catch((err) => assert.fail(`${what}: ${err.message}`));
  }
  const compressed = fixture('initrd/compressed.img.xz');
  await assertIsoError(readInitrd(compressed.subarray(0, 1400)), 'bad-area', /zstd stream at byte 1366/);
});

test('xz streams with CRC64 or no check are read too (their end is found from the footer); SHA-256 is refused clearly', async () => {
  const archive = gnuCpioArchive({ 'config.ign': '{"check":true}' });
  for (const check of ['crc64', 'none']) {
    const xz = toolOutput('xz', ['-c', `--check=${check}`], 'xz-utils', archive);
    assert.equal((await readEmbeddedConfig(padTo(xz, 8192)))?.toString(), '{"check":true}', check);
  }
  const sha256 = toolOutput('xz', ['-c', '--check=sha256'], 'xz-utils', archive);
  await assertIsoError(readEmbeddedConfig(padTo(sha256, 8192)), 'bad-area', /uses xz integrity check 10; only CRC32, CRC64 or none/);
});

test('our reader follows xz -dc on concatenated streams with 4-byte stream padding, and the kernel on odd padding', async () => {
  const first = xzCrc32(gnuCpioArchive({ 'a/one': '1' }));
  const second = xzCrc32(gnuCpioArchive({ 'b/two': '2' }));
  const padded = Buffer.concat([first, Buffer.alloc(4), second, Buffer.alloc(8)]);
  const viaXz = parseArchives(toolOutput('xz', ['-dc'], 'xz-utils', padded), 'xz -dc output');
  const ours = (await readInitrd(padded)).flatMap((stream) => stream.members);
  assert.deepEqual(summary(ours), summary(viaXz));
  assert.deepEqual(summary(ours).map(([name]) => name), ['a/one', 'b/two']);

  // xz itself only accepts stream padding in multiples of 4; the kernel skips any zero bytes, and so do we.
  const odd = Buffer.concat([first, Buffer.alloc(3), second]);
  assert.notEqual(runTool('xz', ['-dc'], 'xz-utils', odd).status, 0);
  assert.deepEqual(summary((await readInitrd(odd)).flatMap((stream) => stream.members)), summary(viaXz));

  // gzip -dc reads back-to-back members and ignores trailing zeros; so do we.
  const gzips = Buffer.concat([zlib.gzipSync(gnuCpioArchive({ 'a/one': '1' })), zlib.gzipSync(gnuCpioArchive({ 'b/two': '2' })), Buffer.alloc(100)]);
  const viaGzip = parseArchives(toolOutput('gzip', ['-dc'], 'gzip', gzips), 'gzip -dc output');
  assert.deepEqual(summary((await readInitrd(gzips)).flatMap((stream) => stream.members)), summary(viaGzip));
});

test('decompression bombs stop at the cap instead of exhausting memory', { timeout: 5000 }, async () => {
  const bomb = zlib.gzipSync(Buffer.alloc(MAX_DECOMPRESSED_BYTES + 1024 * 1024), { level: 1 });
  await assertIsoError(readInitrd(bomb), 'bad-area', new RegExp(`gzip stream at byte 0 of the initrd decompresses to more than ${MAX_DECOMPRESSED_BYTES} bytes`));

  // A zstd frame without a content size: 600 RLE blocks of 128 KiB each, 75 MiB from 2 KB.
  const block = (last: boolean): Buffer => {
    const rle = Buffer.from([0, 0, 0, 0x30]); // block header (size, type 1 = RLE, last flag), then the repeated byte
    rle.writeUIntLE(((128 * 1024) << 3) | (1 << 1) | (last ? 1 : 0), 0, 3);
    return rle;
  };
  const frame = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58]), ...Array.from({ length: 600 }, (_, index) => block(index === 599))]);
  await assertIsoError(readInitrd(frame), 'bad-area', /zstd stream at byte 0 .* decompresses to more than/);
  // A window of 2^41 bytes, which a decoder would allocate up front.
  await assertIsoError(readInitrd(Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8]), block(true)])), 'bad-area', /decompresses to more than/);

  // xz: the index declares the size, so the stream is refused before decompressing it.
  const xz = toolOutput('xz', ['-c', '-0', '--check=crc32'], 'xz-utils', Buffer.alloc(2 * 1024 * 1024));
  await assertIsoError(readInitrd(xz, { maxDecompressedBytes: 1024 * 1024 }), 'bad-area', /xz stream .* decompresses to more than 1048576 bytes/);

  // An index that understates the size does not help: decompression itself stops at the cap.
  const lying = toolOutput('xz', ['-c', '-0', '--check=crc32'], 'xz-utils', Buffer.alloc(3 * 1024 * 1024));
  const indexStart = lying.length - 12 - (lying.readUInt32LE(lying.length - 8) + 1) * 4;
  const sizeAt = lying.indexOf(Buffer.from([0x80, 0x80, 0xc0, 0x01]), indexStart); // 3 MiB as an xz VLI
  assert.ok(sizeAt > indexStart);
  Buffer.from([0x80, 0x80, 0x80, 0x01]).copy(lying, sizeAt); // now it claims 2 MiB
  lying.writeUInt32LE(crc32(lying.subarray(indexStart, lying.length - 16)), lying.length - 16);
  await assertIsoError(readInitrd(lying, { maxDecompressedBytes: 2.5 * 1024 * 1024 }), 'bad-area', /xz stream .* decompresses to more than 2621440 bytes/);

  // The cap covers all streams together.
  const half = zlib.gzipSync(writeArchive([{ name: 'f', data: Buffer.alloc(600 * 1024) }]));
  await assertIsoError(readInitrd(Buffer.concat([half, half]), { maxDecompressedBytes: 1024 * 1024 }), 'bad-area', /gzip stream at byte \d+ .* more than \d+ bytes/);
  assert.equal((await readInitrd(Buffer.concat([half, half]), { maxDecompressedBytes: 2 * 1024 * 1024 })).length, 2);
});
