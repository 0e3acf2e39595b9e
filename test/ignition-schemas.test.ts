// The generated Ignition schemas (schemas/ignition/<version>.json) and engine/ignition/validate.ts.
// Run: node --test out/test/ignition-schemas.test.js

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, VECTORS, ignitionSamples } from './helpers';
import { IGNITION_SCHEMA_DIR, renderIgnitionSchemas } from '../schemas/source/ignition/build';
import { compareIgnition } from '../schemas/source/ignition/generate';
import { ignitionSchema, ignitionSchemaVersions, validateIgnition } from '../engine/ignition/validate';
import { elementType, isList, layoutFor } from '../engine/ignition/layout';

type Json = Record<string, unknown>;

const errorsOf = (config: unknown, version: string) => validateIgnition(config, version).filter((p) => p.severity === 'error');

test('committed Ignition schemas are identical to the generator output', () => {
  const stale = compareIgnition(path.join(ROOT, IGNITION_SCHEMA_DIR), renderIgnitionSchemas());
  assert.deepEqual(stale, { changed: [], missing: [], extra: [] }, `${IGNITION_SCHEMA_DIR} is out of date: run \`npm run schemas\``);
});

test('one schema per layout version; key tree, order and types follow the layout', () => {
  const versions = ignitionSchemaVersions();
  assert.deepEqual(versions, ['2.1.0', '2.2.0', '2.3.0', '3.0.0', '3.1.0', '3.2.0', '3.3.0', '3.4.0', '3.5.0', '3.6.0', '3.7.0-experimental']);
  const TYPES: Record<string, string> = { string: 'string', int: 'integer', bool: 'boolean' };
  for (const version of versions) {
    const schema = ignitionSchema(version)!;
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.$id, `urn:kindling:ignition:${version}`);
    const structs = layoutFor(version)!.structs;
    const check = (node: Json, struct: string, where: string): void => {
      const props = node.properties as Record<string, Json>;
      assert.deepEqual(Object.keys(props), structs[struct].map((f) => f.json), `${version} ${where}: keys or order`);
      assert.equal(node.additionalProperties, false, `${version} ${where}`);
      for (const field of structs[struct]) {
        const at = `${where}.${field.json}`;
        let child = props[field.json];
        assert.ok(typeof child.description === 'string' && child.description !== '', `${version} ${at}: description`);
        const base = (n: Json): string => (Array.isArray(n.type) ? (n.type as string[])[0] : (n.type as string));
        if (isList(field.type)) {
          assert.equal(base(child), 'array', `${version} ${at}`);
          child = child.items as Json;
          assert.ok(typeof child.description === 'string' && child.description !== '', `${version} ${at}[]: description`);
        }
        const elem = elementType(field.type);
        if (TYPES[elem]) assert.equal(base(child), TYPES[elem], `${version} ${at}: type`);
        else check(child, elem, at);
      }
    };
    check(schema, 'Config', '$');
  }
});

test('every golden output validates against the schema of its ignition.version', { skip: !fs.existsSync(VECTORS) && `vectors not found at ${VECTORS}` }, () => {
  const samples = ignitionSamples();
  assert.ok(samples.length > 100, `only ${samples.length} samples`);
  const versions = new Set(samples.map((s) => s.version));
  for (const v of ['2.3.0', '3.0.0', '3.1.0', '3.2.0', '3.3.0', '3.4.0', '3.5.0', '3.6.0', '3.7.0-experimental']) assert.ok(versions.has(v), `no sample of ${v}`);
  // Butane and ct only print fields Ignition knows, so not even a warning is expected.
  const failures = samples.flatMap((s) => validateIgnition(s.json, s.version).map((p) => `${s.name}: ${p.severity} at ${p.path.join('.')}: ${p.message}`));
  assert.deepEqual(failures, []);
});

test('wrong types are errors at the value', () => {
  const problems = validateIgnition({ ignition: { version: '3.4.0' }, storage: { files: [{ path: '/etc/a', mode: '0644' }] }, systemd: { units: [{ name: 'a.service', enabled: 'yes' }] } }, '3.4.0');
  assert.deepEqual(problems, [
    { path: ['storage', 'files', 0, 'mode'], message: 'must be an integer, not the string "0644"', severity: 'error' },
    { path: ['systemd', 'units', 0, 'enabled'], message: 'must be a boolean (true or false), not the string "yes"', severity: 'error' },
  ]);
  assert.deepEqual(errorsOf({ ignition: { version: '3.4.0' }, storage: { files: [{ path: '/etc/a', mode: 420.5 }] } }, '3.4.0').map((p) => p.path), [['storage', 'files', 0, 'mode']]);
  assert.deepEqual(errorsOf({ ignition: { version: '3.4.0' }, storage: { files: {} } }, '3.4.0').map((p) => p.message), ['must be a list, not an object']);
  assert.deepEqual(errorsOf([], '3.4.0'), [{ path: [], message: 'must be an object, not a list', severity: 'error' }]);
});

test('missing required keys are errors that name the key', () => {
  assert.deepEqual(validateIgnition({ ignition: { version: '3.5.0' }, storage: { files: [{ mode: 420 }] } }, '3.5.0'), [
    { path: ['storage', 'files', 0, 'path'], message: 'missing required key "path"', severity: 'error' },
  ]);
  assert.deepEqual(errorsOf({ ignition: {} }, '3.0.0').map((p) => p.path), [['ignition', 'version']]);
  assert.deepEqual(errorsOf({}, '3.6.0').map((p) => p.path), [['ignition']]);
  // spec 2: files name their filesystem
  assert.deepEqual(errorsOf({ ignition: { version: '2.3.0' }, storage: { files: [{ path: '/etc/a' }] } }, '2.3.0').map((p) => p.path), [['storage', 'files', 0, 'filesystem']]);
});

test('required follows what Ignition enforces, not only omitempty', () => {
  const v = (version: string, extra: Json): Json => ({ ignition: { version }, ...extra });
  // layout says `always`, but Ignition accepts the key's absence
  assert.deepEqual(errorsOf(v('3.5.0', { passwd: { users: [{ uid: 1000 }], groups: [{}] } }), '3.5.0'), []);
  assert.deepEqual(errorsOf(v('3.2.0', { storage: { links: [{ path: '/a' }] } }), '3.2.0'), []);
  assert.deepEqual(errorsOf(v('3.0.0', { ignition: { version: '3.0.0', config: { merge: [{}] } } }), '3.0.0'), []);
  // Ignition rejects the absence although the Go field has omitempty
  assert.deepEqual(errorsOf(v('3.3.0', { storage: { links: [{ path: '/a' }] } }), '3.3.0').map((p) => p.path), [['storage', 'links', 0, 'target']]);
  assert.deepEqual(errorsOf({ ignition: { version: '3.1.0', config: { merge: [{}] } } }, '3.1.0').map((p) => p.path), [['ignition', 'config', 'merge', 0, 'source']]);
});

test('bad enum values, patterns and ranges are errors', () => {
  const problems = validateIgnition({
    ignition: { version: '3.3.0' },
    storage: {
      filesystems: [{ device: '/dev/sda1', format: 'ntfs' }],
      raid: [{ name: 'md0', level: 'raid7', devices: [] }],
      files: [{ path: '/etc/../a', mode: 0o10000, contents: { compression: 'xz' } }],
      disks: [{ device: '/dev/sda', partitions: [{ label: 'x'.repeat(37) }] }],
    },
    systemd: { units: [{ name: 'a.conf', dropins: [{ name: 'x.txt' }] }] },
  }, '3.3.0');
  assert.ok(problems.every((p) => p.severity === 'error'));
  assert.deepEqual(problems.map((p) => p.path.join('.')).sort(), [
    'storage.disks.0.partitions.0.label',
    'storage.files.0.contents.compression',
    'storage.files.0.mode',
    'storage.files.0.path',
    'storage.filesystems.0.format',
    'storage.raid.0.devices',
    'storage.raid.0.level',
    'systemd.units.0.dropins.0.name',
    'systemd.units.0.name',
  ]);
  const format = problems.find((p) => p.path.join('.') === 'storage.filesystems.0.format')!;
  assert.match(format.message, /^must be one of "ext4", "btrfs", "xfs", "vfat", "swap", "none", ""; got "ntfs"$/);
  assert.match(problems.find((p) => p.path.join('.') === 'storage.files.0.path')!.message, /^must be an absolute, normalized path/);
  // "none" is a 3.3.0 format; 3.2.0 does not have it, 3.7.0-experimental adds virtiofs
  assert.equal(errorsOf({ ignition: { version: '3.2.0' }, storage: { filesystems: [{ device: '/dev/sda', format: 'none' }] } }, '3.2.0').length, 1);
  assert.deepEqual(errorsOf({ ignition: { version: '3.7.0-experimental' }, storage: { filesystems: [{ device: 'share0', format: 'virtiofs' }] } }, '3.7.0-experimental'), []);
  // spec 2: only sha512, and no "none" format
  assert.deepEqual(errorsOf({ ignition: { version: '2.3.0' }, storage: { filesystems: [{ mount: { device: '/dev/sda', format: 'none' } }] } }, '2.3.0').map((p) => p.path), [['storage', 'filesystems', 0, 'mount', 'format']]);
});

test('unknown keys are warnings, at the key', () => {
  assert.deepEqual(validateIgnition({ ignition: { version: '3.4.0' }, storage: { files: [{ path: '/a', inline: 'x' }] }, variant: 'fcos' }, '3.4.0'), [
    { path: ['variant'], message: 'unknown key "variant"', severity: 'warning' },
    { path: ['storage', 'files', 0, 'inline'], message: 'unknown key "inline"', severity: 'warning' },
  ]);
  // a key from a later spec is unknown in an earlier one
  assert.deepEqual(validateIgnition({ ignition: { version: '3.2.0' }, kernelArguments: {} }, '3.2.0').map((p) => p.severity), ['warning']);
});

test('null counts as "not set", as with Go: fine where the key is optional', () => {
  assert.deepEqual(validateIgnition({ ignition: { version: '3.3.0', config: null }, storage: { files: [{ path: '/a', mode: null, contents: null }] }, passwd: null }, '3.3.0'), []);
  assert.deepEqual(errorsOf({ ignition: { version: '3.3.0' }, storage: { files: [{ path: null }] } }, '3.3.0').map((p) => p.path), [['storage', 'files', 0, 'path']]);
  assert.deepEqual(errorsOf({ ignition: { version: '3.3.0' }, storage: { files: [null] } }, '3.3.0').length, 1);
});

test('the version must match the schema; an unknown version is one error', () => {
  assert.deepEqual(validateIgnition({ ignition: { version: '3.4.0' } }, '3.5.0'), [
    { path: ['ignition', 'version'], message: 'must be "3.5.0"; got "3.4.0"', severity: 'error' },
  ]);
  const unknown = validateIgnition({ ignition: { version: '9.0.0' } }, '9.0.0');
  assert.equal(unknown.length, 1);
  assert.equal(unknown[0].severity, 'error');
  assert.deepEqual(unknown[0].path, ['ignition', 'version']);
  assert.match(unknown[0].message, /9\.0\.0.*3\.6\.0/);
});
