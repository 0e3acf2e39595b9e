/** k3s's supervisor, which agents and joining servers reach: HTTPS on port 6443. */
export const SUPERVISOR_PORT = 6443;

/** The https:// URL meant by a server URL written without it, with the supervisor port when none is given. */
export function httpsServerUrl(value: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value);
  if (scheme && !/^https?$/i.test(scheme[1])) return undefined;
  const rest = scheme ? value.slice(scheme[0].length) : value;
  if (rest === '' || /\s/.test(rest)) return undefined;
  const host = rest.split('/')[0];
  const hasPort = /:\d+$/.test(host) || (host.startsWith('[') && /\]:\d+$/.test(host));
  return `https://${hasPort || scheme ? rest : `${host}:${SUPERVISOR_PORT}${rest.slice(host.length)}`}`;
}
