import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../engine/yaml/parse';
import { SchemaDecoder } from '../engine/schema/decode';
import { Schema } from '../engine/schema/schema';

const schema = new Schema({
  $id: 'urn:test',
  type: 'object',
  properties: {
    mode: { type: 'integer', description: 'mode' },
    name: { type: 'string', description: 'name' },
    enabled: { type: 'boolean', description: 'enabled' },
    groups: { type: 'array', description: 'groups', items: { type: 'string', description: 'group' } },
    user: { $ref: '#/definitions/user', type: 'object', description: 'user' },
    legacy: { type: 'string', description: 'legacy', 'x-unsupported': 'legacy is not supported here' },
  },
  definitions: { user: { type: 'object', description: 'a user', properties: { id: { type: 'integer', description: 'id' } } } },
});

function decode(text: string) {
  const parsed = parseYaml(text);
  const unknown: string[] = [];
  const result = new SchemaDecoder(schema, parsed.document, text, {
    unsupportedCode: 'test/unsupported',
    constraintCode: 'test/schema',
    unknownKey: (u) => {
      unknown.push(u.key);
      return { range: u.range, severity: 'warning', code: 'test/unknown', message: u.key };
    },
  }).decode(parsed.root);
  return { ...result, unknown, text };
}

test('scalars decode by target type like go-yaml', () => {
  const r = decode('mode: 0644\nname: 0644\nenabled: yes\ngroups: [1, on]\nuser: {id: 0o10}\n');
  assert.deepEqual(r.value, { mode: 420, name: '0644', enabled: true, groups: ['1', 'on'], user: { id: 8 } });
  assert.deepEqual(r.diagnostics, []);
});

test('type mismatches are errors on the value with a helpful message', () => {
  const r = decode('mode: "0644"\ngroups: wheel\nenabled: 1\n');
  assert.equal(r.diagnostics.length, 3);
  const [mode, groups, enabled] = r.diagnostics;
  assert.match(mode.message, /`mode` must be an integer, not the quoted string "0644"; remove the quotes/);
  assert.equal(r.text.slice(mode.range.start, mode.range.end), '"0644"');
  assert.match(groups.message, /must be a list/);
  assert.match(enabled.message, /must be true or false, not the integer 1/);
  assert.deepEqual(r.value, {});
});

test('null values are unset, unknown keys are reported once, unsupported keys are errors', () => {
  assert.deepEqual(decode('legacy: ""\n').diagnostics, [], 'an unsupported key set to its zero value is accepted, as in Butane');
  const r = decode('name: ~\nbogus: 1\nlegacy: x\n');
  assert.deepEqual(r.unknown, ['bogus']);
  assert.deepEqual(r.value, { legacy: 'x' });
  assert.ok(r.diagnostics.some((d) => d.code === 'test/unsupported' && d.message === 'legacy is not supported here'));
});

test('merge keys and aliases are expanded; explicit keys win', () => {
  const r = decode('base: &b {mode: 0600, name: from-base}\nuser: {id: 1}\n<<: *b\nname: own\n');
  assert.equal((r.value as Record<string, unknown>).mode, 0o600);
  assert.equal((r.value as Record<string, unknown>).name, 'own');
  assert.deepEqual(r.unknown, ['base', '<<']);
});

test('source map records key and value ranges', () => {
  const r = decode('user:\n  id: 7\n');
  const located = r.map.get(['user', 'id']);
  assert.ok(located?.key);
  assert.equal(r.text.slice(located.key.start, located.key.end), 'id');
  assert.equal(r.text.slice(located.value.start, located.value.end), '7');
});

test('constraints are checked while decoding: enum, pattern, bounds, required', () => {
  const constrained = new Schema({
    $id: 'urn:test:constraints',
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', description: 'n' },
      format: { type: 'string', description: 'f', enum: ['ext4', 'xfs'] },
      guid: { type: 'string', description: 'g', pattern: '^[0-9A-F]{4}$', 'x-pattern-message': 'four hex digits' },
      mode: { type: 'integer', description: 'm', maximum: 4095 },
    },
  });
  const text = 'format: ext5\nguid: zz\nmode: 07777777\n';
  const parsed = parseYaml(text);
  const result = new SchemaDecoder(constrained, parsed.document, text, {
    unsupportedCode: 'test/unsupported',
    constraintCode: 'test/schema',
    unknownKey: (u) => ({ range: u.range, severity: 'warning', code: 'test/unknown', message: u.key }),
  }).decode(parsed.root);
  const messages = result.diagnostics.map((d) => `${d.code}: ${d.message}`);
  assert.deepEqual(messages.sort(), [
    'test/schema/required: the document is missing the required key `name`',
    'test/schema/value: `format` must be one of: ext4, xfs; did you mean "ext4"?',
    'test/schema/value: `guid` must be four hex digits',
    'test/schema/value: `mode` must be at most 4095',
  ]);
  const guid = result.diagnostics.find((d) => d.message.includes('guid'))!;
  assert.equal(text.slice(guid.range.start, guid.range.end), 'zz');
});
