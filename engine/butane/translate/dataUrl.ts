/**
 * Butane's data URL encoding for `inline` and `local` contents: the shortest of
 * percent-escaped, base64 and (where allowed) gzip+base64.
 */
import * as zlib from 'zlib';

const UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;

/** RFC 2396 escaping of every byte outside the unreserved set, upper-case hex. */
export function percentEscape(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && UNRESERVED.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** gzip at the best compression level, with the header Go's compress/gzip writes. */
export function gzipLikeGo(bytes: Uint8Array): Buffer {
  const gz = zlib.gzipSync(bytes, { level: 9 });
  gz[8] = 2; // XFL: best compression
  gz[9] = 0xff; // OS: unknown
  return gz;
}

export interface DataUrl {
  url: string;
  /** The compression field to write: "" or "gzip"; undefined to keep the user's value. */
  compression?: string;
}

/**
 * Encodes contents the way Butane does. `userCompression` is the config's own
 * `compression`: when set, the contents are already compressed and are not compressed again.
 */
export function makeDataUrl(contents: Uint8Array, userCompression: string | undefined, allowCompression: boolean): DataUrl {
  const userCompressed = userCompression !== undefined && userCompression !== '';
  let compression = userCompressed ? undefined : '';
  let opaque = `,${percentEscape(contents)}`;
  const b64 = `;base64,${Buffer.from(contents).toString('base64')}`;
  if (b64.length < opaque.length) opaque = b64;
  if (!userCompressed && allowCompression) {
    const gz = `;base64,${gzipLikeGo(contents).toString('base64')}`;
    // Butane charges the gzip form for the `compression: gzip` it needs.
    if (gz.length + 'gzip'.length < opaque.length) {
      opaque = gz;
      compression = 'gzip';
    }
  }
  return { url: `data:${opaque}`, compression };
}

/** Spec 3.0 (fcos 1.0) only percent-escapes `inline` text and writes no compression field. */
export function percentDataUrl(contents: Uint8Array): string {
  return `data:,${percentEscape(contents)}`;
}
