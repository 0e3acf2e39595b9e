/**
 * Raw material for the mutators: odd scalars, random YAML fragments, and the huge inputs
 * (10,000-deep nesting, 1 MB scalars) that must be refused or analysed quickly.
 */
import type { Random } from '../random';

/** Scalars that have tripped YAML tools: YAML 1.1/1.2 ambiguities, overflow, tags, broken quotes. */
export const ODD_SCALARS: readonly string[] = [
  '', '~', 'null', 'Null', 'true', 'False', 'yes', 'no', 'on', 'off', 'y', '0', '-0', '-1', '0644', '0o755', '0x1F', '0b101',
  '1e400', '-1e-400', '.inf', '-.Inf', '.nan', '9007199254740993', '18446744073709551616', '-2147483649', '1_000', '1:20:30',
  '3.', '.5', '+12', '"\\u0000"', '"\\x00\\xff"', '"\\U0001F600"', '"\\q"', "'it''s'", '"unterminated', "'unterminated", '"a\\',
  '[]', '{}', '[a, b', '{a: 1, b: [2]}', '[[[]]]', '{x: }', '*alias', '&anchor x', '*', '&', '!!binary aGVsbG8=', '!!binary ###',
  '!!str 12', '!!int abc', '!!float x', '!!map', '!!seq', '!!null x', '!custom x', '!<tag:x> y', '|', '>-', '|+2', '>9', '|-0',
  '/', '/etc/../../x', 'relative/path', '/dev/disk/by-id/../x', '//double//slash', '/etc/passwd\u0000', 'http://', 'https://[::1', 'data:,x',
  'data:;base64,###', 'data:text/plain;charset=utf-8,%ZZ', 'https://example.com/x?y#z', 's3://b/k', 'tftp://h/f', 'gs://b',
  'sha512-00', 'sha256-zz', 'sha512-' + 'a'.repeat(128), '../../../etc/passwd', '-1.5', '2147483648', 'root', 'core', '$6$x$y',
  'ssh-rsa AAAA', 'ssh-ed25519', 'K10::server:x', '0.0.0.0:6443', '[::]:22', 'xfs', 'ext4', 'vfat', 'swap', 'none', 'fat',
  'ext4 # comment', '#', ': ', '- ', '? ', '---', '...', '%YAML 1.1', '<<', '<<: *x', '@at', '`tick`', '"\\t\\n"', 'ü', '𝒳', '\u200b',
];

const RESERVED_KEYS: readonly string[] = ['<<', '?', '-', '', '"quoted key"', "'single'", '0', 'null', '~', 'true', '[a]', '{b: c}', 'a b', 'k\u0000', 'üñï'];

function pickKey(rng: Random, keys: readonly string[]): string {
  return rng.chance(0.85) && keys.length > 0 ? rng.pick(keys) : rng.pick(RESERVED_KEYS);
}

function scalar(rng: Random, keys: readonly string[]): string {
  return rng.chance(0.8) ? rng.pick(ODD_SCALARS) : pickKey(rng, keys);
}

function flowNode(rng: Random, keys: readonly string[], depth: number): string {
  if (depth <= 0 || rng.chance(0.4)) return scalar(rng, keys);
  const size = rng.int(4);
  const items = Array.from({ length: size }, () => (rng.chance(0.5) ? `${pickKey(rng, keys)}: ${flowNode(rng, keys, depth - 1)}` : flowNode(rng, keys, depth - 1)));
  return rng.chance(0.5) ? `[${items.join(', ')}]` : `{${items.join(', ')}}`;
}

/** A random block-or-flow YAML fragment, indented by `indent` spaces on every line. */
export function randomYaml(rng: Random, keys: readonly string[], indent: number, depth = 3): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const count = rng.between(1, 4);
  for (let i = 0; i < count; i++) {
    const key = pickKey(rng, keys);
    const bullet = rng.chance(0.3) ? '- ' : '';
    switch (rng.int(6)) {
      case 0:
        lines.push(`${pad}${bullet}${key}: ${flowNode(rng, keys, depth)}`);
        break;
      case 1:
        if (depth > 0) {
          lines.push(`${pad}${bullet}${key}:`);
          lines.push(randomYaml(rng, keys, indent + rng.pick([2, 2, 4, 1, 3]), depth - 1));
        }
        break;
      case 2:
        lines.push(`${pad}${bullet}${key}: ${rng.pick(['|', '|-', '>', '>+', '|2'])}`, `${pad}  ${scalar(rng, keys)}`, `${pad}   ${scalar(rng, keys)}`);
        break;
      case 3:
        lines.push(`${pad}${bullet}${key}: &a${rng.int(3)} ${scalar(rng, keys)}`, `${pad}${pickKey(rng, keys)}: *a${rng.int(3)}`);
        break;
      case 4:
        lines.push(`${pad}${rng.pick(['---', '...', '# comment', '%TAG ! tag:x,2000:', '? complex', ': value', '<<: {a: 1}'])}`);
        break;
      default:
        lines.push(`${pad}${bullet}${key}: ${scalar(rng, keys)}${rng.chance(0.2) ? ' # trailing' : ''}`);
    }
  }
  return lines.join('\n');
}

/** 10,000 levels of nesting in one of the ways YAML allows (some left unbalanced). */
export function deepNesting(rng: Random): { kind: string; text: string } {
  const depth = 10_000;
  switch (rng.int(5)) {
    case 0:
      return { kind: 'flow-seq', text: `${'['.repeat(depth)}${rng.chance(0.5) ? ']'.repeat(depth) : ''}` };
    case 1:
      return { kind: 'flow-map', text: `${'{a: '.repeat(depth)}x${rng.chance(0.5) ? '}'.repeat(depth) : ''}` };
    case 2:
      return { kind: 'compact-seq', text: `\n  ${'- '.repeat(depth)}leaf` };
    case 3: {
      // One extra space per level: quadratic size, so indented nesting stops at ~1,500 levels (1 MB).
      let text = '';
      for (let i = 1; i <= 1_500; i++) text += `\n${' '.repeat(i)}k${i}:`;
      return { kind: 'indented-map', text };
    }
    default:
      return { kind: 'mixed', text: `${'[{a: '.repeat(depth / 2)}` };
  }
}

/** A 1 MB scalar: plain, quoted, block, as a key, or a single huge line of noise. */
export function bigScalar(rng: Random): { kind: string; text: string } {
  const size = 1024 * 1024;
  const body = rng.chance(0.5) ? 'x'.repeat(size) : 'ab c:d#e '.repeat(size / 9);
  switch (rng.int(5)) {
    case 0:
      return { kind: 'plain', text: ` ${body}` };
    case 1:
      return { kind: 'double-quoted', text: ` "${body}"` };
    case 2:
      return { kind: 'literal', text: ` |\n${`  ${'y'.repeat(1023)}\n`.repeat(1024)}` };
    case 3:
      return { kind: 'key', text: `\n${body}: 1` };
    default:
      return { kind: 'base64', text: ` "data:;base64,${'QUJD'.repeat(size / 4)}"` };
  }
}

/** Code points that are easy to get wrong in offsets: astral, combining, zero-width, bidi, separators. */
export const ODD_CHARS: readonly string[] = ['\u{1F600}', '\u{10FFFF}', 'e\u0301', '\u200b', '\u200f', '\u202e', '\u2028', '\u2029', '\u0085', '\ufeff', '\ufffd', '\u00a0', '\u3000', '\u{1D4B3}', 'Ω', 'ß', '\u000b', '\u000c', '\u001b', '\u007f'];
