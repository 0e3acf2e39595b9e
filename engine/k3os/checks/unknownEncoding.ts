import { closest } from '../../schema/suggest';
import { entries, str } from '../../values';
import type { Finding, K3osRule } from './rule';
import { locatedString, rewriteScalar } from './scalarText';

/** Go's base64.StdEncoding: the standard alphabet with padding; it skips CR and LF, nothing else. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBase64(content: string): Buffer | undefined {
  const compact = content.replace(/[\r\n]/g, '');
  return BASE64.test(compact) ? Buffer.from(compact, 'base64') : undefined;
}

const isGzip = (data: Buffer): boolean => data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;

/**
 * k3OS decodes `content` by `encoding` before writing a file, and on an encoding it does not
 * know, base64 it cannot decode or data that is not gzip it logs an error and skips that file.
 * Plain `gz`/`gzip` can never work: YAML text cannot hold gzip's binary bytes.
 */
export const unknownEncoding: K3osRule = {
  id: 'k3os/unknown-encoding',
  summary: 'A `write_files` encoding k3OS does not know, or content that does not decode',
  check(ctx) {
    const known = ((ctx.schema.at(['write_files', 0, 'encoding'])?.enum ?? []) as string[]).filter((e) => e !== '');
    const findings: Finding[] = [];
    for (const { item, path } of entries(ctx.config, ['write_files'])) {
      const encoding = locatedString(ctx, [...path, 'encoding']);
      if (!encoding || encoding.value === '') continue;
      const file = str(item.path) ? ` \`${str(item.path)}\`` : '';
      const skipped = `k3OS skips the file${file}`;
      const enc = encoding.value;
      if (!known.includes(enc)) {
        const guess = closest(enc, known);
        const fix = guess ? rewriteScalar(ctx, encoding, guess, `Change to \`${guess}\``) : undefined;
        findings.push({ range: encoding.range, severity: 'error', message: `k3OS does not know the encoding \`${enc}\` and skips the file${file}.${guess ? ` Did you mean \`${guess}\`?` : ''} Known: ${known.join(', ')}.`, fixes: fix ? [fix] : undefined });
        continue;
      }
      const content = str(item.content) ?? '';
      // Where a content problem shows: the content, or the encoding when there is none.
      const where: Finding['path'] = [...path, item.content === undefined ? 'encoding' : 'content'];
      const base64 = enc.endsWith('b64') || enc.endsWith('base64');
      const gzip = enc.startsWith('gz');
      if (!base64) {
        const decoded = decodeBase64(content);
        const fix = decoded && isGzip(decoded) ? rewriteScalar(ctx, encoding, `${enc}+base64`, `Change to \`${enc}+base64\``) : undefined;
        findings.push({ range: encoding.range, severity: 'error', message: `\`encoding: ${enc}\` expects raw gzip bytes in \`content\`, which YAML text cannot hold, so k3OS fails to decode it and skips the file${file}. Base64-encode the gzip data and use \`${enc}+base64\`.`, fixes: fix ? [fix] : undefined });
        continue;
      }
      const decoded = decodeBase64(content);
      if (!decoded) {
        findings.push({ path: where, at: 'value', severity: 'error', message: `\`content\` is not valid base64 (standard alphabet, padded with \`=\`), which \`encoding: ${enc}\` needs, so ${skipped}.` });
      } else if (gzip && !isGzip(decoded)) {
        const plain = enc.endsWith('b64') ? 'b64' : 'base64';
        const fix = isText(decoded) ? rewriteScalar(ctx, encoding, plain, `Change to \`${plain}\` (not compressed)`) : undefined;
        findings.push({ path: where, at: 'value', severity: 'error', message: `\`content\` decodes from base64 but is not gzip data, which \`encoding: ${enc}\` needs, so ${skipped}.${fix ? ` It looks like plain text: use \`${plain}\`.` : ''}`, fixes: fix ? [fix] : undefined });
      }
    }
    return findings;
  },
};

/** Decoded data that looks like text, where the user likely meant plain base64. */
function isText(data: Buffer): boolean {
  return data.length > 0 && !data.subarray(0, 512).some((b) => b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d));
}
