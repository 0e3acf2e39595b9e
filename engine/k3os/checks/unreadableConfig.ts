import type { K3osRule } from './rule';
import type { FieldKind } from '../decode';
import { quoteFix } from './quote';

const EXPECTED: Record<FieldKind, string> = {
  string: 'text',
  strings: 'a list of text (or one text)',
  boolean: 'true or false',
  stringMap: 'a mapping of keys to text',
  object: 'a mapping of keys',
  objects: 'a list of mappings',
};

/** A value Go cannot decode into its field makes `k3os config` fail: nothing applies in that phase. */
export const unreadableConfig: K3osRule = {
  id: 'k3os/unreadable-config',
  summary: 'A value of the wrong type, which makes k3OS ignore the whole config',
  check(ctx) {
    return ctx.decoded.mismatches
      .filter((m) => !(m.path[m.path.length - 1] === 'permissions' && m.plainText !== undefined))
      .map((m) => {
        const key = m.path.filter((p) => typeof p === 'string').slice(-1)[0];
        const what = key === undefined ? 'The config' : `\`${key}\``;
        const quotable = m.plainText !== undefined && (m.expected === 'string' || m.expected === 'strings');
        return {
          range: m.range,
          severity: 'error',
          message: `k3OS cannot read this config: ${what} must be ${EXPECTED[m.expected]}, not ${m.found}. \`k3os config\` then fails and applies nothing in that boot phase, from this file or any other.${quotable ? ' Quote the value.' : ''}`,
          fixes: quotable ? [quoteFix(m.range, m.plainText!)] : undefined,
        };
      });
  },
};
