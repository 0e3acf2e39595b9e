import type { K3osRule } from './rule';
import { quoteFix } from './quote';

/**
 * `permissions: 0755` is a YAML number; k3OS's field is text (parsed as octal later), so Go
 * cannot decode the config and k3OS applies nothing. Quoted, `'755'` and `'0755'` both mean 0755.
 */
export const unquotedPermissions: K3osRule = {
  id: 'k3os/unquoted-permissions',
  summary: '`write_files[].permissions` written as a number instead of quoted text',
  check(ctx) {
    return ctx.decoded.mismatches
      .filter((m) => m.path[m.path.length - 1] === 'permissions' && m.plainText !== undefined)
      .map((m) => ({
        range: m.range,
        severity: 'error',
        message: `\`permissions: ${m.plainText}\` is a YAML number, but k3OS expects the mode as quoted text ('0644'); it cannot read the config and applies nothing in that boot phase. Quote it.`,
        fixes: [quoteFix(m.range, m.plainText!)],
      }));
  },
};
