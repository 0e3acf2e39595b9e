/**
 * The native Fedora CoreOS live-ISO Ignition embed (reference/boot-iso.md §D) on every
 * coreos-installer fixture: where the area is, embed/show/remove, what changes in the ISO, and
 * that real tools (xorriso, gzip, cpio) read what we write. Hostile images must fail cleanly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { findIgnitionArea, readIgnitionArea } from '../engine/iso/embedArea';
import { bufferImage, ImageReader } from '../engine/iso/image';
import { areaMembers, embedConfig, readEmbeddedConfig, readIsoConfig, removeConfig } from '../engine/iso/ignitionEmbed';
import { findEntry, IsoEntry, IsoVolume, listDirectory, readEntry, readPrimaryVolume } from '../engine/iso/iso9660';
import { assertIsoError, fixture, gnuCpioArchive, padTo, readmeEmbedAreas, tempDir, toolOutput, xzCrc32 } from './isoFixtures';

const CONFIG = Buffer.from('{"ignition":{"version":"3.4.0"},"passwd":{"users":[{"name":"core","sshAuthorizedKeys":["ssh-ed25519 AAAA test"]}]}}\n');
const LEGACY_FIXTURES = ['embed-areas-2020-09.iso.xz', 'embed-areas-2021-01.iso.xz', 'embed-areas-2021-09.iso.xz', 'embed-areas-2021-12.iso.xz'];

function expectedVia(file: string): string {
  return /2023-/.test(file) ? 'igninfo.json' : 'ignition.img';
}

/** Every path below the root, depth first; a directory whose extent was seen already (a loop) is not entered again. */
async function walkTree(image: ImageReader, volume: IsoVolume): Promise<string[]> {
  const found: string[] = [];
  const seen = new Set<number>([volume.root.extentOffset]);
  const visit = async (directory: IsoEntry, prefix: string): Promise<void> => {
    for (const entry of await listDirectory(image, directory)) {
      found.push(prefix + entry.name);
      if (entry.isDirectory && !seen.has(entry.extentOffset)) {
        seen.add(entry.extentOffset);
        await visit(entry, `${prefix}${entry.name}/`);
      }
    }
  };
  await visit(volume.root, '');
  return found;
}

/** A copy of `bytes` with `from` (which must occur exactly once) replaced by `to` of the same length. */
function patched(bytes: Buffer, from: string, to: string): Buffer {
  assert.equal(from.length, to.length);
  const at = bytes.indexOf(from, 0, 'latin1');
  assert.ok(at >= 0 && bytes.indexOf(from, at + 1, 'latin1') < 0, `${from} occurs exactly once`);
  const copy = Buffer.from(bytes);
  copy.write(to, at, 'latin1');
  return copy;
}

test('the README lists every embed-areas fixture', () => {
  assert.equal(readmeEmbedAreas().length, 10);
});

for (const row of readmeEmbedAreas()) {
  test(`${row.file}: the embed area is where the README says, found via ${expectedVia(row.file)}`, async () => {
    const iso = fixture(`iso/${row.file}`);
    assert.equal(iso.length, row.isoBytes);
    assert.deepEqual(await findIgnitionArea(bufferImage(iso)), { offset: row.offset, length: row.length, via: expectedVia(row.file) });
  });

  test(`${row.file}: embed, show and remove change only the area`, async () => {
    const original = fixture(`iso/${row.file}`);
    const { area, bytes } = await readIgnitionArea(bufferImage(original));
    assert.ok(bytes.every((byte) => byte === 0), 'the fixture area is pristine');
    assert.equal(await readIsoConfig(bufferImage(original)), undefined);

    const embedded = Buffer.from(original);
    (await embedConfig(bytes, CONFIG)).copy(embedded, area.offset);
    assert.deepEqual(await readIsoConfig(bufferImage(embedded)), CONFIG);
    assert.ok(embedded.subarray(0, area.offset).equals(original.subarray(0, area.offset)), 'bytes before the area are unchanged');
    assert.ok(embedded.subarray(area.offset + area.length).equals(original.subarray(area.offset + area.length)), 'bytes after the area are unchanged');
    assert.ok(!embedded.equals(original));

    const removed = Buffer.from(embedded);
    (await removeConfig((await readIgnitionArea(bufferImage(embedded))).bytes)).copy(removed, area.offset);
    assert.ok(removed.equals(original), 'remove gives back the pristine ISO byte for byte');
  });
}

test('the legacy coreiso+ header of 2020-09 … 2021-12 points at the same area, and is used when images/ignition.img is missing', async () => {
  for (const file of LEGACY_FIXTURES) {
    const iso = fixture(`iso/${file}`);
    const expected = readmeEmbedAreas().find((row) => row.file === file)!;
    assert.equal(iso.toString('latin1', 32744, 32752), 'coreiso+');
    const withoutFile = patched(iso, 'IGNITION.IMG;1', 'IGNITIOX.IMG;1');
    assert.deepEqual(await findIgnitionArea(bufferImage(withoutFile)), { offset: expected.offset, length: expected.length, via: 'legacy header' });
  }
  // 2022 on: no header, so without the file there is no area at all.
  const noHeader = patched(fixture('iso/embed-areas-2022-02.iso.xz'), 'IGNITION.IMG;1', 'IGNITIOX.IMG;1');
  await assertIsoError(findIgnitionArea(bufferImage(noHeader)), 'no-embed-area');
});

test('volume ids and coreos/igninfo.json are read from the primary directory', async () => {
  const image = bufferImage(fixture('iso/embed-areas-2023-07.s390x.iso.xz'));
  const volume = await readPrimaryVolume(image);
  assert.equal(volume.volumeId, 'fedora-coreos-38.20230718.dev.0');
  const igninfo = await findEntry(image, volume, 'COREOS/IGNINFO.JSO');
  assert.ok(igninfo);
  assert.deepEqual(JSON.parse((await readEntry(image, igninfo)).toString()), { file: 'images/cdboot.img', length: 262144, offset: 132096 });
  assert.equal((await readPrimaryVolume(bufferImage(fixture('iso/embed-areas-2021-09.iso.xz')))).volumeId, 'fedora-coreos-34.20210921.dev.0');
});

test('embed refuses to replace a config without force, replaces it with force', async () => {
  const pristine = Buffer.alloc(262144);
  const first = await embedConfig(pristine, CONFIG);
  await assertIsoError(embedConfig(first, Buffer.from('{}')), 'already-embedded', /already has an embedded Ignition config/);
  const second = await embedConfig(first, Buffer.from('{"ignition":{"version":"3.5.0"}}'), { force: true });
  assert.equal((await readEmbeddedConfig(second))?.toString(), '{"ignition":{"version":"3.5.0"}}');
  assert.deepEqual((await areaMembers(second)).map((member) => member.name), ['config.ign']);
  await assertIsoError(removeConfig(pristine), 'no-config', /no embedded Ignition config/);
});

test('other members (network keyfiles) survive embed and remove; a coreos-installer-style xz area is read and replaced', async () => {
  const keyfile = '[connection]\nid=eth0\ntype=ethernet\n';
  // What coreos-installer leaves behind: a newc archive, xz with CRC32, zero padding.
  const area = padTo(
    xzCrc32(gnuCpioArchive({ 'etc/coreos-firstboot-network/eth0.nmconnection': keyfile, 'config.ign': '{"old":true}' })),
    262144,
  );
  assert.equal((await readEmbeddedConfig(area))?.toString(), '{"old":true}');
  await assertIsoError(embedConfig(area, CONFIG), 'already-embedded');
  const replaced = await embedConfig(area, CONFIG, { force: true });
  assert.equal(replaced[0], 0x1f, 'we write gzip');
  const members = await areaMembers(replaced);
  assert.deepEqual(members.map((member) => member.name), ['etc/coreos-firstboot-network/eth0.nmconnection', 'config.ign']);
  assert.equal(members[0].data.toString(), keyfile);
  assert.deepEqual(await readEmbeddedConfig(replaced), CONFIG);

  const removed = await removeConfig(replaced);
  assert.deepEqual((await areaMembers(removed)).map((member) => [member.name, member.data.toString()]), [['etc/coreos-firstboot-network/eth0.nmconnection', keyfile]]);
  assert.equal(await readEmbeddedConfig(removed), undefined);
  await assertIsoError(removeConfig(removed), 'no-config');
});

test('a config that does not fit the area is refused, saying how big it is', async () => {
  const incompressible = randomBytes(300_000);
  await assertIsoError(embedConfig(Buffer.alloc(262144), incompressible), 'too-large', /^the compressed config \(\d{6} bytes\) does not fit in the ISO's 262144-byte embed area/);
  // 250 KB of random bytes also cannot fit once gzip adds its framing to incompressible data.
  await assertIsoError(embedConfig(Buffer.alloc(262144), randomBytes(262_100)), 'too-large');
});

test('real tools read what we write: xorriso extracts images/ignition.img, gzip -dc | cpio lists config.ign', async () => {
  const original = fixture('iso/embed-areas-2023-07.x86_64.iso.xz');
  const { area, bytes } = await readIgnitionArea(bufferImage(original));
  const embedded = Buffer.from(original);
  const newArea = await embedConfig(bytes, CONFIG);
  newArea.copy(embedded, area.offset);
  const { dir, remove } = tempDir();
  try {
    fs.writeFileSync(path.join(dir, 'custom.iso'), embedded);
    toolOutput('xorriso', ['-osirrox', 'on', '-indev', 'custom.iso', '-extract', '/images/ignition.img', 'ignition.img'], 'xorriso', undefined, dir);
    const extracted = fs.readFileSync(path.join(dir, 'ignition.img'));
    assert.ok(extracted.equals(newArea), 'xorriso finds our area as images/ignition.img');
    const archive = toolOutput('gzip', ['-dc'], 'gzip', extracted);
    assert.equal(toolOutput('cpio', ['-it', '--quiet'], 'cpio', archive).toString(), 'config.ign\n');
    assert.deepEqual(toolOutput('cpio', ['-i', '--quiet', '--to-stdout', 'config.ign'], 'cpio', archive), CONFIG);
  } finally {
    remove();
  }
});

test('synthetic.iso: nested, multi-sector and 8.3-mangled entries, as xorriso lists them; no embed area', async () => {
  const iso = fixture('iso/synthetic.iso.xz');
  const image = bufferImage(iso);
  const volume = await readPrimaryVolume(image);
  assert.equal(volume.volumeId, 'volume-ID-string');

  const { dir, remove } = tempDir();
  let xorrisoPaths: string[];
  try {
    fs.writeFileSync(path.join(dir, 'synthetic.iso'), iso);
    const listing = toolOutput('xorriso', ['-indev', 'synthetic.iso', '-find', '/'], 'xorriso', undefined, dir).toString();
    // xorriso quotes each path for a shell: '…' with ' written as '"'"'.
    xorrisoPaths = listing.trim().split('\n').map((line) => line.slice(2, -1).replace(/'"'"'/g, "'")).filter((p) => p !== '');
  } finally {
    remove();
  }
  const ours = await walkTree(image, volume);
  assert.deepEqual([...ours].sort(), [...xorrisoPaths].sort());
  assert.equal(ours.filter((p) => p.startsWith('LARGEDIR/')).length, 150);
  for (const name of ['ABC', 'ABC.D', 'ABCDE000', 'ABCDEFGH.IJK', ':<=>?', `!"%&'()*.+,-`]) assert.ok(ours.includes(`NAMES/${name}`), name);

  const largeDir = await findEntry(image, volume, 'largedir');
  assert.ok(largeDir?.isDirectory && largeDir.size > 2048, 'LARGEDIR spans several sectors');
  const last = await findEntry(image, volume, 'largedir/99.dat');
  assert.equal(last && (await readEntry(image, last)).toString(), 'foo\n');
  const nested = await findEntry(image, volume, '/really/very/deeply/nested/file.txt');
  assert.equal(nested && (await readEntry(image, nested)).toString(), 'foo\n');
  const sub = await findEntry(image, volume, 'CONTENT/DIR/SUBFILE.TXT');
  assert.equal(sub && (await readEntry(image, sub)).toString(), 'bar\n');
  assert.equal((await findEntry(image, volume, 'names/abc'))?.size, 0);
  assert.equal(await findEntry(image, volume, 'content/missing.txt'), undefined);
  assert.equal(await findEntry(image, volume, 'content/file.txt/below'), undefined);

  await assertIsoError(
    findIgnitionArea(image),
    'no-embed-area',
    /is an ISO9660 image \(volume "volume-ID-string"\) but not a Fedora CoreOS live ISO: it has no Ignition embed area \(coreos\/igninfo\.json or images\/ignition\.img\)/,
  );
});

test('random bytes, empty and truncated images fail with not-iso or truncated', { timeout: 5000 }, async () => {
  await assertIsoError(findIgnitionArea(bufferImage(Buffer.alloc(0))), 'not-iso', /not an ISO9660 image/);
  await assertIsoError(findIgnitionArea(bufferImage(randomBytes(1024 * 1024))), 'not-iso');
  await assertIsoError(findIgnitionArea(bufferImage(Buffer.alloc(1024 * 1024))), 'not-iso');
  const iso = fixture('iso/embed-areas-2022-09.iso.xz');
  await assertIsoError(findIgnitionArea(bufferImage(iso.subarray(0, 33000))), 'not-iso');
  await assertIsoError(findIgnitionArea(bufferImage(iso.subarray(0, 40000))), 'truncated');
  // The directories are all there but the area is cut off.
  await assertIsoError(findIgnitionArea(bufferImage(iso.subarray(0, 300000))), 'truncated', /embed area .* reaches byte 421888, but the image ends at byte 300000/);
});

test('hostile directory records: absurd sizes, loops and a bad igninfo.json end quickly', { timeout: 5000 }, async () => {
  const synthetic = fixture('iso/synthetic.iso.xz');
  const rootSize = 32768 + 156 + 10;
  const huge = Buffer.from(synthetic);
  huge.writeUInt32LE(0xfffff000, rootSize);
  await assertIsoError(findIgnitionArea(bufferImage(huge)), 'not-iso', /far more than any real directory/);

  // CONTENT's extent pointed back at the root directory: a loop.
  const looped = Buffer.from(synthetic);
  const volume = await readPrimaryVolume(bufferImage(synthetic));
  const rootStart = volume.root.extentOffset;
  const contentRecord = synthetic.indexOf('CONTENT', rootStart, 'latin1') - 33;
  assert.ok(contentRecord > rootStart && contentRecord < rootStart + 2048);
  looped.writeUInt32LE(rootStart / 2048, contentRecord + 2);
  const loopedImage = bufferImage(looped);
  const loopedVolume = await readPrimaryVolume(loopedImage);
  const paths = await walkTree(loopedImage, loopedVolume);
  assert.ok(paths.includes('CONTENT') && paths.includes('LARGEDIR/150.DAT'));
  assert.equal((await findEntry(loopedImage, loopedVolume, 'content/content/content/largedir'))?.isDirectory, true);

  const igninfo = '{\n  "file": "images/ignition.img"\n}\n';
  const x86 = fixture('iso/embed-areas-2023-07.x86_64.iso.xz');
  await assertIsoError(findIgnitionArea(bufferImage(patched(x86, igninfo, '{"file":"zipl.prm","offset":999}'.padEnd(igninfo.length)))), 'bad-area', /does not fit inside zipl\.prm \(116 bytes\)/);
  await assertIsoError(findIgnitionArea(bufferImage(patched(x86, igninfo, 'not json'.padEnd(igninfo.length)))), 'no-embed-area', /igninfo\.json is not valid/);
  await assertIsoError(findIgnitionArea(bufferImage(patched(x86, igninfo, '{"file":"images/missing.img"}'.padEnd(igninfo.length)))), 'no-embed-area', /no such file/);
});
