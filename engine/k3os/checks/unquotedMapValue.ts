import type { K3osRule } from './rule';
import { quoteFix } from './quote';

const SYSCTLS = 'sysctls';

/**
 * k3OS turns non-text values of `sysctls`, `labels` and `environment` into text with Go's
 * formatting: `1048576` becomes `1.048576e+06`, `0644` becomes `420`, `yes` becomes `true`.
 * Only values whose text changes are reported; a sysctl in exponent form fails to write.
 */
export const unquotedMapValue: K3osRule = {
  id: 'k3os/unquoted-map-value',
  summary: 'A number or boolean in `sysctls`, `labels` or `environment` that k3OS rewrites',
  check(ctx) {
    return ctx.decoded.stringified
      .filter((s) => s.written !== s.becomes)
      .map((s) => {
        const mapName = String(s.path[s.path.length - 2]);
        const exponent = /e[+-]\d+$/.test(s.becomes);
        const broken = mapName === SYSCTLS && exponent;
        const consequence = broken ? ' The kernel rejects that value, and k3OS stops writing the remaining sysctls.' : '';
        const scalar = s.tag !== 'list' && s.tag !== 'mapping';
        return {
          range: s.range,
          severity: broken ? 'error' : 'warning',
          message: scalar
            ? `k3OS turns \`${s.written}\` into the text "${s.becomes}".${consequence} Quote the value to keep it as written.`
            : `k3OS expects text here; it turns this ${s.tag} into "${s.becomes}".`,
          fixes: scalar ? [quoteFix(s.range, s.written)] : undefined,
        };
      });
  },
};
