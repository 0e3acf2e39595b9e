import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../engine/index';

function check(text: string): ReturnType<typeof analyze> {
  const started = Date.now();
  const result = analyze(text, { dialect: 'butane' });
  assert.ok(Date.now() - started < 10_000, 'analysis must not hang');
  return result;
}

const header = 'variant: fcos\nversion: 1.6.0\n';

test('empty and whitespace-only documents report the missing variant', () => {
  for (const text of ['', '\n\n', '# only a comment\n']) {
    const result = check(text);
    assert.ok(result.diagnostics.some((d) => d.code === 'butane/variant'), JSON.stringify(result.diagnostics));
  }
});

test('invalid YAML and tab indentation are syntax errors with a range', () => {
  for (const text of [`${header}storage:\n  files: [\n`, `${header}storage:\n\tfiles: []\n`, `${header}x: "unclosed\n`]) {
    const result = check(text);
    const syntax = result.diagnostics.filter((d) => d.code === 'yaml/syntax');
    assert.ok(syntax.length > 0, text);
    for (const d of syntax) assert.ok(d.range.end <= text.length && d.range.start >= 0 && d.range.start < d.range.end, JSON.stringify(d));
  }
});

test('binary text and NUL bytes are rejected as not YAML', () => {
  const result = check('\u007fELF\u0000\u0001\u0002');
  assert.equal(result.diagnostics[0].code, 'yaml/syntax');
});

test('10,000-deep nesting is refused quickly, flow and block', () => {
  const flow = `${header}x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
  assert.ok(check(flow).diagnostics.some((d) => d.code === 'yaml/too-deep'));
  // Compact block sequences nest one level per `- `: 10,000 levels on one line.
  const compact = `${header}x:\n  ${'- '.repeat(10_000)}leaf\n`;
  assert.ok(check(compact).diagnostics.some((d) => d.code === 'yaml/too-deep'));
  let indented = header + 'x:\n';
  for (let i = 1; i < 2_000; i++) indented += `${' '.repeat(i)}k:\n`;
  assert.ok(check(indented).diagnostics.some((d) => d.code === 'yaml/too-deep'));
});

test('a 1 MB scalar is analysed without trouble', () => {
  const text = `${header}storage:\n  files:\n    - path: /etc/big\n      contents:\n        inline: "${'x'.repeat(1024 * 1024)}"\n`;
  const result = check(text);
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
});

test('a document that is only a scalar or a list gets a clear error', () => {
  for (const text of ['just a string\n', '- a\n- b\n', '42\n']) {
    const result = check(text);
    assert.ok(result.diagnostics.some((d) => d.severity === 'error'), text);
  }
});

test('an unclosed quote is reported where the quote opens', () => {
  const text = `${header}storage:\n  files:\n    - path: "/etc/unclosed\n      mode: 0644\n`;
  const error = check(text).diagnostics.find((d) => d.code === 'yaml/syntax')!;
  assert.equal(text.slice(error.range.start, error.range.end), '"/etc/unclosed');
});

test('an unclosed bracket after a leading empty line is a syntax error, not a hang', () => {
  // Found by the incremental-sync fuzz: the search for an opening quote looped forever here.
  for (const text of ['\n[a', '\n{a', '\n\n[a', '\n- [a']) {
    const result = check(text);
    assert.ok(result.diagnostics.some((d) => d.code === 'yaml/syntax'), JSON.stringify(text));
  }
});

test('a megabyte value quoted in a message is cut to its head and tail', () => {
  const long = `openshift${'Q'.repeat(1024 * 1024)}Z`;
  const variant = check(`variant: ${long}\nversion: 1.6.0\n`).diagnostics.find((d) => d.code === 'butane/variant')!;
  assert.ok(variant.message.length < 400, `${variant.message.length} characters`);
  assert.match(variant.message, /^unknown variant "openshiftQ+…Q+Z"; Butane knows fcos, /);
  // A quick fix titled after the value is cut the same way; its edit keeps the whole value.
  const digits = '1'.repeat(1024 * 1024);
  const k3os = analyze(`hostname: n\nk3os:\n  labels:\n    size: ${digits}\n`, { dialect: 'k3os' });
  const rewritten = k3os.diagnostics.find((d) => d.code === 'k3os/unquoted-map-value')!;
  assert.ok(rewritten.message.length < 400, `${rewritten.message.length} characters`);
  const [fix] = rewritten.fixes!;
  assert.match(fix.title, /^Quote it: '1+…1+'$/);
  assert.equal(fix.edits[0].newText, `'${digits}'`);
});

test('a long value with spaces in it keeps the start and end of the message', () => {
  // No word is long, so only the cut of the whole message applies.
  const long = Array.from({ length: 50_000 }, (_, i) => `w${i}`).join(' ');
  const { message } = check(`variant: "${long}"\nversion: 1.6.0\n`).diagnostics.find((d) => d.code === 'butane/variant')!;
  assert.ok(message.length <= 2000, `${message.length} characters`);
  assert.ok(message.startsWith('unknown variant "w0 w1 '), message.slice(0, 40));
  assert.ok(message.includes(' … '), 'cut in the middle');
  assert.ok(message.endsWith(' w49999"; Butane knows fcos, flatcar, openshift, r4e, fiot'), message.slice(-80));
});
