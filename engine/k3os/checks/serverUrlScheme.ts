import type { K3osRule } from './rule';
import { locatedString, rewriteScalar } from './scalarText';
import { httpsServerUrl as httpsUrl, SUPERVISOR_PORT as PORT } from '../../k3s/serverUrl';

/**
 * k3OS passes `server_url` to the k3s install script as K3S_URL, which stops with "Only
 * https:// URLs are supported for K3S_URL"; k3s's supervisor only speaks HTTPS (port 6443).
 */
export const serverUrlScheme: K3osRule = {
  id: 'k3os/server-url-scheme',
  summary: '`server_url` that is not an https:// URL',
  check(ctx) {
    const url = locatedString(ctx, ['k3os', 'server_url']);
    if (!url || url.value === '' || url.value.startsWith('https://')) return [];
    const better = httpsUrl(url.value);
    const fix = better ? rewriteScalar(ctx, url, better, `Change to ${better}`) : undefined;
    return [
      {
        range: url.range,
        severity: 'error',
        message: `\`server_url\` must start with https://: k3OS passes it to the k3s install script as K3S_URL, which accepts only https:// URLs and stops, so k3s is not installed. Write it as https://<server>:${PORT}.`,
        fixes: fix ? [fix] : undefined,
      },
    ];
  },
};
