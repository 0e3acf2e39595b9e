import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { VECTORS } from './helpers';
import {
  dockerUnit,
  etcdUnit,
  flannelUnit,
  GeneratedProblem,
  goQuote,
  goSprintfNoArgs,
  goToLower,
  isSupportedPlatform,
  PLATFORMS,
  providerOverrideUnits,
  updateConfFile,
  validateEtcd,
  validateFlannel,
  validateLocksmith,
  validateUpdate,
} from '../engine/clc/generated/index';

const CLC = path.join(VECTORS, 'clc');
const GENERATED_UNITS = ['coreos-metadata.service', 'coreos-metadata-sshkeys@.service', 'docker.service', 'etcd-member.service', 'flanneld.service'];
type Obj = Record<string, unknown>;

/** ct's stderr as entries: severity, message and position (absent for "error: msg"). */
function stderrEntries(text: string): { severity: string; message: string; line?: number; col?: number }[] {
  const lines = text.split('\n').filter((l) => l !== '' && l !== 'Failed to parse config');
  const out: { severity: string; message: string; line?: number; col?: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const located = /^(error|warning|info) at line (\d+), column (\d+)$/.exec(lines[i]);
    if (located) out.push({ severity: located[1], message: lines[++i], line: Number(located[2]), col: Number(located[3]) });
    else out.push({ severity: lines[i].slice(0, lines[i].indexOf(':')), message: lines[i].slice(lines[i].indexOf(':') + 2) });
  }
  return out;
}

/** Where ct would print a problem (1-based), from the YAML source, or undefined for 'none'. */
function position(text: string, p: GeneratedProblem): { line: number; col: number } | undefined {
  if (p.at === 'none') return undefined;
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const parent = doc.getIn(p.path.slice(0, -1), true);
  assert.ok(isMap(parent), `no map at ${p.path.slice(0, -1).join('.')}`);
  const pair = parent.items.find((it) => isScalar(it.key) && it.key.value === p.path[p.path.length - 1]);
  const node = p.at === 'key' ? pair?.key : pair?.value;
  const offset = (node as { range?: number[] } | undefined)?.range?.[0];
  assert.ok(offset !== undefined, `no node for ${p.path.join('.')}`);
  const { line, col } = counter.linePos(offset);
  return { line, col };
}

const vectorCases = fs.existsSync(CLC)
  ? fs.readdirSync(CLC).filter((name) => {
      const dir = path.join(CLC, name);
      if (!fs.existsSync(path.join(dir, 'input.yaml'))) return false;
      const input = fs.readFileSync(path.join(dir, 'input.yaml'), 'utf8');
      return /^(etcd|flannel|docker|update|locksmith):/m.test(input) || fs.readFileSync(path.join(dir, 'args'), 'utf8').includes('-platform');
    })
  : [];

test('the vectors with generated sections are present', { skip: vectorCases.length === 0 && `no vectors at ${CLC}` }, () => {
  assert.ok(vectorCases.length >= 20, `only ${vectorCases.length} cases`);
});

for (const name of vectorCases) {
  test(`vector ${name}: generated units, files and messages match ct`, () => {
    const dir = path.join(CLC, name);
    const text = fs.readFileSync(path.join(dir, 'input.yaml'), 'utf8');
    const args = fs.readFileSync(path.join(dir, 'args'), 'utf8').trim().split(/\s+/);
    const platform = args.includes('-platform') ? args[args.indexOf('-platform') + 1] : '';
    const strict = args.includes('-strict');
    const config = (parseDocument(text).toJS() ?? {}) as Obj;
    const section = (key: string): Obj | undefined => (config[key] as Obj | null | undefined) ?? undefined;
    const expected = stderrEntries(fs.readFileSync(path.join(dir, 'expected.stderr'), 'utf8'));

    // parse stage, in ct's Config field order
    const validators: [string, (s: Obj) => GeneratedProblem[]][] = [
      ['etcd', validateEtcd],
      ['flannel', validateFlannel],
      ['update', validateUpdate],
      ['locksmith', validateLocksmith],
    ];
    const parseProblems = validators.flatMap(([key, validate]) => (section(key) ? validate(section(key)!) : []));
    const got: { severity: string; message: string; line?: number; col?: number }[] = parseProblems.map((p) => ({ severity: p.severity, message: p.message, ...position(text, p) }));
    const parseFails = parseProblems.some((p) => p.severity === 'error') || (strict && parseProblems.length > 0);
    const units: unknown[] = [];
    const files: unknown[] = [];
    if (!parseFails) {
      if (!isSupportedPlatform(platform)) got.push({ severity: 'error', message: 'unsupported platform' });
      else {
        units.push(...providerOverrideUnits(platform));
        const generated = [
          section('docker') && dockerUnit(section('docker')!),
          section('etcd') && etcdUnit(section('etcd')!, platform),
          section('flannel') && flannelUnit(section('flannel')!, platform),
        ];
        for (const g of generated) {
          if (!g) continue;
          if (g.unit) units.push(g.unit);
          got.push(...g.problems.map((p) => ({ severity: p.severity, message: p.message })));
        }
        const conf = updateConfFile(section('update'), section('locksmith'));
        if (conf.file) files.push(conf.file);
      }
    }
    assert.deepEqual(got, expected);

    const ignPath = path.join(dir, 'expected.ign');
    if (!fs.existsSync(ignPath) || fs.readFileSync(ignPath, 'utf8').trim() === '') return;
    const ign = JSON.parse(fs.readFileSync(ignPath, 'utf8'));
    const expectedUnits = ((ign.systemd?.units ?? []) as Obj[]).filter((u) => GENERATED_UNITS.includes(u.name as string));
    assert.deepEqual(units, expectedUnits);
    const expectedFiles = ((ign.storage?.files ?? []) as Obj[])
      .filter((f) => f.path === '/etc/coreos/update.conf')
      .map((f) => {
        // the JSON printer adds the empty verification object ct prints for every file
        const { verification, ...contents } = f.contents as Obj;
        assert.deepEqual(verification, {});
        return { ...f, contents };
      });
    assert.deepEqual(files, expectedFiles);
  });
}

const dropin = (r: { unit?: { dropins: { contents: string }[] }; problems: GeneratedProblem[] }): string => {
  assert.deepEqual(r.problems, []);
  return r.unit!.dropins[0].contents;
};
const execArgs = (contents: string): string[] => contents.split('\n').filter((l) => l.startsWith('  --')).map((l) => l.trim().replace(/ \\$/, ''));
const messages = (ps: GeneratedProblem[]): string[] => ps.map((p) => p.message);

test('Go %q quoting of option values (strconv.Quote)', () => {
  const cases: [string, string][] = [
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\dir', '"C:\\\\dir"'],
    ['a\nb\tc\rd', '"a\\nb\\tc\\rd"'],
    ['\x07\b\f\v', '"\\a\\b\\f\\v"'],
    ['\x01\x1f\x7f', '"\\x01\\x1f\\x7f"'],
    ['héllo 日本 😀', '"héllo 日本 😀"'],
    ['nb\u00a0sp', '"nb\\u00a0sp"'],
    ['zw\u200bsp', '"zw\\u200bsp"'],
    ['\u00ad', '"\\u00ad"'],
    ['\ue000', '"\\ue000"'],
    ['\u{10fffd}', '"\\U0010fffd"'],
    ['lone\ud800', '"lone\ufffd"'],
    ['', '""'],
    ['{HOSTNAME}', '"{HOSTNAME}"'],
    // assigned after Unicode 13 (Go 1.17–1.20, which built ct): escaped by ct though printable today
    ['\u0870 \u{1FAE0}', '"\\u0870 \\U0001fae0"'],
  ];
  for (const [input, quoted] of cases) assert.equal(goQuote(input), quoted, JSON.stringify(input));
  const contents = dropin(etcdUnit({ version: '3.5.9', name: 'a "b"\n', data_dir: '' }, ''));
  assert.deepEqual(execArgs(contents), ['--name="a \\"b\\"\\n"', '--data-dir=""']);
});

test('a present empty string, zero or false is emitted; absent and null are not', () => {
  const contents = dropin(etcdUnit({ version: '3.5.0', name: '', snapshot_count: 0, enable_v2: false, wal_dir: null, unknown_key: 'x' }, ''));
  assert.deepEqual(execArgs(contents), ['--name=""', '--snapshot-count=0', '--enable-v2=false']);
  assert.equal(dropin(etcdUnit({}, '')), '[Service]\nExecStart=\nExecStart=/usr/lib/coreos/etcd-wrapper $ETCD_OPTS');
});

test('flags follow the struct of the version, in Go field order', () => {
  // 2.3: Etcd2 is alphabetical; 3.x lists name first
  assert.deepEqual(execArgs(dropin(etcdUnit({ version: '2.3.7', name: 'n', advertise_client_urls: 'u' }, ''))), ['--advertise-client-urls="u"', '--name="n"']);
  assert.deepEqual(execArgs(dropin(etcdUnit({ version: '3.0.0', name: 'n', advertise_client_urls: 'u', auto_compaction_retention: 1 }, ''))), [
    '--name="n"',
    '--advertise-client-urls="u"',
    '--auto-compaction-retention=1',
  ]);
  // 3.6 uses the 3.5 struct, where the retention is a string
  assert.match(dropin(etcdUnit({ version: '3.6.1', auto_compaction_retention: '1h' }, '')), /ETCD_IMAGE_TAG=v3\.6\.1"[\s\S]*--auto-compaction-retention="1h"$/);
  const flannel = dropin(flannelUnit({ version: '0.7.0', interface: 'eth0', kube_subnet_mgr: true }, ''));
  assert.deepEqual(execArgs(flannel), ['--iface="eth0"', '--kube-subnet-mgr=true']);
});

const TABLE: Record<string, Record<string, string>> = {
  azure: { PRIVATE_IPV4: 'COREOS_AZURE_IPV4_DYNAMIC', PUBLIC_IPV4: 'COREOS_AZURE_IPV4_VIRTUAL' },
  digitalocean: {
    HOSTNAME: 'COREOS_DIGITALOCEAN_HOSTNAME',
    PRIVATE_IPV4: 'COREOS_DIGITALOCEAN_IPV4_PRIVATE_0',
    PUBLIC_IPV4: 'COREOS_DIGITALOCEAN_IPV4_PUBLIC_0',
    PRIVATE_IPV6: 'COREOS_DIGITALOCEAN_IPV6_PRIVATE_0',
    PUBLIC_IPV6: 'COREOS_DIGITALOCEAN_IPV6_PUBLIC_0',
  },
  ec2: { HOSTNAME: 'COREOS_EC2_HOSTNAME', PRIVATE_IPV4: 'COREOS_EC2_IPV4_LOCAL', PUBLIC_IPV4: 'COREOS_EC2_IPV4_PUBLIC' },
  gce: { HOSTNAME: 'COREOS_GCE_HOSTNAME', PRIVATE_IPV4: 'COREOS_GCE_IP_LOCAL_0', PUBLIC_IPV4: 'COREOS_GCE_IP_EXTERNAL_0' },
  packet: { HOSTNAME: 'COREOS_PACKET_HOSTNAME', PRIVATE_IPV4: 'COREOS_PACKET_IPV4_PRIVATE_0', PUBLIC_IPV4: 'COREOS_PACKET_IPV4_PUBLIC_0', PUBLIC_IPV6: 'COREOS_PACKET_IPV6_PUBLIC_0' },
  'openstack-metadata': { HOSTNAME: 'COREOS_OPENSTACK_HOSTNAME', PRIVATE_IPV4: 'COREOS_OPENSTACK_IPV4_LOCAL', PUBLIC_IPV4: 'COREOS_OPENSTACK_IPV4_PUBLIC' },
  'vagrant-virtualbox': { HOSTNAME: 'COREOS_VAGRANT_VIRTUALBOX_HOSTNAME', PRIVATE_IPV4: 'COREOS_VAGRANT_VIRTUALBOX_PRIVATE_IPV4' },
  'cloudstack-configdrive': { HOSTNAME: 'CLOUDSTACK_LOCAL_HOSTNAME' },
  custom: {
    HOSTNAME: 'COREOS_CUSTOM_HOSTNAME',
    PRIVATE_IPV4: 'COREOS_CUSTOM_PRIVATE_IPV4',
    PUBLIC_IPV4: 'COREOS_CUSTOM_PUBLIC_IPV4',
    PRIVATE_IPV6: 'COREOS_CUSTOM_PRIVATE_IPV6',
    PUBLIC_IPV6: 'COREOS_CUSTOM_PUBLIC_IPV6',
  },
};

test('templating: every platform × field, unknown fields and missing platforms', () => {
  assert.deepEqual([...PLATFORMS].sort(), Object.keys(TABLE).sort());
  for (const platform of PLATFORMS) {
    for (const field of ['HOSTNAME', 'PRIVATE_IPV4', 'PUBLIC_IPV4', 'PRIVATE_IPV6', 'PUBLIC_IPV6', 'NOT_A_FIELD', 'hostname', '']) {
      for (const [sectionName, generate] of [['etcd', etcdUnit], ['flannel', flannelUnit]] as const) {
        const r = generate({ public_ip: `x{${field}}y`, name: `x{${field}}y` }, platform);
        const variable = TABLE[platform][field];
        if (variable === undefined) {
          assert.deepEqual(r, { problems: [{ severity: 'error', message: 'unknown field', path: [sectionName], at: 'none' }] }, `${platform} ${field}`);
          continue;
        }
        const contents = dropin(r);
        assert.ok(contents.startsWith('[Unit]\nRequires=coreos-metadata.service\nAfter=coreos-metadata.service\n\n[Service]\nEnvironmentFile=/run/metadata/coreos\n'), contents);
        assert.ok(contents.includes(`="x\${${variable}}y"`), `${platform} ${field}: ${contents}`);
      }
    }
  }
  assert.deepEqual(messages(etcdUnit({ name: '{HOSTNAME}' }, '').problems), ['platform must be specified to use templating']);
  assert.deepEqual(messages(etcdUnit({ name: '{HOSTNAME}' }, 'aws').problems), ['unsupported platform']);
  assert.deepEqual(etcdUnit({ name: 'plain' }, 'aws').problems, []);
});

test('templating quirks: several fields, a } before the {, flannel etcdctl line untouched', () => {
  const two = dropin(etcdUnit({ initial_cluster: '{HOSTNAME}=http://{PRIVATE_IPV4}:2380,{HOSTNAME}' }, 'ec2'));
  assert.deepEqual(execArgs(two), ['--initial-cluster="${COREOS_EC2_HOSTNAME}=http://${COREOS_EC2_IPV4_LOCAL}:2380,${COREOS_EC2_HOSTNAME}"']);
  const reversed = dropin(etcdUnit({ name: 'a}HOSTNAME{b' }, 'ec2'));
  assert.ok(reversed.startsWith('[Unit]\nRequires=coreos-metadata.service'));
  assert.deepEqual(execArgs(reversed), ['--name="a}HOSTNAME{b"']);
  assert.deepEqual(messages(etcdUnit({ name: '{HOSTNAME' }, '').problems), ['platform must be specified to use templating']);
  const flannel = dropin(flannelUnit({ version: '0.7.1', etcd_endpoints: 'http://{PRIVATE_IPV4}:2379', etcd_cafile: 'ca', etcd_keyfile: 'k', network_config: '{"Network":"10.1.0.0/16"}' }, 'gce'));
  assert.equal(
    flannel.split('\n').pop(),
    'ExecStartPre=/usr/bin/etcdctl --endpoints="http://{PRIVATE_IPV4}:2379" --ca-file="ca" --key-file="k" set /coreos.com/network/config "{\\"Network\\":\\"10.1.0.0/16\\"}"',
  );
  // JSON braces in network_config alone do not switch templating on
  assert.ok(dropin(flannelUnit({ network_config: '{}' }, '')).startsWith('[Service]\nExecStartPre') === false);
  assert.ok(dropin(flannelUnit({ network_config: '{}' }, '')).startsWith('[Service]\nExecStart='));
});

test('etcd and flannel versions: go-semver parsing and ct range checks', () => {
  const decodeError = (v: unknown): string[] => messages(validateEtcd({ version: v, name: 'x' }));
  assert.deepEqual(decodeError('3.5'), ['3.5 is not in dotted-tri format']);
  assert.deepEqual(decodeError(3.5), ['3.5 is not in dotted-tri format']);
  assert.deepEqual(decodeError(''), [' is not in dotted-tri format']);
  assert.deepEqual(decodeError('v3.5.0'), ['strconv.ParseInt: parsing "v3": invalid syntax']);
  assert.deepEqual(decodeError('3.5.0.1'), ['strconv.ParseInt: parsing "0.1": invalid syntax']);
  assert.deepEqual(decodeError('3.5.99999999999999999999'), ['strconv.ParseInt: parsing "99999999999999999999": value out of range']);
  assert.deepEqual(decodeError('3.5.0-rc..1'), ['failed to validate pre-release: rc..1 is not a valid semver identifier']);
  assert.deepEqual(decodeError('3.5.0+a+b'), ['failed to validate metadata: a+b is not a valid semver identifier']);
  assert.equal(validateEtcd({ version: 'x' })[0].decode, true);
  assert.match(dropin(etcdUnit({ version: '03.05.09-rc.1+b.2' }, '')), /ETCD_IMAGE_TAG=v3\.5\.9-rc\.1\+b\.2/);
  assert.deepEqual(validateEtcd({ version: '3.4.0', name: 'x' }), []);
  assert.deepEqual(messages(validateEtcd({ version: '2.3.0-rc.1' })), ['Etcd version specified is not valid (too old)']);
  assert.deepEqual(messages(validateEtcd({ version: '2.2.0', name: 'x' })), ['Etcd version specified is not valid (too old)', 'Config has unrecognized key: name']);
  assert.deepEqual(messages(validateEtcd({ version: '2.4.0', debug: true })), [
    'Etcd minor version specified is too new, only options available in the previous minor version will be accepted',
  ]);
  assert.deepEqual(validateEtcd({ Name: 'x', version: '3.5.0' }), [
    { severity: 'warning', message: 'Config has unrecognized key: Name', path: ['etcd', 'Name'], at: 'key' },
    { severity: 'info', message: 'Did you mean name instead of Name', path: ['etcd', 'Name'], at: 'key' },
  ]);
  // Go's EqualFold folds the Kelvin sign with k
  assert.deepEqual(messages(validateEtcd({ '\u212Aey_file': 'x' })), ['Config has unrecognized key: \u212Aey_file', 'Did you mean key_file instead of \u212Aey_file']);
  // debug exists in 2.3–3.4 but not in 3.5 (the default)
  assert.deepEqual(messages(validateEtcd({ debug: true })), ['Config has unrecognized key: debug']);
  assert.deepEqual(messages(validateFlannel({ version: '0.4.9' })), ['invalid flannel version (too old)']);
  assert.deepEqual(messages(validateFlannel({ version: '1.0.0', etcd_prefix: '/p' })), ['Config has unrecognized key: etcd_prefix']);
  assert.equal(dropin(flannelUnit({ version: '1.0.0', etcd_prefix: '/p' }, '')), '[Service]\nEnvironment="FLANNEL_IMAGE_TAG=v1.0.0"\nExecStart=\nExecStart=/usr/lib/coreos/flannel-wrapper $FLANNEL_OPTS');
});

test('flannel network_config and kube_subnet_mgr', () => {
  assert.deepEqual(validateFlannel({ network_config: '{"Network": "10.1.0.0/16"}' }), []);
  assert.deepEqual(validateFlannel({ network_config: 'null' }), []);
  for (const bad of ['{', '[1]', '"s"', '{"a": 1e400}', "{'a': 1}"]) {
    assert.deepEqual(validateFlannel({ network_config: bad }), [
      { severity: 'error', message: "flannel network config doesn't appear to be valid JSON", path: ['flannel', 'network_config'], at: 'value' },
    ]);
  }
  // the conflict check runs first and, failing, hides everything else in the section
  assert.deepEqual(validateFlannel({ version: '0.7.0', kube_subnet_mgr: true, network_config: '{', bogus: 1 }), [
    { severity: 'error', message: 'flannel network config cannot be provided if kube_subnet_mgr is set', path: ['flannel'], at: 'value' },
  ]);
  assert.deepEqual(messages(validateFlannel({ version: '0.6.0', kube_subnet_mgr: true, network_config: '{}' })), ['Config has unrecognized key: kube_subnet_mgr']);
});

test('locksmith checks: window start, window length, strategy', () => {
  const windowProblems = (start: string, length = '1h'): string[] => messages(validateLocksmith({ window_start: start, window_length: length }));
  for (const ok of ['Thu 04:00', 'thu 4:00', 'SUN 23:59', 'FR\u0130 04:00', '04:00', ' mon 00:00', 'Thu  04:00', 'Thu\t04:00', 'Thu 04:00 extra']) assert.deepEqual(windowProblems(ok), [], ok);
  assert.deepEqual(windowProblems('Someday 04:00'), ['unknown day in window start']);
  for (const bad of ['mon00:00', 'mon 24:00', 'mon 0000', 'mon 04:60', 'Thu\n04:00', '04:00 ', 'mon 04:0', 'mon 004:00']) {
    assert.deepEqual(windowProblems(bad), ["couldn't parse window start"], JSON.stringify(bad));
  }
  for (const ok of ['1h', '1h30m', '90s', '1.5h', '-2m', '+3m', '0', '1µs', '1μs', '.5s', '1.s', '9223372036854775807ns']) assert.deepEqual(windowProblems('04:00', ok), [], ok);
  for (const bad of ['1', '1d', 'h', '.s', '1h 30m', '-', '9223372036854775808ns', '2562048h']) assert.deepEqual(windowProblems('04:00', bad), ["couldn't parse window length"], bad);
  assert.deepEqual(validateLocksmith({ reboot_strategy: 'sometimes', window_start: 'Thu 04:00' }), [
    { severity: 'error', message: 'window-start and window-length must both be specified', path: ['locksmith'], at: 'value' },
  ]);
  assert.deepEqual(messages(validateLocksmith({ window_start: '', window_length: '' })), []);
  assert.deepEqual(validateLocksmith({ reboot_strategy: 'sometimes' }), [{ severity: 'error', message: 'unknown reboot strategy', path: ['locksmith', 'reboot_strategy'], at: 'value' }]);
  for (const ok of ['REBOOT', 'Etcd-Lock', 'off', '']) assert.deepEqual(validateLocksmith({ reboot_strategy: ok }), []);
});

test('update checks: group case-insensitive, server URL parsed as Go does', () => {
  for (const group of ['stable', 'STABLE', 'Beta', 'alpha']) assert.deepEqual(validateUpdate({ group }), []);
  assert.deepEqual(validateUpdate({ group: 'lts' }), [{ severity: 'warning', message: 'unknown update group', path: ['update'], at: 'value' }]);
  assert.deepEqual(messages(validateUpdate({ download_user: 'u' })), ['unknown update group']);
  assert.deepEqual(validateUpdate({ group: 'lts', server: 'https://nebraska.example.com/v1/update/' }), []);
  const urlErrors: [string, string][] = [
    [':foo', 'parse ":foo": missing protocol scheme'],
    ['http://[::1', `parse "http://[::1": missing ']' in host`],
    ['http://host:port/', 'parse "http://host:port/": invalid port ":port" after host'],
    ['http://a b/', 'parse "http://a b/": invalid character " " in host name'],
    ['http://x/%zz', 'parse "http://x/%zz": invalid URL escape "%zz"'],
    ['http://x/#%g', 'parse "http://x/#%g": invalid URL escape "%g"'],
    ['a:b/c', ''],
    ['x:y', ''],
    ['1x:y', 'parse "1x:y": first path segment in URL cannot contain colon'],
    ['http://x\n', 'parse "http://x\\n": net/url: invalid control character in URL'],
    ['http://ü@x/', 'parse "http://ü@x/": net/url: invalid userinfo'],
  ];
  for (const [server, message] of urlErrors) {
    const got = validateUpdate({ group: 'stable', server });
    assert.deepEqual(got, message ? [{ severity: 'error', message, path: ['update', 'server'], at: 'value' }] : [], server);
  }
});

test('update.conf: line order, quoting, lower-cased group, data URL escaping', () => {
  const source = (u?: Obj, l?: Obj): string | undefined => updateConfFile(u, l).file?.contents.source;
  const decoded = (u?: Obj, l?: Obj): string | undefined => {
    const s = source(u, l);
    return s === undefined ? undefined : decodeURIComponent(s.slice('data:,'.length));
  };
  assert.equal(decoded({ group: 'STABLE', server: 'https://s/' }, { reboot_strategy: 'reboot', group: '' }), 'GROUP=stable\nSERVER=https://s/\nREBOOT_STRATEGY="reboot"\nLOCKSMITHD_GROUP=""');
  assert.equal(decoded({ server: 'https://s/', machine_alias: '' }), '\nSERVER=https://s/');
  assert.equal(decoded(undefined, { window_length: '1h', window_start: 'Thu 04:00', etcd_endpoints: 'http://e:2379' }), '\nLOCKSMITHD_REBOOT_WINDOW_START="Thu 04:00"\nLOCKSMITHD_REBOOT_WINDOW_LENGTH="1h"\nLOCKSMITHD_ENDPOINT="http://e:2379"');
  assert.equal(decoded({ group: 'ΑΣ' }), 'GROUP=ασ');
  assert.equal(source({ group: "beta é!~*'()" }), "data:,GROUP%3Dbeta%20%C3%A9!~*'()");
  assert.equal(updateConfFile({ group: '' }, {}).file, undefined);
  assert.equal(updateConfFile(undefined, undefined).file, undefined);
  assert.deepEqual(updateConfFile({ group: 'beta' }, undefined).file, { filesystem: 'root', path: '/etc/coreos/update.conf', contents: { source: 'data:,GROUP%3Dbeta' }, mode: 420 });
});

test('Go helpers: ToLower of Unicode 13, and printing a report as ct does (the text is a printf format)', () => {
  assert.equal(goToLower('STABLE İ ΑΣ \u2C2F'), 'stable i ασ \u2C2F');
  assert.equal(goSprintfNoArgs('parse "http://x%41/": invalid URL escape "%41"'), 'parse "http://x%!/(MISSING)": invalid URL escape "%!"(MISSING)');
  assert.equal(goSprintfNoArgs('100%% and 100%'), '100% and 100%!(NOVERB)');
  assert.equal(goSprintfNoArgs('%[1]d %*d %.*d %5% %é'), '%!d(BADINDEX) %!(BADWIDTH)%!d(MISSING) %!(BADPREC)%!d(MISSING) % %!é(MISSING)');
});

test('docker flags and the provider override units', () => {
  assert.deepEqual(dockerUnit({ flags: ['--log-level=warn', '--iptables=false'] }), {
    unit: { name: 'docker.service', enable: true, dropins: [{ name: '20-clct-docker.conf', contents: '[Service]\nEnvironment="DOCKER_OPTS=--log-level=warn --iptables=false"' }] },
    problems: [],
  });
  assert.equal(dropin(dockerUnit({})), '[Service]\nEnvironment="DOCKER_OPTS="');
  for (const p of ['', 'ec2', 'custom', 'azure']) assert.deepEqual(providerOverrideUnits(p), []);
  const units = providerOverrideUnits('cloudstack-configdrive');
  assert.deepEqual(units.map((u) => [u.name, u.enabled, u.enable]), [
    ['coreos-metadata.service', undefined, undefined],
    ['coreos-metadata-sshkeys@.service', true, undefined],
  ]);
  assert.equal(units[1].dropins[0].contents, '[Service]\nEnvironment=COREOS_METADATA_OPT_PROVIDER=--provider=cloudstack-configdrive');
  assert.ok(isSupportedPlatform('') && isSupportedPlatform('packet') && !isSupportedPlatform('aws') && !isSupportedPlatform('EC2'));
});
