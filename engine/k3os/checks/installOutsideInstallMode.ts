import { at, isObj } from '../../values';
import type { K3osRule } from './rule';

/**
 * `k3os.install` is read only while k3OS installs itself: by the live ISO booted in install
 * mode (its runtime phase runs `k3os install`) or by running `k3os install`. The local config
 * and config.d exist only on an installed system, where nothing reads it any more.
 */
export const installOutsideInstallMode: K3osRule = {
  id: 'k3os/install-outside-install-mode',
  summary: '`k3os.install` in a config that only an installed system reads',
  check(ctx) {
    if (ctx.source !== 'local' && ctx.source !== 'config.d') return [];
    if (!isObj(at(ctx.config, ['k3os', 'install']))) return [];
    return [
      {
        path: ['k3os', 'install'],
        at: 'key',
        severity: 'information',
        message: '`k3os.install` only takes effect while k3OS installs itself (the live ISO in install mode, or `k3os install`); in this file, which only an installed system reads, it does nothing. Give install settings on the kernel command line or in the config the installer reads.',
      },
    ];
  },
};
