import { closest } from '../../schema/suggest';
import type { Finding, K3osRule } from './rule';
import { rewriteScalar, stringItems } from './scalarText';

const PATH = ['k3os', 'data_sources'];

/**
 * k3OS writes `data_sources` into the cloud-config service's arguments (space-separated, so
 * an item may name several), and that service runs linuxkit's metadata tool, which exits on
 * a provider it does not know: then no userdata, SSH keys or hostname are fetched.
 */
export const unknownDataSource: K3osRule = {
  id: 'k3os/unknown-data-source',
  summary: 'A `data_sources` item that is not a provider k3OS knows',
  check(ctx) {
    const known = (ctx.schema.at([...PATH, 0])?.enum ?? []) as string[];
    const findings: Finding[] = [];
    for (const item of stringItems(ctx, PATH)) {
      const parts = item.value.split(/(\s+)/);
      parts.forEach((word, i) => {
        if (word === '' || /^\s/.test(word) || known.includes(word)) return;
        const guess = closest(word, known);
        const fixed = [...parts];
        fixed[i] = guess ?? word;
        const fix = guess ? rewriteScalar(ctx, item, fixed.join(''), `Change to \`${guess}\``) : undefined;
        findings.push({
          range: item.range,
          severity: 'error',
          message: `k3OS does not know the \`data_sources\` provider \`${word}\`: the metadata tool it runs stops at an unknown provider, so no userdata, SSH keys or hostname are fetched.${guess ? ` Did you mean \`${guess}\`?` : ''} Known: ${known.join(', ')}.`,
          fixes: fix ? [fix] : undefined,
        });
      });
    }
    return findings;
  },
};
