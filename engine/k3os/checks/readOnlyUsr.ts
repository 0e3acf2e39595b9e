import * as path from 'path';
import { entries } from '../../values';
import type { Finding, K3osRule } from './rule';
import { locatedString, rewriteScalar } from './scalarText';

const under = (p: string, dir: string): boolean => p === dir || p.startsWith(`${dir}/`);

/**
 * k3OS writes each file at `path` joined to `/`. /usr is read-only on k3OS, except
 * /usr/local (a link to /var/local), so a file there fails and is skipped. A relative path
 * works — it is taken from `/` — but rarely means what its author expected.
 */
export const readOnlyUsr: K3osRule = {
  id: 'k3os/read-only-usr',
  summary: 'A `write_files` path on read-only /usr, or a relative path',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { path: at } of entries(ctx.config, ['write_files'])) {
      const file = locatedString(ctx, [...at, 'path']);
      if (!file || file.value === '') continue;
      const written = path.posix.join('/', file.value);
      if (under(written, '/usr') && !under(written, '/usr/local')) {
        const local = written === '/usr' ? undefined : `/usr/local${written.slice('/usr'.length)}`;
        const fix = local ? rewriteScalar(ctx, file, local, `Write to ${local}`) : undefined;
        findings.push({
          range: file.range,
          severity: 'error',
          message: `\`path\` \`${written}\` is on /usr, which is read-only on k3OS (only /usr/local, a link to /var/local, is writable): k3OS cannot write the file and skips it. Write it under /usr/local, /opt or /var.`,
          fixes: fix ? [fix] : undefined,
        });
      } else if (!file.value.startsWith('/')) {
        const fix = rewriteScalar(ctx, file, written, `Write the absolute path ${written}`);
        findings.push({
          range: file.range,
          severity: 'warning',
          message: `\`path\` is relative: k3OS writes it relative to /, as \`${written}\`. Write the absolute path.`,
          fixes: fix ? [fix] : undefined,
        });
      }
    }
    return findings;
  },
};
