// Table tests for the Go library ports ct v0.9.4 relies on. Every expectation was worked
// out from the Go sources (net/url of Go 1.19, alecthomas/units, vincent-petithory/dataurl,
// encoding/base64) and checked against those libraries built with Go 1.19.8 on amd64.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoUrl } from '../engine/clc/goUrl';
import { parseBase2Bytes } from '../engine/clc/goUnits';
import { decodeDataUrl } from '../engine/clc/dataUrl';

function urlText(raw: string): string {
  const r = parseGoUrl(raw);
  assert.ok(r.ok, `${JSON.stringify(raw)} should parse, got ${r.ok ? '' : r.message}`);
  return r.text;
}

function urlError(raw: string): string {
  const r = parseGoUrl(raw);
  assert.ok(!r.ok, `${JSON.stringify(raw)} should fail, got ${r.ok ? r.text : ''}`);
  return r.message;
}

test('url.Parse + String keeps ordinary Ignition URLs and lower-cases only the scheme', () => {
  const same = [
    'http://example.com/a/b?x=1#frag',
    's3://bucket/key?versionId=abc',
    'tftp://10.0.0.1/pxe.cfg',
    'data:,hello%20world',
    'data:text/plain;base64,aGk=',
    'oem:///ignition.json',
    'file:///etc/hosts',
    'mailto:joe@example.com',
    'http://user:p%40ss@host/',
    'http://[::1]:8080/x',
    'http://[fe80::1%25en0]/',
    'http://h:8080:90/',
    'http://x/a?b c#d',
    '//host/p',
    '///p',
    '*',
    '',
  ];
  for (const raw of same) assert.equal(urlText(raw), raw, raw);
  assert.equal(urlText('HTTPS://Example.COM/Path'), 'https://Example.COM/Path');
  assert.equal(urlText('a:b/c'), 'a:b/c', 'a scheme is found, so no first-segment colon error');
});

test('String re-escapes paths, hosts and fragments the way Go does', () => {
  const cases: [string, string][] = [
    ['http://x/a b', 'http://x/a%20b'],
    ['http://x/ü', 'http://x/%C3%BC'],
    ['http://x/a\u{1F600}', 'http://x/a%F0%9F%98%80'],
    ['http://x/a"b', 'http://x/a%22b'],
    ['http://x/a%2Fb', 'http://x/a%2Fb'], // valid RawPath kept
    ['http://x/%7e', 'http://x/%7e'], // valid but non-default escape kept
    ['http://x/%C3%BC', 'http://x/%C3%BC'],
    ['http://x/a%20b c', 'http://x/a%20b%20c'], // RawPath invalid, so Path is escaped afresh
    ['http://é.com/', 'http://%C3%A9.com/'],
    ['http://x/#a b', 'http://x/#a%20b'],
    ['http://x/#a b!(*)', 'http://x/#a%20b!(*)'], // sub-delims Go leaves alone in fragments only
    ['http://x/a b!(*)', 'http://x/a%20b%21%28%2A%29'],
    ['http://x/#a%21b', 'http://x/#a%21b'],
    ['http://x/#a\tb', 'http://x/#a%09b'], // control bytes in the fragment escape the CTL check
    ['http://x#', 'http://x'],
    ['http://x?', 'http://x?'], // ForceQuery
    ['http://x/?a?', 'http://x/?a?'],
    ['http:/x', 'http:/x'], // OmitHost (Go 1.19+)
    ['%3a"', './:%22'], // relative path whose first segment gains a colon
  ];
  for (const [raw, text] of cases) assert.equal(urlText(raw), text, raw);
});

test('parsed URL fields', () => {
  const r = parseGoUrl('HTTP://us%65r:pw@Host:80/a%2Fb?q=1#f%20g');
  assert.ok(r.ok);
  assert.deepEqual(
    { ...r.url, query: undefined },
    { scheme: 'http', opaque: '', user: { username: 'user', password: 'pw' }, host: 'Host:80', path: '/a/b', rawPath: '/a%2Fb', forceQuery: false, rawQuery: 'q=1', fragment: 'f g', query: undefined },
  );
  const opaque = parseGoUrl('data:text/plain,x?y');
  assert.ok(opaque.ok);
  assert.equal(opaque.url.opaque, 'text/plain,x');
  assert.equal(opaque.url.rawQuery, 'y');
  const noPassword = parseGoUrl('http://u@h/');
  assert.ok(noPassword.ok);
  assert.deepEqual(noPassword.url.user, { username: 'u', password: undefined });
});

test('query() follows u.Query()[name] for the s3 versionId check', () => {
  const q = (raw: string) => {
    const r = parseGoUrl(raw);
    assert.ok(r.ok);
    return r.url.query('versionId');
  };
  assert.deepEqual(q('s3://b/k?versionId=abc'), ['abc']);
  assert.deepEqual(q('s3://b/k?versionId='), ['']);
  assert.deepEqual(q('s3://b/k?versionId'), ['']);
  assert.deepEqual(q('s3://b/k?versionId=1&versionId=2'), ['1', '2']);
  assert.deepEqual(q('s3://b/k?versionId=a+b%21'), ['a b!']);
  assert.equal(q('s3://b/k'), undefined);
  assert.equal(q('s3://b/k?versionId=a;b'), undefined, 'pieces with ";" are dropped');
  assert.equal(q('s3://b/k?versionId=%zz'), undefined, 'pieces with bad escapes are dropped');
  assert.equal(q('s3://b/k?VersionId=1'), undefined, 'keys are case-sensitive');
});

test('url.Parse error messages, with the URL quoted like strconv.Quote', () => {
  const cases: [string, string][] = [
    ['http://a b.com/', 'parse "http://a b.com/": invalid character " " in host name'],
    [':foo', 'parse ":foo": missing protocol scheme'],
    ['cache_object:foo/bar', 'parse "cache_object:foo/bar": first path segment in URL cannot contain colon'],
    ['1:2', 'parse "1:2": first path segment in URL cannot contain colon'],
    ['http://x/%zz', 'parse "http://x/%zz": invalid URL escape "%zz"'],
    ['http://x/%', 'parse "http://x/%": invalid URL escape "%"'],
    ['http://x/%e', 'parse "http://x/%e": invalid URL escape "%e"'],
    ['http://x/%zé', 'parse "http://x/%zé": invalid URL escape "%z\\xc3"'],
    ['http://%41.com/', 'parse "http://%41.com/": invalid URL escape "%41"'],
    ['http://[fe80::1%25en%0a]/', 'parse "http://[fe80::1%25en%0a]/": invalid URL escape "%0a"'],
    ['http://[::1', `parse "http://[::1": missing ']' in host`],
    ['http://h:port/', 'parse "http://h:port/": invalid port ":port" after host'],
    ['http://[::1]x/', 'parse "http://[::1]x/": invalid port "x" after host'],
    ['http://us er@host/', 'parse "http://us er@host/": net/url: invalid userinfo'],
    ['http://x/\tb', 'parse "http://x/\\tb": net/url: invalid control character in URL'],
    ['http://x/\u00a0\x7f', 'parse "http://x/\\u00a0\\x7f": net/url: invalid control character in URL'],
    // Errors before the fragment quote the URL without it; fragment errors quote it all.
    ['http://a b#frag', 'parse "http://a b": invalid character " " in host name'],
    ['http://x#%zz', 'parse "http://x#%zz": invalid URL escape "%zz"'],
  ];
  for (const [raw, message] of cases) assert.equal(urlError(raw), message, raw);
});

test('ParseBase2Bytes values', () => {
  const cases: [string, number][] = [
    ['10GiB', 10737418240],
    ['10GB', 10737418240],
    ['512MiB', 536870912],
    ['1.5GiB', 1610612736],
    ['1KiB', 1024],
    ['1KB', 1024],
    ['0', 0],
    ['+0', 0],
    ['0B', 0],
    ['-1MiB', -1048576],
    ['+2MiB', 2097152],
    ['1GiB512MiB', 1610612736],
    ['.5KiB', 512],
    ['5.KiB', 5120],
    ['1.9B', 1],
    ['-0.5B', 0],
    ['1.00000000000000000001B', 1],
    ['9007199254740993B', 9007199254740992], // float64 rounding, as in Go
    ['922337203685477580B', 922337203685477632],
    ['8EiB', -(2 ** 63)], // 2^63 passes the range check; int64() of it is -2^63 on amd64
    ['-8EiB', -(2 ** 63)],
  ];
  for (const [s, bytes] of cases) assert.deepEqual(parseBase2Bytes(s), { ok: true, bytes }, s);
});

test('ParseBase2Bytes errors come from the second (KB/MB) unit map', () => {
  const cases: [string, string][] = [
    ['', 'units: invalid '],
    ['-', 'units: invalid -'],
    ['.', 'units: invalid .'],
    ['ten', 'units: invalid ten'],
    ['10XB', 'units: unknown unit XB in 10XB'],
    ['10', 'units: unknown unit  in 10'],
    ['00', 'units: unknown unit  in 00'],
    ['1kB', 'units: unknown unit kB in 1kB'],
    ['1 GiB', 'units: unknown unit  GiB in 1 GiB'],
    ['1KiB1KB', 'units: unknown unit KiB in 1KiB1KB'],
    ['9EiB', 'units: unknown unit EiB in 9EiB'], // overflow in the iB map, unknown in the B map
    ['9EB', 'units: overflow parsing unit'],
    ['9223372036854775808B', 'units: invalid 9223372036854775808B'], // leadingInt overflow
  ];
  for (const [s, message] of cases) assert.deepEqual(parseBase2Bytes(s), { ok: false, message }, s);
});

function dataOk(s: string): { mediaType: string; text: string } {
  const r = decodeDataUrl(s);
  assert.ok(r.ok, `${JSON.stringify(s)} should decode, got ${r.ok ? '' : r.message}`);
  return { mediaType: r.mediaType, text: Buffer.from(r.data).toString('latin1') };
}

test('dataurl.DecodeString accepts and decodes', () => {
  const cases: [string, string, string][] = [
    ['data:,', 'text/plain;charset=US-ASCII', ''],
    ['data:,A%20brief%20note', 'text/plain;charset=US-ASCII', 'A brief note'],
    ['data:text/plain;charset=utf-8;base64,SGVsbG8=', 'text/plain;charset=utf-8', 'Hello'],
    ['data:;base64,QUJD', 'text/plain;charset=US-ASCII', 'ABC'],
    ['data:;base64,QQ==', 'text/plain;charset=US-ASCII', 'A'],
    ['data:;base64,QR==', 'text/plain;charset=US-ASCII', 'A'], // not strict: stray bits ignored
    ['data:;base64,QUJD\nREVG', 'text/plain;charset=US-ASCII', 'ABCDEF'],
    ['data:;base64,QQ\n=\n=', 'text/plain;charset=US-ASCII', 'A'], // newlines skipped inside padding
    ['data:;a="q";b=%41,x', 'text/plain;a=q;b=A;charset=US-ASCII', 'x'],
    ['data:text/,x', 'text/plain', 'x'], // empty subtype keeps the default
    ['data:x-custom/thing,x', 'x-custom/thing', 'x'],
    ['data:application/x-foo;a="b c",x', 'application/x-foo;a=b%20c', 'x'],
    ['data:;a="\\x41\\u00e9\\101\\377",x', 'text/plain;a=A%C3%A9A%FF;charset=US-ASCII', 'x'],
    // An empty quoted value leaves the unquote pending, so %41 is taken literally.
    ['data:;a="";b=%41,x', 'text/plain;b=%2541;charset=US-ASCII', 'x'],
  ];
  for (const [s, mediaType, text] of cases) assert.deepEqual(dataOk(s), { mediaType, text }, s);
});

test('dataurl.DecodeString error messages', () => {
  const cases: [string, string][] = [
    ['DATA:,x', 'missing data prefix'],
    ['data:', 'missing comma before data'],
    ['data:text/plain', 'incomplete media type'],
    ['data:text/plain;a=b', 'missing comma before data'],
    ['data:foo/bar,x', 'invalid media type'],
    ['data:x/plain,x', 'invalid character for media type'],
    ['data:/plain,x', 'invalid character after data prefix'],
    ['data:text/pl"ain,x', 'invalid character for media subtype'],
    ['data:text/plain;=,x', 'unterminated parameter sequence'],
    ['data:;base64;a=b,x', 'invalid character for parameter attribute'],
    ['data:;base65,x', 'expected base64, got base65'],
    ['data:;a="b"c,x', 'expected semicolon or comma'],
    ['data:;a="b', 'unclosed quoted string'],
    ['data:;a="x\\qy",x', 'invalid syntax'],
    ['data:;a=%zz,x', 'rfc2396: invalid char 0x25 in unescape sequence'],
    ['data:,a#b', 'invalid data character'],
    ['data:,é', 'invalid data character'],
    ['data:;base64,Q!', 'invalid data character'],
    ['data:,a%zz', 'rfc2396: invalid char 0x25 in unescape sequence'],
    ['data:,a%4', 'rfc2396: unexpected end of unescape sequence'],
    ['data:;base64,QUJ', 'illegal base64 data at input byte 0'],
    ['data:;base64,Q', 'illegal base64 data at input byte 0'],
    ['data:;base64,QUJDQ', 'illegal base64 data at input byte 4'],
    ['data:;base64,QQ=', 'illegal base64 data at input byte 3'],
    ['data:;base64,QQ=x', 'illegal base64 data at input byte 2'],
    ['data:;base64,=', 'illegal base64 data at input byte 0'],
    ['data:;base64,Q=', 'illegal base64 data at input byte 1'],
    ['data:;base64,QQ==QQ==', 'illegal base64 data at input byte 4'], // data after padding
  ];
  for (const [s, message] of cases) assert.deepEqual(decodeDataUrl(s), { ok: false, message }, s);
});
