/** Reading a golden vector's flags, and comparing our stdout with its, the way the vectors README prescribes. */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

// Quoted in JSON, bare in an OpenShift MachineConfig's YAML.
const GZIP_URL = /data:;base64,(H4sI[A-Za-z0-9+/=]*)/g;

/** Replaces each gzip data URL with a marker carrying its decompressed bytes, so compressor differences vanish. */
export function normaliseGzip(output: string): string {
  return output.replace(GZIP_URL, (_m, b64: string) => {
    const plain = zlib.gunzipSync(Buffer.from(b64, 'base64'));
    return `gzip:${plain.toString('base64')}`;
  });
}

/** Same bytes, except that gzip data URLs compare by their decompressed contents. */
export function sameOutput(actual: string, expected: string): boolean {
  return actual === expected || normaliseGzip(actual) === normaliseGzip(expected);
}

/** First differing line, for a readable failure. */
export function firstDifference(actual: string, expected: string): string {
  const a = normaliseGzip(actual).split('\n');
  const e = normaliseGzip(expected).split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) return `line ${i + 1}:\n  ours:     ${(a[i] ?? '<end>').slice(0, 300)}\n  expected: ${(e[i] ?? '<end>').slice(0, 300)}`;
  }
  return 'identical';
}

export interface VectorFlags {
  strict: boolean;
  pretty: boolean;
  raw: boolean;
  check: boolean;
  filesDir?: string;
}

/** The butane flags a vector was produced with (its `args` file); `filesDir` is absolute. */
export function vectorFlags(caseDir: string): VectorFlags {
  const words = fs.readFileSync(path.join(caseDir, 'args'), 'utf8').trim().split(/\s+/);
  const dirAt = words.findIndex((w) => w === '--files-dir' || w === '-d');
  return {
    strict: words.includes('--strict'),
    pretty: words.includes('--pretty'),
    raw: words.includes('--raw'),
    check: words.includes('--check'),
    filesDir: dirAt >= 0 ? path.resolve(caseDir, words[dirAt + 1]) : undefined,
  };
}
