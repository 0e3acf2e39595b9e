/** `ignition.proxy`: proxies are http(s) URLs; a plain-http proxy for HTTPS traffic is insecure. */
import type { CheckContext } from './context';
import { parseUrl } from './urls';
import { at, quote } from './util';

export function checkProxy(ctx: CheckContext): void {
  for (const key of ['http_proxy', 'https_proxy']) {
    const path = ['ignition', 'proxy', key];
    const value = at(ctx.config, path);
    if (typeof value !== 'string') continue;
    const parsed = parseUrl(value);
    if ('error' in parsed) {
      ctx.report(path, 'butane/proxy-url', `${quote(value)} is not a valid URL: ${parsed.error}`);
    } else if (parsed.scheme !== 'http' && parsed.scheme !== 'https') {
      ctx.report(path, 'butane/proxy-url', `a proxy must be an http:// or https:// URL, e.g. http://proxy.example.com:3128${value === '' ? '; remove the key to use no proxy' : ''}`);
    } else if (key === 'https_proxy' && parsed.scheme === 'http') {
      ctx.report(path, 'butane/proxy-insecure', 'HTTPS requests will go through a plain-http proxy, which can see the target host names (the content stays encrypted); use an https:// proxy if you can', { severity: 'warning' });
    }
  }
}
