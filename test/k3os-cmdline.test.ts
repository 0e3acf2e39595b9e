/**
 * "Show as Kernel Command Line": the model of k3OS's command-line reader, the rendering of a
 * config as words that reader gives back unchanged (hand-written and generated configs), what
 * is left out and why, the engine's refusals, the CLI and the editor text.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, kernelCommandLine } from '../engine/index';
import type { K3osAnalysis } from '../engine/k3os/analyze';
import { CmdlineWarning, renderKernelCommandLine } from '../engine/k3os/cmdline';
import { kernelCommandLineWords, parseKernelCommandLine, readKernelCommandLine } from '../engine/k3os/cmdlineParse';
import type { Obj } from '../engine/values';
import { kernelCommandLineText } from '../client/src/kernelCommandLineText';
import { assertUsageError, runCli } from './helpers';
import { Random } from './random';

function k3os(text: string): K3osAnalysis {
  const analysis = analyze(text, { dialect: 'k3os' });
  assert.ok(analysis.k3os, 'analysed as k3OS');
  return analysis.k3os;
}

// ---------------------------------------------------------------- the reader

test('words: quoted runs, name="…" (which may reach past the word) and plain runs, split at Go whitespace only', () => {
  assert.deepEqual(kernelCommandLineWords('a=1  b="x y"\tc\n'), ['a=1', 'b="x y"', 'c']);
  assert.deepEqual(kernelCommandLineWords('"a.b=c d" e'), ['"a.b=c d"', 'e']);
  assert.deepEqual(kernelCommandLineWords('k=x="y z" w=1'), ['k=x="y z"', 'w=1']);
  assert.deepEqual(kernelCommandLineWords('a="b c="d e"'), ['a="b c="', 'd', 'e"']);
  assert.deepEqual(kernelCommandLineWords('a="x y'), ['a="x', 'y'], 'an unclosed quote is just a character');
  assert.deepEqual(kernelCommandLineWords('b="" c'), ['b=""', 'c'], 'an empty quoted value is a plain run');
  assert.deepEqual(kernelCommandLineWords('a=1\vb=2 c=\u00a0'), ['a=1\vb=2', 'c=\u00a0'], '\\v and no-break space are not Go whitespace');
  assert.deepEqual(kernelCommandLineWords('"abc"def'), ['"abc"', 'def'], 'the scan resumes mid-run');
});

test('words match the reader\'s regular expression on random lines', () => {
  // The behaviour being modelled, as a JavaScript expression with Go's \s spelled out:
  // alternation order decides, as in Go's leftmost-first matching.
  const reader = /"[^"]+"|[^\t\n\f\r ]+="[^"]+"|[^\t\n\f\r ]+/g;
  const alphabet = ['a', 'b', '.', '=', '=', '"', '"', ' ', ' ', '\t', '\n', '\v'];
  const random = new Random(7);
  for (let n = 0; n < 5000; n++) {
    const line = Array.from({ length: random.int(24) }, () => random.pick(alphabet)).join('');
    assert.deepEqual(kernelCommandLineWords(line), [...line.matchAll(reader)].map((m) => m[0]), JSON.stringify(line));
  }
});

test('parse: dotted keys, text values with quotes trimmed, bare keys true, repeated keys make lists', () => {
  assert.deepEqual(parseKernelCommandLine('hostname=node1 k3os.token=abc k3os.install.silent'), { hostname: 'node1', k3os: { token: 'abc', install: { silent: 'true' } } });
  assert.deepEqual(parseKernelCommandLine('a=1 a=2 a=3 b=x'), { a: ['1', '2', '3'], b: 'x' });
  assert.deepEqual(parseKernelCommandLine('k3os.labels.x="a b" y=c'), { k3os: { labels: { x: 'a b' } }, y: 'c' });
  assert.deepEqual(parseKernelCommandLine('"a.b=c d" e'), { a: { b: 'c d' }, e: 'true' });
  assert.deepEqual(parseKernelCommandLine('k=x="y z" w=1'), { k: 'x="y z', w: '1' });
  assert.deepEqual(parseKernelCommandLine('a="b c="d e"'), { a: 'b c=', d: 'true', e: 'true' });
  assert.deepEqual(parseKernelCommandLine('a= b="" c="x" d=x" e=" f'), { a: '', b: '', c: 'x', d: 'x', e: '', f: 'true' });
  assert.deepEqual(parseKernelCommandLine('k=--node-label=a=b'), { k: '--node-label=a=b' }, 'split at the first = only');
  assert.deepEqual(parseKernelCommandLine('a=1 a.b=2'), { a: '1' }, 'a path through text is dropped');
  assert.deepEqual(parseKernelCommandLine('a.b=1 a=2'), { a: { b: '1' } }, 'a key holding a mapping keeps it');
  assert.deepEqual(parseKernelCommandLine('k3os.sysctl[kernel.printk]="4 4 1 7"'), { k3os: { 'sysctl[kernel': { 'printk]': '4 4 1 7' } } }, "the README's map form");
  const odd = parseKernelCommandLine('__proto__.x=1');
  assert.deepEqual(Object.getOwnPropertyNames(odd), ['__proto__']);
  assert.equal(Object.getPrototypeOf(odd), Object.prototype);
});

test('read: the command line decoded like a config file (lists from one word, booleans from text, unknown keys ignored)', () => {
  const read = readKernelCommandLine('BOOT_IMAGE=/k3os/kernel console=ttyS0 k3os.mode=install hostname=n1 k3os.dns_nameserver=1.1.1.1 k3os.install.silent k3os.install.debug=yes k3os.sysctl.x=1 ssh_authorized_keys="ssh-rsa AAA a@b"');
  assert.deepEqual(read.config, {
    hostname: 'n1',
    k3os: { dns_nameservers: ['1.1.1.1'], install: { silent: true, debug: false }, sysctls: { x: '1' } },
    ssh_authorized_keys: ['ssh-rsa AAA a@b'],
  });
  assert.deepEqual(read.mismatches, []);
});

// ---------------------------------------------------------------- rendering

const SAMPLE = `hostname: node1
ssh_authorized_keys:
  - github:someone
  - ssh-rsa AAAAB3 user@host
write_files:
  - path: /etc/motd
    content: hi
k3os:
  server_url: https://10.0.0.1:6443
  token: K10abc::server:xyz
  dns_nameserver: 1.1.1.1
  labels:
    region: eu
    node.kubernetes.io/role: worker
    build: 0644
  sysctl:
    kernel.printk: "4 4 1 7"
  environment:
    GREETING: " hello world "
    QUOTED: 'say "hi" there'
  taints: []
  ntp_servers: [" pool.ntp.org"]
  k3s_args: [server, --disable=traefik, --kube-apiserver-arg=a="b;c]
  install:
    silent: true
    force_efi: false
    device: /dev/vda
`;

function brief(warnings: CmdlineWarning[]): [string, boolean][] {
  return warnings.map((w) => [w.path.join('.'), w.omitted]);
}

test('renders README names as dotted keys, lists as repeated keys, booleans explicitly, maps as nested dots, spaces quoted', () => {
  const analysis = k3os(SAMPLE);
  const rendered = renderKernelCommandLine(analysis);
  assert.deepEqual(rendered.words, [
    'hostname=node1',
    'ssh_authorized_keys=github:someone',
    'ssh_authorized_keys="ssh-rsa AAAAB3 user@host"',
    'k3os.server_url=https://10.0.0.1:6443',
    'k3os.token=K10abc::server:xyz',
    'k3os.dns_nameservers=1.1.1.1',
    'k3os.labels.region=eu',
    'k3os.labels.build=0644',
    'k3os.environment.GREETING="hello world"',
    'k3os.ntp_servers=" pool.ntp.org"',
    'k3os.install.silent=true',
    'k3os.install.force_efi=false',
    'k3os.install.device=/dev/vda',
  ]);
  assert.equal(rendered.line, rendered.words.join(' '));
  assert.deepEqual(brief(rendered.warnings), [
    ['write_files', true],
    ['k3os.labels.node.kubernetes.io/role', true],
    ['k3os.labels.build', false],
    ['k3os.sysctls.kernel.printk', true],
    ['k3os.environment.QUOTED', true],
    ['k3os.taints', true],
    ['k3os.k3s_args.2', true],
  ]);
  const messages = rendered.warnings.map((w) => w.message);
  assert.match(messages[1], /splits command-line keys at every dot/);
  assert.match(messages[2], /written as 0644.*"420"/);
  assert.match(messages[6], /the whole list.*item 3.*`="`/);
  // Warnings point at the key for a key's problem, at the value for a value's.
  const at = (w: CmdlineWarning): string => SAMPLE.slice(w.range!.start, w.range!.end);
  assert.equal(at(rendered.warnings[0]), 'write_files');
  assert.equal(at(rendered.warnings[1]), 'node.kubernetes.io/role');
  assert.equal(at(rendered.warnings[2]), '0644');
  assert.equal(at(rendered.warnings[4]), `'say "hi" there'`);
  assert.equal(at(rendered.warnings[6]), '--kube-apiserver-arg=a="b;c');
});

test('reads back as the config, except what was left out; a map value keeps its text as written (k3OS trims map values either way)', () => {
  const analysis = k3os(SAMPLE);
  const read = readKernelCommandLine(renderKernelCommandLine(analysis).line);
  assert.deepEqual(read.config, {
    hostname: 'node1',
    ssh_authorized_keys: ['github:someone', 'ssh-rsa AAAAB3 user@host'],
    k3os: {
      server_url: 'https://10.0.0.1:6443',
      token: 'K10abc::server:xyz',
      dns_nameservers: ['1.1.1.1'],
      labels: { region: 'eu', build: '0644' },
      environment: { GREETING: 'hello world' },
      ntp_servers: [' pool.ntp.org'],
      install: { silent: true, force_efi: false, device: '/dev/vda' },
    },
  });
});

test('values that cannot be one word are left out, each with its reason', () => {
  const cases: [string, RegExp][] = [
    ['"quoted at the start', /starts or ends with a double quote/],
    ['ends quoted"', /starts or ends with a double quote/],
    ['two\nlines', /spans several lines/],
    ['tab\there', /control character/],
    ['a "b" c', /cannot contain another double quote/],
    ['x="y', /`="`/],
  ];
  for (const [value, reason] of cases) {
    const rendered = renderKernelCommandLine(k3os(`hostname: ${JSON.stringify(value)}\nk3os:\n  token: t\n`));
    assert.deepEqual(rendered.words, ['k3os.token=t'], value);
    assert.equal(rendered.warnings.length, 1);
    assert.match(rendered.warnings[0].message, reason, value);
  }
  const fine = renderKernelCommandLine(k3os(`hostname: ""\nk3os:\n  password: $6$salt$a"b\n  token: "a = b"\n  labels: {"": x, "a=b": y, "a b": z}\n`));
  assert.deepEqual(fine.words, ['hostname=', 'k3os.password=$6$salt$a"b', 'k3os.token="a = b"', 'k3os.labels.=x']);
  assert.deepEqual(brief(fine.warnings), [['k3os.labels.a=b', true], ['k3os.labels.a b', true]]);
});

test('empty lists and mappings, lists of mappings, and a line over the kernel\'s limit are reported', () => {
  const rendered = renderKernelCommandLine(k3os('run_cmd: []\nk3os:\n  wifi:\n    - name: home\n      passphrase: secret\n  labels: {}\n  install: {}\n'));
  assert.deepEqual(rendered.words, []);
  assert.deepEqual(brief(rendered.warnings), [['run_cmd', true], ['k3os.wifi', true], ['k3os.labels', true]]);
  const keys = Array.from({ length: 30 }, (_, i) => `  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${'x'.repeat(40)}${i} user${i}@host`).join('\n');
  const long = renderKernelCommandLine(k3os(`ssh_authorized_keys:\n${keys}\nk3os:\n  token: t\n`));
  assert.equal(long.words.length, 31);
  assert.deepEqual(brief(long.warnings), [['', false]]);
  assert.match(long.warnings[0].message, /bytes long; Linux on x86-64 and arm64 keeps at most 2047/);
});

test('the engine refuses other dialects and configs with errors', () => {
  const butane = kernelCommandLine(analyze('variant: fcos\nversion: 1.5.0\n', { dialect: 'butane' }));
  assert.equal(butane.ok, false);
  assert.equal(!butane.ok && butane.reason, 'not a k3OS config');
  const broken = kernelCommandLine(analyze('write_files:\n  - path: /x\n    permissions: 0644\nk3os:\n  token: t\n', { dialect: 'k3os' }));
  assert.equal(broken.ok, false);
  assert.ok(!broken.ok && broken.errors.length === 1 && /fix the errors first/.test(broken.reason));
  const syntax = kernelCommandLine(analyze('k3os: [\n', { dialect: 'k3os' }));
  assert.equal(syntax.ok, false);
  // Kindling's k3s-level findings (here an http:// server URL) do not stop the rendering.
  const k3sError = kernelCommandLine(analyze('k3os:\n  server_url: http://a:6443\n  token: K10x\n', { dialect: 'k3os' }));
  assert.deepEqual(k3sError.ok && k3sError.words, ['k3os.server_url=http://a:6443', 'k3os.token=K10x']);
  const good = kernelCommandLine(analyze('k3os:\n  token: t\n', { dialect: 'k3os' }));
  assert.deepEqual(good.ok && good.words, ['k3os.token=t']);
});

// ---------------------------------------------------------------- generated configs

/** A YAML scalar written without quotes (a number or boolean the decoder resolves). */
class Plain {
  constructor(readonly text: string) {}
}

/** JSON is YAML flow style; plain scalars are spliced in where their placeholders are. */
function toYaml(value: unknown): string {
  const plains: string[] = [];
  const json = JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Plain) {
      plains.push(v.text);
      return `@@${plains.length - 1}@@`;
    }
    return v;
  });
  return `${json.replace(/"@@(\d+)@@"/g, (_m, i: string) => plains[Number(i)])}\n`;
}

function generator(random: Random) {
  // The first 25 are safe anywhere in a word; the rest are what the reader treats specially.
  const chars = ['a', 'b', 'Z', '0', '9', '-', '_', '/', ':', '.', '=', '$', "'", '#', 'é', '€', '[', ',', '\\', '@', 'x', 'y', 'k', ' ', ' ', '"', '="', ' "', '\t', '\n', '\u0001'];
  const safe = chars.slice(0, 25);
  const text = (): string => {
    const from = random.chance(0.7) ? safe : chars;
    return Array.from({ length: random.int(9) }, () => random.pick(from)).join('');
  };
  const key = (): string => {
    const r = random.next();
    if (r < 0.15) return `${text()}.${text()}`;
    if (r < 0.3) return text();
    return Array.from({ length: 1 + random.int(5) }, () => random.pick(['a', 'B', '_', '-', '/', '1', 'z'])).join('');
  };
  const plainValues = ['10', '0644', '1.5', '1e3', 'true', 'yes', 'off', '~', '007', '-3', '0x1F', '999999'];
  const mapValue = (): unknown => {
    const r = random.next();
    if (r < 0.2) return new Plain(random.pick(plainValues));
    if (r < 0.25) return [text(), text()];
    return text();
  };
  const strings = (): unknown => {
    const r = random.next();
    if (r < 0.1) return [];
    if (r < 0.3) return text();
    return Array.from({ length: 1 + random.int(4) }, text);
  };
  const stringMap = (): Obj => Object.fromEntries(Array.from({ length: random.int(4) }, () => [key(), mapValue()]));
  const bool = (): unknown => (random.chance(0.6) ? random.chance(0.5) : random.pick(['true', 'false', 'yes', '']));
  const maybe = (obj: Obj, name: string, make: () => unknown, p = 0.5): void => {
    if (random.chance(p)) obj[name] = make();
  };
  return (): Obj => {
    const config: Obj = {};
    maybe(config, 'hostname', text);
    maybe(config, random.pick(['ssh_authorized_keys', 'ssh_authorized_key']), strings);
    maybe(config, 'write_files', () => [{ path: `/${text()}`, content: text() }], 0.2);
    for (const name of ['run_cmd', 'boot_cmd', 'init_cmd']) maybe(config, name, strings, 0.3);
    const k3osConfig: Obj = {};
    maybe(k3osConfig, random.pick(['data_sources', 'data_source']), strings, 0.3);
    maybe(k3osConfig, 'modules', strings, 0.3);
    maybe(k3osConfig, random.pick(['sysctls', 'sysctl']), stringMap, 0.4);
    maybe(k3osConfig, 'ntp_servers', strings, 0.3);
    maybe(k3osConfig, random.pick(['dns_nameservers', 'dns_nameserver']), strings, 0.3);
    maybe(k3osConfig, 'wifi', () => [{ name: text(), passphrase: text() }], 0.1);
    for (const name of ['password', 'server_url', 'token']) maybe(k3osConfig, name, text, 0.4);
    maybe(k3osConfig, random.pick(['labels', 'label']), stringMap, 0.5);
    maybe(k3osConfig, random.pick(['k3s_args', 'k3s_arg']), strings, 0.4);
    maybe(k3osConfig, 'environment', stringMap, 0.4);
    maybe(k3osConfig, 'taints', strings, 0.3);
    maybe(k3osConfig, 'install', () => {
      const install: Obj = {};
      for (const name of ['force_efi', 'silent', 'power_off', 'no_format', 'debug']) maybe(install, name, bool, 0.4);
      for (const name of ['device', 'config_url', 'iso_url', 'tty']) maybe(install, name, text, 0.3);
      return install;
    });
    if (random.chance(0.9)) config.k3os = k3osConfig;
    return config;
  };
}

function at(config: Obj, path: readonly (string | number)[]): { parent: Obj | unknown[]; key: string | number } | undefined {
  let node: unknown = config;
  for (const part of path.slice(0, -1)) {
    node = (node as Record<string | number, unknown> | undefined)?.[part];
    if (typeof node !== 'object' || node === null) return undefined;
  }
  return { parent: node as Obj, key: path[path.length - 1] };
}

function pruneEmpty(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    const pruned = pruneEmpty(v);
    if (typeof pruned === 'object' && pruned !== null && !Array.isArray(pruned) && Object.keys(pruned).length === 0) continue;
    Object.defineProperty(out, k, { value: pruned, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The part of the config a command line can carry: map values as written, omitted paths gone. */
function expressible(analysis: K3osAnalysis, warnings: CmdlineWarning[]): unknown {
  const config = structuredClone(analysis.config);
  for (const s of analysis.decoded.stringified) {
    const place = s.tag !== 'list' && s.tag !== 'mapping' ? at(config, s.path) : undefined;
    if (place) (place.parent as Record<string | number, unknown>)[place.key] = s.written;
  }
  for (const w of warnings.filter((x) => x.omitted)) {
    const target = typeof w.path[w.path.length - 1] === 'number' ? w.path.slice(0, -1) : w.path;
    const place = at(config, target);
    if (place) delete (place.parent as Record<string | number, unknown>)[place.key];
  }
  return pruneEmpty(config);
}

test('generated configs read back as their expressible part, one reader word per rendered word', () => {
  const random = new Random(20240601);
  const generate = generator(random);
  let rendered = 0;
  let omitted = 0;
  for (let n = 0; n < 1500; n++) {
    const text = toYaml(generate());
    const analysis = analyze(text, { dialect: 'k3os' });
    // Rendering itself does not look at diagnostics (the engine's refusal does): a config with
    // errors still has a decoded part, and that must read back too.
    if (!analysis.k3os) continue;
    const result = renderKernelCommandLine(analysis.k3os);
    rendered++;
    omitted += result.warnings.filter((w) => w.omitted).length;
    const context = `config ${n}: ${text}line: ${result.line}`;
    assert.deepEqual(kernelCommandLineWords(result.line), result.words, context);
    const read = readKernelCommandLine(result.line);
    assert.deepEqual(read.config, expressible(analysis.k3os, result.warnings), context);
    assert.deepEqual(read.mismatches, [], context);
  }
  assert.ok(rendered > 1400, `${rendered} configs rendered`);
  assert.ok(omitted > 200, `${omitted} values left out`);
});

// ---------------------------------------------------------------- CLI and editor text

function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindling-cmdline-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

test('kindling cmdline prints the line, warnings on stderr; exit 1 on errors, 2 on usage errors', () => {
  const file = tempFile('config.yaml', SAMPLE);
  const ok = runCli(['cmdline', file]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, `${renderKernelCommandLine(k3os(SAMPLE)).line}\n`);
  const lines = ok.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 7);
  assert.equal(lines[0], `${file}:5:1: warning: \`write_files\` is left out: it is a list of mappings, and the kernel command line can only set dotted keys to text. Keep it in a config file.`);
  assert.match(lines[1], /:14:5: warning: `node\.kubernetes\.io\/role` in `k3os\.labels` is left out/);

  const stdin = runCli(['cmdline', '--k3os-source', 'cmdline', '-'], { input: '# kindling: k3os\nhostname: n1\n' });
  assert.deepEqual([stdin.status, stdin.stdout, stdin.stderr], [0, 'hostname=n1\n', '']);

  const broken = tempFile('config.yaml', 'k3os:\n  token: t\nwrite_files:\n  - path: /x\n    permissions: 0644\n');
  const refused = runCli(['cmdline', broken]);
  assert.equal(refused.status, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:18: error: `));
  assert.match(refused.stderr, /was not rendered as a kernel command line: k3OS cannot read the config as written; fix the errors first\n$/);

  for (const [args, pattern] of [
    [['cmdline'], /cmdline needs exactly one FILE/],
    [['cmdline', tempFile('node.bu', 'variant: fcos\nversion: 1.5.0\n')], /is not a k3OS config/],
    [['cmdline', '--k3os-source', 'disk', file], /--k3os-source must be one of system, cmdline, local, config\.d, userdata/],
    [['cmdline', '--as', 'k3os', file], /unknown option --as/],
  ] as [string[], RegExp][]) assertUsageError(args, pattern);
});

test('the editor text: the line, then a blank line and one comment per warning', () => {
  assert.equal(kernelCommandLineText('node.yaml', { uri: 'u', ok: true, line: 'a=1', warnings: [], problems: [] }), 'a=1\n');
  const text = kernelCommandLineText('node.yaml', {
    uri: 'u',
    ok: true,
    line: 'a=1 b=2',
    warnings: [
      { line: 4, character: 2, severity: 'warning', message: '`x` is left out: why.' },
      { line: 9, character: 0, severity: 'warning', message: 'two\nlines' },
    ],
    problems: [],
  });
  assert.equal(text, 'a=1 b=2\n\n# node.yaml:5:3: warning: `x` is left out: why.\n# node.yaml:10:1: warning: two lines\n');
});
