import type { K3osRule } from './rule';
import { stringItems } from './scalarText';

/** Keys k3OS downloads: `github:<user>`, `gitlab:<user>` or a URL (Go lower-cases the scheme). */
const FETCHED = /^(github:|gitlab:|https?:\/\/)/i;

/**
 * k3OS applies `ssh_authorized_keys` in the boot and runtime phases, but fetches keys only
 * with the network, in the runtime phase: at boot it skips them. Userdata is read only at
 * runtime anyway, so the note would add nothing there.
 */
export const sshKeyNeedsNetwork: K3osRule = {
  id: 'k3os/ssh-key-needs-network',
  summary: 'An SSH key that k3OS downloads, so adds only in the runtime phase',
  check(ctx) {
    if (ctx.source === 'userdata') return [];
    return stringItems(ctx, ['ssh_authorized_keys'])
      .filter((key) => FETCHED.test(key.value))
      .map((key) => ({
        range: key.range,
        severity: 'information',
        message: 'k3OS downloads this `ssh_authorized_keys` entry, so it adds the key only in the runtime phase, once the network is up; the boot phase skips it. Write the public key itself for access before that.',
      }));
  },
};
