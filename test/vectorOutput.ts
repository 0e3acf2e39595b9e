/** Comparing our transpiler's stdout with a golden vector's, the way the vectors README prescribes. */
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
