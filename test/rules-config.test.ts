/** Kindling's own rules: levels from settings and suppression comments; the tools' verdicts stay as they are. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, Analysis, AnalyzeOptions, KINDLING_RULES } from '../engine/index';
import { findSuppressions } from '../engine/rules/suppressions';
import { K3OS_RULES } from '../engine/k3os/checks/index';
import { CLC_LINTS } from '../engine/clc/checks/lints';

const K3OS = 'k3os:\n  password: hunter2\n  token: secret\n';

function run(text: string, options: Partial<AnalyzeOptions> = {}): Analysis {
  return analyze(text, { dialect: 'k3os', ...options });
}

function codes(a: Analysis): string[] {
  return a.diagnostics.map((d) => `${d.code}:${d.severity}`);
}

test('every rule of every dialect is in the registry, once', () => {
  const ids = KINDLING_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of [...K3OS_RULES, ...CLC_LINTS]) assert.ok(ids.includes(rule.id), rule.id);
  assert.ok(!ids.some((id) => id.startsWith('butane/') || id.startsWith('yaml/')), 'the tools’ own verdicts are not configurable');
});

test('levels from settings: off removes a rule, others re-grade it', () => {
  assert.deepEqual(codes(run(K3OS)), ['k3os/clear-text-password:warning', 'k3os/token-format:information', 'secrets/clear-text-token:warning']);
  assert.deepEqual(codes(run(K3OS, { rules: { 'k3os/clear-text-password': 'error', 'k3os/token-format': 'off', 'secrets/clear-text-token': 'hint' } })), ['k3os/clear-text-password:error', 'secrets/clear-text-token:hint']);
  // Unknown levels are ignored rather than guessed.
  assert.deepEqual(codes(run(K3OS, { rules: { 'k3os/clear-text-password': 'loud' } })), ['k3os/clear-text-password:warning', 'k3os/token-format:information', 'secrets/clear-text-token:warning']);
});

test('suppression comments: next line, whole file, several ids, all rules; not inside a block scalar', () => {
  const nextLine = 'k3os:\n  # kindling-disable-next-line k3os/clear-text-password\n  password: hunter2\n  token: secret\n';
  assert.deepEqual(codes(run(nextLine)), ['k3os/token-format:information', 'secrets/clear-text-token:warning']);
  const file = '# kindling-disable-file k3os/token-format, k3os/clear-text-password secrets/clear-text-token\n' + K3OS;
  assert.deepEqual(codes(run(file)), []);
  const all = 'k3os:\n  password: hunter2 # not a directive: trailing comments need their own line\n  # kindling-disable-next-line\n  token: secret\n';
  assert.deepEqual(codes(run(all)), ['k3os/clear-text-password:warning']);
  const other = 'k3os:\n  # kindling-disable-next-line k3os/token-format\n  password: hunter2\n';
  assert.deepEqual(codes(run(other)), ['k3os/clear-text-password:warning'], 'another rule on that line is not silenced');
  const inScalar = 'write_files:\n- path: /etc/motd\n  content: |\n    # kindling-disable-file\nk3os:\n  password: hunter2\n';
  assert.equal(findSuppressions(inScalar).file.size, 0);
  assert.deepEqual(codes(run(inScalar)), ['k3os/clear-text-password:warning']);
});

test('a next-line directive above a block scalar covers the findings inside it, and nothing after it', () => {
  const lines = (text: string): number[] => [...findSuppressions(text).lines.keys()].sort((x, y) => x - y);
  const unit = 'systemd:\n  units:\n    # kindling-disable-next-line paths/usr-local-bin-exec\n    - contents: |\n        [Service]\n\n        ExecStart=/usr/local/bin/k3s\n      name: k3s.service\n';
  assert.deepEqual(lines(unit), [3, 4, 5, 6]);
  const plain = 'a:\n  # kindling-disable-next-line\n  b: 1\n  c: |\n    x\n';
  assert.deepEqual(lines(plain), [2]);
  const folded = '# kindling-disable-next-line\nscript: >-\n  one\n  two\nnext: 1\n';
  assert.deepEqual(lines(folded), [1, 2, 3]);
});

test("the tools' own findings cannot be silenced: ct's and Butane's messages decide the output", () => {
  const clc = '# kindling-disable-file\nstorage:\n  files:\n    - path: /etc/motd\n      filesystem: root\n      contents:\n        inline: hi\n';
  const a = analyze(clc, { dialect: 'clc', rules: { 'clc/mode-unspecified': 'off' } });
  assert.ok(a.diagnostics.some((d) => d.message === 'mode unspecified for file, defaulting to 0644'));
  assert.ok(!a.diagnostics.some((d) => d.code === 'clc/deprecated-format'), 'Kindling’s CLC lint is silenced');
  const butane = analyze('# kindling-disable-file\nvariant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: etc/x\n', { dialect: 'butane' });
  assert.ok(butane.diagnostics.some((d) => d.severity === 'error'));
});
