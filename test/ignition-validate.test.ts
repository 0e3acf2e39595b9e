// Cross-check: our schema validation and Ignition's own `ignition-validate` (Debian package
// `ignition`, installed by .ci/run) must agree on whether a config has errors.
// Run: node --test out/test/ignition-validate.test.js

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { IgnitionSample, ignitionSamples, kindlingSamples } from './helpers';
import { ignitionSchemaVersions, validateIgnition } from '../engine/ignition/validate';

const TOOL = 'ignition-validate';

interface Verdict {
  ok: boolean;
  output: string;
}

/** Runs ignition-validate on a config given on stdin ("-"); no shell. */
function ignitionValidate(text: string): Verdict {
  const r = spawnSync(TOOL, ['-'], { input: text, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

function installed(): string | undefined {
  const r = spawnSync(TOOL, ['-version'], { encoding: 'utf8', timeout: 30_000 });
  return r.error || r.status !== 0 ? undefined : `${r.stdout}${r.stderr}`.trim();
}

const mustHaveTool = (): void => {
  assert.ok(installed(), `${TOOL} is not installed or does not run: install Debian's package (apt-get install -y ignition), as .ci/run does`);
};

/** The spec versions this ignition-validate accepts (Debian's 2.14.0: 3.0.0–3.3.0). */
function acceptedVersions(): string[] {
  return ignitionSchemaVersions().filter((v) => ignitionValidate(JSON.stringify({ ignition: { version: v } })).ok);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Deliberately broken (or surprising but valid) configs, per spec version. */
function handMade(version: string): IgnitionSample[] {
  const at = (v: string): number => ['3.0.0', '3.1.0', '3.2.0', '3.3.0', '3.4.0', '3.5.0', '3.6.0'].indexOf(v);
  const ign = { version };
  const cases: Array<[string, unknown]> = [
    ['file mode as a string', { ignition: ign, storage: { files: [{ path: '/etc/a', mode: '0644' }] } }],
    ['file mode fractional', { ignition: ign, storage: { files: [{ path: '/etc/a', mode: 420.5 }] } }],
    ['file mode beyond 07777', { ignition: ign, storage: { files: [{ path: '/etc/a', mode: 8192 }] } }],
    ['file without path', { ignition: ign, storage: { files: [{ mode: 420 }] } }],
    ['file path not clean', { ignition: ign, storage: { files: [{ path: '/etc//a' }] } }],
    ['file path relative', { ignition: ign, storage: { files: [{ path: 'etc/a' }] } }],
    ['file source scheme ftp', { ignition: ign, storage: { files: [{ path: '/a', contents: { source: 'ftp://h/x' } }] } }],
    ['file compression xz', { ignition: ign, storage: { files: [{ path: '/a', contents: { source: 'data:,x', compression: 'xz' } }] } }],
    ['hash of the wrong length', { ignition: ign, storage: { files: [{ path: '/a', contents: { source: 'data:,x', verification: { hash: 'sha512-00' } } }] } }],
    ['unknown key only (a warning)', { ignition: ign, storage: { files: [{ path: '/a', owner: 'core' }] }, extra: true }],
    ['nulls where optional', { ignition: { ...ign, config: null }, storage: { files: [{ path: '/a', mode: null }] }, passwd: null }],
    ['storage as a list', { ignition: ign, storage: [] }],
    ['no ignition.version', { ignition: {} }],
    ['no ignition section', {}],
    ['directory without path', { ignition: ign, storage: { directories: [{ mode: 493 }] } }],
    ['link without path', { ignition: ign, storage: { links: [{ target: '/b' }] } }],
    ['link without target (an error from 3.3.0)', { ignition: ign, storage: { links: [{ path: '/a' }] } }],
    ['disk without device', { ignition: ign, storage: { disks: [{ wipeTable: true }] } }],
    ['partition label of 37 characters', { ignition: ign, storage: { disks: [{ device: '/dev/sda', partitions: [{ number: 1, label: 'x'.repeat(37) }] }] } }],
    ['partition guid malformed', { ignition: ign, storage: { disks: [{ device: '/dev/sda', partitions: [{ number: 1, guid: 'nope' }] }] } }],
    ['filesystem without device', { ignition: ign, storage: { filesystems: [{ format: 'ext4' }] } }],
    ['filesystem format ntfs', { ignition: ign, storage: { filesystems: [{ device: '/dev/sda1', format: 'ntfs' }] } }],
    ['filesystem format none (new in 3.3.0)', { ignition: ign, storage: { filesystems: [{ device: '/dev/sda1', format: 'none' }] } }],
    ['raid level raid7', { ignition: ign, storage: { raid: [{ name: 'md0', level: 'raid7', devices: ['/dev/sda'] }] } }],
    ['raid without level', { ignition: ign, storage: { raid: [{ name: 'md0', devices: ['/dev/sda'] }] } }],
    ['raid without devices', { ignition: ign, storage: { raid: [{ name: 'md0', level: 'raid1' }] } }],
    ['raid without name (accepted)', { ignition: ign, storage: { raid: [{ level: 'raid1', devices: ['/dev/sda'] }] } }],
    ['user and group without name (accepted)', { ignition: ign, passwd: { users: [{ uid: 1000 }], groups: [{ gid: 1000 }] } }],
    ['user uid as a string', { ignition: ign, passwd: { users: [{ name: 'core', uid: '1000' }] } }],
    ['unit name without a type suffix', { ignition: ign, systemd: { units: [{ name: 'web' }] } }],
    ['unit without name', { ignition: ign, systemd: { units: [{ enabled: true }] } }],
    ['drop-in not ending in .conf', { ignition: ign, systemd: { units: [{ name: 'a.service', dropins: [{ name: 'x.txt' }] }] } }],
    ['unit enabled as a string', { ignition: ign, systemd: { units: [{ name: 'a.service', enabled: 'true' }] } }],
    ['CA bundle without source', { ignition: { ...ign, security: { tls: { certificateAuthorities: [{}] } } } }],
  ];
  if (at(version) >= 0) cases.push(['merge without source (an error from 3.1.0)', { ignition: { ...ign, config: { merge: [{}] } } }]);
  if (at(version) >= 1) {
    cases.push(
      ['proxy not http(s)', { ignition: { ...ign, proxy: { httpProxy: 'socks5://p:1080' } } }],
      ['http header with an empty name', { ignition: { ...ign, config: { merge: [{ source: 'https://h/c.ign', httpHeaders: [{ name: '', value: 'v' }] }] } } }],
      ['http header without name', { ignition: { ...ign, config: { merge: [{ source: 'https://h/c.ign', httpHeaders: [{ value: 'v' }] }] } } }],
      ['filesystem mountOptions as a string', { ignition: ign, storage: { filesystems: [{ device: '/dev/sda1', format: 'ext4', mountOptions: 'ro' }] } }],
    );
  }
  if (at(version) >= 2) {
    cases.push(
      ['luks without device', { ignition: ign, storage: { luks: [{ name: 'data' }] } }],
      ['luks without name (accepted)', { ignition: ign, storage: { luks: [{ device: '/dev/sdb' }] } }],
      ['luks name with a slash', { ignition: ign, storage: { luks: [{ name: 'a/b', device: '/dev/sdb' }] } }],
      ['tang without thumbprint', { ignition: ign, storage: { luks: [{ name: 'd', device: '/dev/sdb', clevis: { tang: [{ url: 'http://t' }] } }] } }],
      ['tang url not http(s)', { ignition: ign, storage: { luks: [{ name: 'd', device: '/dev/sdb', clevis: { tang: [{ url: 'ftp://t', thumbprint: 'x' }] } }] } }],
      ['empty custom clevis (accepted)', { ignition: ign, storage: { luks: [{ name: 'd', device: '/dev/sdb', clevis: { custom: {} } }] } }],
      ['user shouldExist as a string', { ignition: ign, passwd: { users: [{ name: 'old', shouldExist: 'no' }] } }],
    );
  }
  if (at(version) >= 3) cases.push(['kernel arguments as a string', { ignition: ign, kernelArguments: { shouldExist: 'quiet' } }]);
  return cases.map(([name, json]) => ({ name: `${version}: ${name}`, version, json, text: JSON.stringify(json) }));
}

/** A config being mutated: any shape, as the mutations reach into it freely. */
type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Mutations of a valid output: each must keep or break it for both validators alike. */
function mutations(sample: IgnitionSample): IgnitionSample[] {
  const out: IgnitionSample[] = [];
  const original = sample.json as Config;
  const add = (what: string, change: (c: Config) => void): void => {
    const json = clone(original);
    change(json);
    out.push({ name: `${sample.name} + ${what}`, version: sample.version, json, text: JSON.stringify(json) });
  };
  add('an unknown top-level key', (c) => { c.kindling = { note: 1 }; });
  add('ignition.version removed', (c) => { delete c.ignition.version; });
  if (original.storage?.files?.length) {
    add('files[0].mode as a string', (c) => { c.storage.files[0].mode = '420'; });
    add('files[0].path removed', (c) => { delete c.storage.files[0].path; });
  }
  if (original.systemd?.units?.length) add('units[0].name without suffix', (c) => { c.systemd.units[0].name = 'noext'; });
  return out;
}

function disagreements(samples: IgnitionSample[]): string[] {
  const out: string[] = [];
  for (const s of samples) {
    const theirs = ignitionValidate(s.text);
    const ours = validateIgnition(s.json, s.version);
    const oursOk = !ours.some((p) => p.severity === 'error');
    if (oursOk !== theirs.ok) {
      const mine = ours.map((p) => `${p.severity} at ${p.path.join('.')}: ${p.message}`).join('; ') || 'no problems';
      out.push(`${s.name}: ${TOOL} says ${theirs.ok ? 'valid' : 'invalid'} (${theirs.output || 'no output'}); we say ${mine}`);
    }
  }
  return out;
}

test(`${TOOL} is installed and accepts spec 3.0.0–3.3.0`, () => {
  mustHaveTool();
  const accepted = acceptedVersions();
  for (const v of ['3.0.0', '3.1.0', '3.2.0', '3.3.0']) assert.ok(accepted.includes(v), `${TOOL} (${installed()}) does not accept ${v}; accepts ${accepted.join(', ')}`);
  assert.ok(!accepted.some((v) => v.startsWith('2.')), 'spec 2 is not expected to be accepted');
});

test(`golden outputs and their mutations: our verdict agrees with ${TOOL}`, () => {
  mustHaveTool();
  const accepted = new Set(acceptedVersions());
  const samples = ignitionSamples().filter((s) => accepted.has(s.version));
  assert.ok(samples.length >= 15, `only ${samples.length} golden outputs with a version ${TOOL} accepts (are the vectors present?)`);
  const all = [...samples, ...samples.flatMap(mutations)];
  assert.deepEqual(disagreements(all), []);
});

test(`Kindling's own translations of the Butane vectors: ${TOOL} accepts them, and so does our schema`, () => {
  mustHaveTool();
  const accepted = new Set(acceptedVersions());
  const ours = kindlingSamples();
  assert.ok(ours.length > 100, `only ${ours.length} translations (are the vectors present?)`);
  for (const sample of ours) assert.deepEqual(validateIgnition(sample.json, sample.version).filter((p) => p.severity === 'error'), [], sample.name);
  const checkable = ours.filter((s) => accepted.has(s.version));
  assert.ok(checkable.length >= 15, `only ${checkable.length} translations with a version ${TOOL} accepts`);
  assert.deepEqual(disagreements(checkable), []);
  for (const sample of checkable) assert.equal(validateIgnition(sample.json, sample.version).some((p) => p.severity === 'error'), false, sample.name);
});

/**
 * Where we knowingly differ (docs/ignition-schemas.md): Go's decoder matches keys without
 * regard to case and tells 420 from 420.0, which parsed JSON cannot; and semantic rules
 * (duplicates, label length per format) are the engine's job, not the schema's.
 */
const KNOWN_DIFFERENCES: Array<[string, string]> = [
  ['key in another case: Go fills path from PATH (and warns)', '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"PATH":"/a"}]}}'],
  ['420.0 is not an integer for Go', '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","mode":420.0}]}}'],
  ['duplicate paths (semantic)', '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a"},{"path":"/a"}]}}'],
  ['ext4 label of 17 characters (semantic)', '{"ignition":{"version":"3.3.0"},"storage":{"filesystems":[{"device":"/dev/sda","format":"ext4","label":"abcdefghijklmnopq"}]}}'],
];

test(`known differences from ${TOOL} are still differences`, () => {
  mustHaveTool();
  for (const [what, text] of KNOWN_DIFFERENCES) {
    const json: unknown = JSON.parse(text);
    const ours = !validateIgnition(json, '3.3.0').some((p) => p.severity === 'error');
    assert.notEqual(ours, ignitionValidate(text).ok, `${what}: now agrees; move it to the agreeing cases and update docs/ignition-schemas.md`);
  }
});

test(`hand-made broken configs: our verdict agrees with ${TOOL}`, () => {
  mustHaveTool();
  const samples = acceptedVersions().flatMap(handMade);
  assert.ok(samples.length > 100, `only ${samples.length} cases`);
  // at least a third of them must really be invalid, or the check proves little
  assert.ok(samples.filter((s) => !ignitionValidate(s.text).ok).length > samples.length / 3);
  assert.deepEqual(disagreements(samples), []);
});
