/** RFC 2396 "unreserved" bytes: the only ones ct leaves unescaped in a data URL. */
const UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;

/**
 * Percent-encodes every byte outside RFC 2396's unreserved set, upper-case hex — the
 * encoding ct uses for inline and local contents (`data:,` + this).
 */
export function escapeDataUrl(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && UNRESERVED.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
