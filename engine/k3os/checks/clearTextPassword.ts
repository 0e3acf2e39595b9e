import type { K3osRule } from './rule';
import { locatedString } from './scalarText';

/**
 * k3OS gives `password` to chpasswd for the rancher user, as a crypt hash when it starts
 * with `$` (`chpasswd -e`) and as the password itself otherwise — readable by anyone who
 * can read the config (or the cloud's userdata). The message never repeats the value.
 */
export const clearTextPassword: K3osRule = {
  id: 'k3os/clear-text-password',
  summary: '`k3os.password` written in clear text instead of as a crypt hash',
  check(ctx) {
    const password = locatedString(ctx, ['k3os', 'password']);
    if (!password || password.value === '' || password.value.startsWith('$')) return [];
    return [
      {
        range: password.range,
        severity: 'warning',
        message: '`k3os.password` is in clear text: k3OS sets it as the rancher user\'s password as is, and anyone who can read this config can read it. Write a crypt hash instead, e.g. from `openssl passwd -6` (k3OS recognises a hash by its leading `$`).',
      },
    ];
  },
};
