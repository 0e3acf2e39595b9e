import * as path from 'path';
import { entries } from '../../values';
import type { Finding, K3osRule } from './rule';
import { locatedString, rewriteScalar } from './scalarText';

/**
 * k3OS writes each file at `path` joined to `/`, so a relative path works but rarely means
 * what its author expected. (Paths on read-only /usr are the shared rule paths/read-only-usr.)
 */
export const relativePath: K3osRule = {
  id: 'k3os/relative-path',
  summary: 'A relative `write_files` path, which k3OS takes from /',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { path: at } of entries(ctx.config, ['write_files'])) {
      const file = locatedString(ctx, [...at, 'path']);
      if (!file || file.value === '' || file.value.startsWith('/')) continue;
      const written = path.posix.join('/', file.value);
      const fix = rewriteScalar(ctx, file, written, `Write the absolute path ${written}`);
      findings.push({
        range: file.range,
        severity: 'warning',
        message: `\`path\` is relative: k3OS writes it relative to /, as \`${written}\`. Write the absolute path.`,
        fixes: fix ? [fix] : undefined,
      });
    }
    return findings;
  },
};
