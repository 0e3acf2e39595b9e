/**
 * CLC → Butane migration (engine/clc/migrate, cli/migrate).
 *
 * (a) Every ct vector that ct accepted (expected.exit 0) is migrated with its -platform,
 *     the Butane is translated in-process (files-dir = the vector's -files-dir), and the
 *     Ignition 3.4.0 result must say what ct's Ignition 2.3.0 `expected.ign` says. Rules,
 *     each a deepEqual of normalised views, so each fails on any difference:
 *   - files by path. ct's duplicates fold in order (a later entry replaces, a later
 *     `append: true` entry appends). Contents compare as bytes after decoding data URLs
 *     (ct percent-encodes; Butane may base64 or gzip: gzip is undone) or as source URL,
 *     plus compression ("" = none) and verification hash. `append` lists the same way.
 *     mode; overwrite: ct's effective value (explicit, else true — except for append
 *     entries, false) against ours (absent = false); user and group.
 *     networkd units and drop-ins are files at /etc/systemd/network/<name>[.d/<dropin>],
 *     mode 0644, overwrite true (nothing for empty contents); /etc/coreos/update.conf is
 *     /etc/flatcar/update.conf. An entry on another filesystem keeps its path and needs a
 *     migration note naming it.
 *   - directories and links by path: mode / target, hard (absent = false), overwrite
 *     (absent = false), user, group.
 *   - systemd units by name, ct's duplicates folded (later fields win, drop-ins by name):
 *     enabled = ct's `enabled` if set, else true for `enable: true`; mask only when true;
 *     contents and drop-ins by name with contents ("" = none), after mapping ct's
 *     EnvironmentFile=/run/metadata/coreos to /run/metadata/flatcar and
 *     ${CLOUDSTACK_LOCAL_HOSTNAME} to ${COREOS_CLOUDSTACK_LOCAL_HOSTNAME}, as documented.
 *   - users by name, all fields (a `create` block replaces its fields, as Ignition 2 did);
 *     groups by name, all fields.
 *   - filesystems with `mount` by device: format, wipeFilesystem (or create.force),
 *     label, uuid, options (or create.options), no path; path-only ones must be absent.
 *   - disks by device: wipeTable, partitions in order (label, number, sizeMiB, startMiB,
 *     typeGuid, guid); raid arrays by name; ignition config append ↔ merge, replace,
 *     timeouts and certificate authorities (source + hash).
 *   The one vector ct accepts and Butane must refuse (a `local` path leaving the files
 *   directory) is checked for that refusal and for the note explaining it.
 * (b) YAML rendering corners, notes and comments for what is not carried over, the CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { parse } from 'yaml';
import { analyze, transpile } from '../engine/index';
import { nodeFileSystem } from '../engine/host/files';
import { decodeDataUrl } from '../engine/clc/dataUrl';
import { migrateClc, MigrationNote } from '../engine/clc/migrate/index';
import { renderYaml, Comments } from '../engine/clc/migrate/yamlText';
import { Octal } from '../engine/clc/migrate/scalars';
import { runMigrate } from '../cli/migrate';
import { UsageError } from '../cli/args';
import { VECTORS } from './helpers';

/** JSON of two Ignition specs, walked loosely. */
type J = any;

const CLC_VECTORS = path.join(VECTORS, 'clc');
const BUTANE_REFUSES: Record<string, RegExp> = { 'quirk-clc-local-escape-allowed': /outside the files directory/ };

interface Case {
  name: string;
  dir: string;
  platform?: string;
  filesDir?: string;
}

function acceptedCases(): Case[] {
  if (!fs.existsSync(CLC_VECTORS)) return [];
  return fs
    .readdirSync(CLC_VECTORS)
    .sort()
    .filter((name) => fs.existsSync(path.join(CLC_VECTORS, name, 'expected.exit')) && fs.readFileSync(path.join(CLC_VECTORS, name, 'expected.exit'), 'utf8').trim() === '0')
    .map((name) => {
      const dir = path.join(CLC_VECTORS, name);
      const words = fs.readFileSync(path.join(dir, 'args'), 'utf8').trim().split(/\s+/);
      const value = (flag: string): string | undefined => {
        const i = words.findIndex((w) => w.replace(/^--?/, '') === flag);
        return i < 0 ? undefined : words[i + 1];
      };
      const filesDir = value('files-dir');
      return { name, dir, platform: value('platform'), filesDir: filesDir && path.resolve(dir, filesDir) };
    });
}

function migrateText(text: string, platform?: string, filesDir?: string): { butane: string; notes: MigrationNote[] } {
  const clc = analyze(text, { dialect: 'clc', platform, filesDir, fs: nodeFileSystem }).clc;
  assert.ok(clc, 'the CLC decodes');
  return migrateClc(clc.config, { platform });
}

function translate(butane: string, filesDir?: string): { ignition?: J; errors: string[] } {
  const analysis = analyze(butane, { dialect: 'butane', filesDir, fs: nodeFileSystem });
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  return { ignition: transpile(analysis, { pretty: false, filesDir, fs: nodeFileSystem }).translation?.ignition, errors };
}

// ---- normalised views -------------------------------------------------------------

const clean = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)));
const byKey = <T>(items: T[], key: (t: T) => string): Record<string, T> => Object.fromEntries(items.map((t) => [key(t), t]));

function resource(r: J): J {
  if (!r || r.source === undefined) return undefined;
  const compression = r.compression || undefined;
  const hash = r.verification?.hash;
  if (!String(r.source).startsWith('data:')) return clean({ source: r.source, compression, hash });
  const decoded = decodeDataUrl(r.source);
  assert.ok(decoded.ok, `data URL ${r.source}`);
  let data = Buffer.from(decoded.data);
  if (compression === 'gzip') data = zlib.gunzipSync(data);
  return clean({ data: data.toString('base64'), hash });
}

const owner = (o: J): J => (o && Object.keys(o).length ? clean({ id: o.id, name: o.name }) : undefined);
const TEXT_FILE = (contents: string): J => ({ source: `data:,${encodeURIComponent(contents)}` });

/** ct's files (and networkd units, and update.conf) as Ignition 3 should hold them: one per path. */
function ctFiles(ct: J): Record<string, J> {
  const entries: J[] = [...(ct.storage?.files ?? [])];
  for (const unit of ct.networkd?.units ?? []) {
    if (unit.contents) entries.push({ path: `/etc/systemd/network/${unit.name}`, contents: TEXT_FILE(unit.contents), mode: 0o644 });
    for (const d of unit.dropins ?? []) if (d.contents) entries.push({ path: `/etc/systemd/network/${unit.name}.d/${d.name}`, contents: TEXT_FILE(d.contents), mode: 0o644 });
  }
  const out: Record<string, J> = {};
  for (const f of entries) {
    const p = f.path === '/etc/coreos/update.conf' ? '/etc/flatcar/update.conf' : f.path;
    const view = clean({ mode: f.mode, user: owner(f.user), group: owner(f.group) });
    if (f.append && out[p]) out[p] = { ...out[p], ...view, append: [...out[p].append, resource(f.contents)] };
    else if (f.append) out[p] = { ...view, overwrite: f.overwrite ?? false, append: [resource(f.contents)] };
    else out[p] = { ...view, overwrite: f.overwrite ?? true, contents: resource(f.contents), append: [] };
  }
  return out;
}

function ourFiles(ign: J): Record<string, J> {
  const files = ign.storage?.files ?? [];
  return Object.fromEntries(
    files.map((f: J) => [f.path, clean({ mode: f.mode, user: owner(f.user), group: owner(f.group), overwrite: f.overwrite ?? false, contents: resource(f.contents), append: (f.append ?? []).map(resource) })]),
  );
}

const nodes = (list: J[] | undefined, view: (n: J) => J): Record<string, J> => Object.fromEntries((list ?? []).map((n) => [n.path, view(n)]));
const dirView = (d: J): J => clean({ mode: d.mode, overwrite: d.overwrite ?? false, user: owner(d.user), group: owner(d.group) });
const linkView = (l: J): J => clean({ target: l.target, hard: l.hard ?? false, overwrite: l.overwrite ?? false, user: owner(l.user), group: owner(l.group) });

const METADATA_MAPPING: [string, string][] = [
  ['EnvironmentFile=/run/metadata/coreos', 'EnvironmentFile=/run/metadata/flatcar'],
  ['${CLOUDSTACK_LOCAL_HOSTNAME}', '${COREOS_CLOUDSTACK_LOCAL_HOSTNAME}'],
];

function units(list: J[] | undefined, fromCt: boolean): Record<string, J> {
  const out: Record<string, J> = {};
  for (const u of list ?? []) {
    const enabled = u.enabled ?? (fromCt && u.enable ? true : undefined);
    const dropins = byKey<J>(
      (u.dropins ?? []).map((d: J) => ({ name: d.name, contents: fromCt ? METADATA_MAPPING.reduce((t: string | undefined, [a, b]) => t?.replaceAll(a, b), d.contents || undefined) : d.contents || undefined })),
      (d) => d.name,
    );
    const view = clean({ enabled, mask: u.mask === true ? true : undefined, contents: u.contents || undefined });
    out[u.name] = { ...(out[u.name] ?? {}), ...view, dropins: { ...(out[u.name]?.dropins ?? {}), ...dropins } };
  }
  return out;
}

const CREATE_FIELDS = ['uid', 'gecos', 'homeDir', 'noCreateHome', 'primaryGroup', 'groups', 'noUserGroup', 'system', 'noLogInit', 'shell'];
function users(list: J[] | undefined): Record<string, J> {
  return byKey<J>(
    (list ?? []).map(({ create, ...user }: J) => clean(create ? { ...Object.fromEntries(Object.entries(user).filter(([k]) => !CREATE_FIELDS.includes(k))), ...create } : user)),
    (u) => u.name,
  );
}

function ctFilesystems(ct: J): Record<string, J> {
  const mounted = (ct.storage?.filesystems ?? []).filter((f: J) => f.mount);
  return byKey<J>(
    mounted.map(({ mount: m }: J) => clean({ device: m.device, format: m.format, wipeFilesystem: m.create?.force || m.wipeFilesystem || false, label: m.label, uuid: m.uuid, options: m.create?.options ?? m.options ?? [] })),
    (f) => f.device,
  );
}
const ourFilesystems = (ign: J): Record<string, J> =>
  byKey<J>((ign.storage?.filesystems ?? []).map((f: J) => clean({ device: f.device, format: f.format, wipeFilesystem: f.wipeFilesystem ?? false, label: f.label, uuid: f.uuid, options: f.options ?? [], path: f.path })), (f) => f.device);

const disks = (list: J[] | undefined): Record<string, J> =>
  byKey<J>(
    (list ?? []).map((d: J) => ({ device: d.device, wipeTable: d.wipeTable ?? false, partitions: (d.partitions ?? []).map((p: J) => clean({ label: p.label, number: p.number ?? 0, sizeMiB: p.sizeMiB, startMiB: p.startMiB, typeGuid: p.typeGuid, guid: p.guid })) })),
    (d) => d.device,
  );

const ref = (r: J): J => clean({ source: r.source, hash: r.verification?.hash });
const ignitionView = (i: J, appendKey: string): J =>
  clean({
    merge: (i?.config?.[appendKey] ?? []).map(ref),
    replace: i?.config?.replace && ref(i.config.replace),
    timeouts: clean({ httpResponseHeaders: i?.timeouts?.httpResponseHeaders, httpTotal: i?.timeouts?.httpTotal }),
    cas: (i?.security?.tls?.certificateAuthorities ?? []).map(ref),
  });

/** Asserts that our Ignition 3 config says what ct's Ignition 2 config says (rules at the top). */
function assertSameMeaning(ct: J, ours: J, notes: MigrationNote[], label: string): void {
  assert.deepEqual(ourFiles(ours), ctFiles(ct), `${label}: files`);
  for (const kind of ['files', 'directories', 'links']) {
    for (const node of ct.storage?.[kind] ?? []) {
      if (node.filesystem === 'root') continue;
      assert.ok(notes.some((n) => n.message.includes(node.path) && n.message.includes(node.filesystem)), `${label}: note for ${node.path} on ${node.filesystem}`);
    }
  }
  assert.deepEqual(nodes(ours.storage?.directories, dirView), nodes(ct.storage?.directories, dirView), `${label}: directories`);
  assert.deepEqual(nodes(ours.storage?.links, linkView), nodes(ct.storage?.links, linkView), `${label}: links`);
  assert.deepEqual(units(ours.systemd?.units, false), units(ct.systemd?.units, true), `${label}: units`);
  assert.deepEqual(users(ours.passwd?.users), users(ct.passwd?.users), `${label}: users`);
  assert.deepEqual(byKey<J>(ours.passwd?.groups ?? [], (g) => g.name), byKey<J>(ct.passwd?.groups ?? [], (g) => g.name), `${label}: groups`);
  assert.deepEqual(ourFilesystems(ours), ctFilesystems(ct), `${label}: filesystems`);
  assert.deepEqual(disks(ours.storage?.disks), disks(ct.storage?.disks), `${label}: disks`);
  assert.deepEqual(byKey<J>(ours.storage?.raid ?? [], (r) => r.name), byKey<J>(ct.storage?.raid ?? [], (r) => r.name), `${label}: raid`);
  assert.deepEqual(ignitionView(ours.ignition, 'merge'), ignitionView(ct.ignition, 'append'), `${label}: ignition`);
}

/** Every note is also a comment in the Butane text. */
function assertNotesCommented(result: { butane: string; notes: MigrationNote[] }, label: string): void {
  const comments = result.butane.split('\n').filter((l) => /^\s*# /.test(l)).map((l) => l.trim().slice(2));
  for (const note of result.notes) assert.ok(note.message.split('\n').every((line) => comments.includes(line)), `${label}: note "${note.message}" is a comment`);
}

// ---- (a) the vectors ----------------------------------------------------------------

const cases = acceptedCases();

test('every CLC vector ct accepts migrates to Butane that means the same', { skip: cases.length === 0 && `no vectors at ${CLC_VECTORS}` }, () => {
  for (const c of cases) {
    const { butane, notes } = migrateText(fs.readFileSync(path.join(c.dir, 'input.yaml'), 'utf8'), c.platform, c.filesDir);
    const { ignition, errors } = translate(butane, c.filesDir);
    if (BUTANE_REFUSES[c.name]) {
      assert.ok(errors.some((e) => BUTANE_REFUSES[c.name].test(e)), `${c.name}: Butane refuses it: ${errors.join('; ')}`);
      assert.ok(notes.some((n) => /leaves the files directory/.test(n.message)), `${c.name}: the migration says why`);
      continue;
    }
    assertNotesCommented({ butane, notes }, c.name);
    assert.deepEqual(errors, [], `${c.name}:\n${butane}`);
    assert.ok(ignition, c.name);
    assert.equal(ignition.ignition.version, '3.4.0');
    assertSameMeaning(JSON.parse(fs.readFileSync(path.join(c.dir, 'expected.ign'), 'utf8')), ignition, notes, c.name);
  }
});

test('the comparison catches a change in any section', { skip: cases.length === 0 && 'no vectors' }, () => {
  const mutations: [string, (ign: J) => void][] = [
    ['clc-files-inline-encoding', (i) => (i.storage.files[0].mode = 0o600)],
    ['clc-files-inline-encoding', (i) => (i.storage.files[1].contents.source = 'data:,other')],
    ['clc-files-append-overwrite', (i) => delete i.storage.files[1].overwrite],
    ['clc-files-append-overwrite', (i) => (i.storage.files[0].append = [])],
    ['clc-networkd-units', (i) => i.storage.files.pop()],
    ['clc-directories-links', (i) => (i.storage.directories[1].user = { name: 'root' })],
    ['clc-directories-links', (i) => (i.storage.links[2].hard = false)],
    ['clc-systemd-units', (i) => (i.systemd.units[1].enabled = false)],
    ['clc-etcd-platform-gce', (i) => (i.systemd.units[0].dropins[0].contents += '\n')],
    ['warn-clc-passwd-deprecated-create', (i) => (i.passwd.users[0].uid = 1)],
    ['clc-raid-filesystems', (i) => (i.storage.filesystems[0].label = 'X')],
    ['clc-raid-filesystems', (i) => (i.storage.raid[0].spares = 0)],
    ['clc-disks-partitions', (i) => (i.storage.disks[0].partitions[2].sizeMiB = 2047)],
    ['clc-update-extra-fields', (i) => (i.storage.files[0].path = '/etc/coreos/update.conf')],
  ];
  for (const [name, mutate] of mutations) {
    const c = cases.find((k) => k.name === name)!;
    const { butane, notes } = migrateText(fs.readFileSync(path.join(c.dir, 'input.yaml'), 'utf8'), c.platform, c.filesDir);
    const ignition = translate(butane, c.filesDir).ignition;
    mutate(ignition);
    const ct = JSON.parse(fs.readFileSync(path.join(c.dir, 'expected.ign'), 'utf8'));
    assert.throws(() => assertSameMeaning(ct, ignition, notes, name), assert.AssertionError, `${name}: ${mutate.toString()}`);
  }
});

// ---- (b) rendering -----------------------------------------------------------------

/** Writes `value` as a file's inline contents, translates it and reads back what Ignition would write. */
function roundTrip(value: string): { text: string; written: string } {
  const root = { variant: 'flatcar', version: '1.1.0', storage: { files: [{ path: '/etc/x', contents: { inline: value } }] } };
  const text = renderYaml(root, new Comments());
  const { ignition, errors } = translate(text);
  assert.deepEqual(errors, [], text);
  const source = resource(ignition.storage.files[0].contents);
  return { text, written: source ? Buffer.from(source.data, 'base64').toString('utf8') : '' };
}

test('multi-line text becomes a literal block keeping trailing newlines and leading spaces exactly', () => {
  const cases: [string, string][] = [
    ['a\nb\n', 'inline: |\n'],
    ['a\nb', 'inline: |-\n'],
    ['a\nb\n\n\n', 'inline: |+\n'],
    ['  indented\nnot\n', 'inline: |2\n'],
    ['\n\n  after blank lines\n', 'inline: |2\n'],
    ['\tTab first\nx', 'inline: |2-\n'],
    ['# not a comment\n---\n...\nkey: value\n', 'inline: |\n'],
    ['trailing spaces   \n   \nend', 'inline: |-\n'],
    ['\nleading newline', 'inline: |-\n'],
  ];
  for (const [value, header] of cases) {
    const { text, written } = roundTrip(value);
    assert.ok(text.includes(header), `${JSON.stringify(value)} → ${text}`);
    assert.equal(written, value, text);
    assert.equal(parse(text).storage.files[0].contents.inline, value, 'the yaml package reads it back too');
  }
});

test('strings that YAML would re-type or misread are quoted; others stay plain', () => {
  const quoted = ['yes', 'No', 'on', 'off', 'y', '0644', '1.0', '12', '0x1F', '1e3', 'true', 'null', '~', '', ' lead', 'trail ', '*star', '&amp', '!tag', '%pct', '@at', '`tick', 'a: b', 'a #b', 'key:', '- dash', '{x}', '[x]', "'q'", '"q"', '2001-12-14', 'a\u007fb', 'nel\u0085x', 'bom\ufeff', 'only\r', '\n', '\n\n'];
  for (const value of quoted) {
    const { text, written } = roundTrip(value);
    assert.match(text, /inline: "/, `${JSON.stringify(value)} → ${text}`);
    assert.equal(written, value, text);
  }
  for (const value of ['hello', 'a b c', "a/b:c=d;e,f?g#h&i+j$k@l!*'()~", 'héllo ✓', '-E', '--metadata=1.2', 'http://x:80/y', 'key=value']) {
    const { text, written } = roundTrip(value);
    assert.ok(text.includes(`inline: ${value}\n`), `${JSON.stringify(value)} → ${text}`);
    assert.equal(written, value);
  }
});

test('modes are octal, comments sit above their entry (or at the top, never lost), empty collections are flow', () => {
  const comments = new Comments();
  const file = { path: '/etc/x', mode: new Octal(0o644), contents: { inline: 'x' } };
  const root = { variant: 'flatcar', files: [file], empty: [], none: {} };
  comments.add(file, 'on the item');
  comments.add(file, 'on the first key', 'path');
  comments.add(file, 'on mode\nsecond line', 'mode');
  comments.add(root, 'top');
  comments.add({}, 'about an entry that is not in the output');
  comments.add(root, 'about a key that is not there', 'absent');
  assert.equal(
    renderYaml(root, comments, ['header']),
    '# header\n# top\n# about an entry that is not in the output\n# about a key that is not there\nvariant: flatcar\nfiles:\n  # on the item\n  # on the first key\n  - path: /etc/x\n    # on mode\n    # second line\n    mode: 0644\n    contents:\n      inline: x\nempty: []\nnone: {}\n',
  );
});

// ---- (b) notes and comments ------------------------------------------------------------

function expectNote(result: { butane: string; notes: MigrationNote[] }, at: (string | number)[], pattern: RegExp): void {
  const note = result.notes.find((n) => JSON.stringify(n.path) === JSON.stringify(at) && pattern.test(n.message));
  assert.ok(note, `a note at ${at.join('.')} matching ${pattern}; got ${JSON.stringify(result.notes, null, 1)}`);
  assert.ok(result.butane.includes(`# ${note.message.split('\n')[0]}`), `the note is a comment:\n${result.butane}`);
}

test('what cannot be carried over is noted and commented', () => {
  const clc = `
ignition:
  config:
    append:
      - source: https://example.com/extra.ign
        verification: {hash: {function: sha512}}
storage:
  disks:
    - device: /dev/sdb
      partitions: [{label: A, size: 1.5MiB}]
  filesystems:
    - name: var
      mount: {device: /dev/sdb1, format: xfs, create: {force: true, options: [-m, crc=1]}}
    - name: oem
      path: /usr/share/oem
  files:
    - path: /grub.cfg
      filesystem: oem
      append: true
      contents: {inline: 'set linux_append="$linux_append flatcar.autologin"'}
    - {path: /etc/dup, mode: 0600, contents: {inline: a}}
    - {path: /etc/dup, append: true, contents: {inline: b}}
systemd:
  units:
    - {name: a.service, enable: true, enabled: false}
    - {name: a.service, dropins: [{name: x.conf, contents: "[Unit]"}]}
passwd:
  users:
    - {name: old, uid: 1, shell: /bin/zsh, create: {uid: 2}}
etcd:
  name: "{HOSTNAME}"
locksmith:
  reboot_strategy: reboot
`;
  const clcObject = parse(clc);
  clcObject.storage.files[1].mode = 0o600;
  clcObject.surprise = true;
  clcObject.ignition.timeouts = { http_total: 5, bogus: 1 };
  const result = migrateClc(clcObject, {});
  assertNotesCommented(result, 'notes');
  expectNote(result, ['ignition', 'config', 'append'], /merge/);
  expectNote(result, ['ignition', 'config', 'append', 0, 'verification', 'hash'], /both `function` and `sum`/);
  expectNote(result, ['storage', 'disks', 0, 'partitions', 0, 'size'], /whole, non-negative number of MiB/);
  expectNote(result, ['storage', 'filesystems', 0, 'mount', 'create'], /force` became `wipe_filesystem: true`; its `options` became/);
  expectNote(result, ['storage', 'filesystems', 1], /only names the already-mounted path \/usr\/share\/oem/);
  expectNote(result, ['storage', 'files', 0, 'filesystem'], /filesystem `oem`.*kernel_arguments/);
  expectNote(result, ['storage', 'files', 2], /appends to \/etc\/dup.*merged/);
  expectNote(result, ['systemd', 'units', 0, 'enable'], /stays disabled/);
  expectNote(result, ['systemd', 'units', 1], /also configures a.service/);
  expectNote(result, ['passwd', 'users', 0, 'create'], /user-level `uid`, `shell`/);
  expectNote(result, ['etcd'], /could not be resolved \(ct: platform must be specified to use templating\) and were kept literally/);
  expectNote(result, ['locksmith'], /FLUO/);
  expectNote(result, ['surprise'], /does not know the key `surprise`/);
  expectNote(result, ['ignition', 'timeouts', 'bogus'], /does not know the key `bogus`/);
  const out = parse(result.butane);
  assert.deepEqual(out.storage.filesystems[0], { device: '/dev/sdb1', format: 'xfs', wipe_filesystem: true, options: ['-m', 'crc=1'] });
  assert.deepEqual(out.storage.files[1].append, [{ inline: 'b' }]);
  assert.equal(out.storage.files[1].contents.inline, 'a');
  assert.equal(out.systemd.units.length, 2, 'etcd-member.service and the one a.service');
  assert.match(out.systemd.units[0].dropins[0].contents, /--name="\{HOSTNAME\}"/);
  assert.deepEqual(out.passwd.users[0], { name: 'old', uid: 2 });
});

test('templated etcd uses the metadata Flatcar writes today, including afterburn\'s CloudStack name', () => {
  const result = migrateText('etcd:\n  name: "{HOSTNAME}"\n', 'cloudstack-configdrive');
  const contents = parse(result.butane).systemd.units.find((u: J) => u.name === 'etcd-member.service').dropins[0].contents as string;
  assert.match(contents, /EnvironmentFile=\/run\/metadata\/flatcar\n/);
  assert.match(contents, /--name="\$\{COREOS_CLOUDSTACK_LOCAL_HOSTNAME\}"/);
  assert.match(contents, /Requires=coreos-metadata.service\nAfter=coreos-metadata.service/);
  expectNote(result, ['etcd'], /no platform templating.*\/run\/metadata\/flatcar/);
  assert.deepEqual(translate(result.butane).errors, []);
});

test('a user update.conf at the old path loses to the generated one, as in ct', () => {
  const result = migrateText('update:\n  group: stable\nstorage:\n  files:\n    - {path: /etc/coreos/update.conf, mode: 0644, contents: {inline: "GROUP=beta\\n"}}\n');
  const files = parse(result.butane).storage.files;
  assert.deepEqual(files.map((f: J) => f.path), ['/etc/flatcar/update.conf']);
  assert.equal(files[0].contents.inline, 'GROUP=stable');
  expectNote(result, ['storage', 'files', 0], /ct replaced \/etc\/coreos\/update.conf/);
});

// ---- (b) the CLI --------------------------------------------------------------------------

function cli(flags: Record<string, string>, file: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const args = { command: 'migrate', flags: new Map<string, string | true>(Object.entries(flags)), positionals: [file], lists: new Map<string, string[]>() };
  return runMigrate(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }).then((status) => ({ status, stdout, stderr }));
}

test('kindling migrate prints Butane and notes, writes -o atomically, refuses broken configs', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-migrate-'));
  const input = path.join(dir, 'node.yaml');
  fs.writeFileSync(input, 'networkd:\n  units:\n    - name: 00-eth0.network\n      contents: "[Match]\\nName=eth0\\n"\npasswd:\n  users:\n    - name: core\n      sshAuthorizedKeys: [x]\n');
  const printed = await cli({}, input);
  assert.equal(printed.status, 0, printed.stderr);
  assert.match(printed.stdout, /^# .*\nvariant: flatcar\nversion: 1\.1\.0\n/);
  assert.match(printed.stderr, new RegExp(`^${input}:8:7: warning: Config has unrecognized key: sshAuthorizedKeys$`, 'm'));
  assert.match(printed.stderr, new RegExp(`^${input}: note: Butane has no networkd section`, 'm'));
  assert.match(printed.stderr, new RegExp(`^${input}: note: ct does not know the key \`sshAuthorizedKeys\``, 'm'));
  assert.match(printed.stdout, /# ct does not know the key `sshAuthorizedKeys`[^\n]*\n {4}- name: core/);

  const target = path.join(dir, 'out', 'node.bu');
  const written = await cli({ '-o': target }, input);
  assert.equal(written.status, 0);
  assert.equal(written.stdout, '');
  assert.equal(fs.readFileSync(target, 'utf8'), printed.stdout);
  await assert.rejects(cli({ '--output': input }, input), (e: unknown) => e instanceof UsageError && /over the input/.test(e.message));

  const broken = path.join(dir, 'broken.yaml');
  fs.writeFileSync(broken, 'etcd:\n  name: "{HOSTNAME}"\n');
  const refused = await cli({}, broken);
  assert.equal(refused.status, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, new RegExp(`^${broken}:2:3: error: platform must be specified to use templating$`, 'm'));
  const withPlatform = await cli({ '--platform': 'ec2' }, broken);
  assert.equal(withPlatform.status, 0, withPlatform.stderr);
  assert.match(withPlatform.stdout, /\$\{COREOS_EC2_HOSTNAME\}/);

  const butane = path.join(dir, 'already.bu');
  fs.writeFileSync(butane, 'variant: flatcar\nversion: 1.1.0\n');
  await assert.rejects(cli({}, butane), /already a Butane config/);
});
