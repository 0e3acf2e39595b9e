/** What the rules about how k3OS starts k3s share: `k3s_args` with its ranges, `server_url`. */
import { at, str } from '../../values';
import type { RuleContext } from './rule';
import { LocatedString, stringItems, writtenAsScalar } from './scalarText';

export const K3S_ARGS = ['k3os', 'k3s_args'] as const;

export interface K3sArgs {
  items: LocatedString[];
  /** Written as one string (`k3s_args: server`), which k3OS reads as a one-item list. */
  scalar: boolean;
}

export function k3sArgs(ctx: RuleContext): K3sArgs {
  return { items: stringItems(ctx, K3S_ARGS), scalar: writtenAsScalar(ctx, K3S_ARGS) };
}

/** `k3os.server_url` when set: k3OS passes it as K3S_URL, and then defaults to `agent`. */
export function serverUrl(ctx: RuleContext): string | undefined {
  const url = str(at(ctx.config, ['k3os', 'server_url']));
  return url === '' ? undefined : url;
}

/** The subcommand k3OS would default to, and the install script picks for flags-only arguments. */
export function defaultSubcommand(ctx: RuleContext): 'server' | 'agent' {
  return serverUrl(ctx) === undefined ? 'server' : 'agent';
}

/** The whitespace-separated words of an argument. */
export function words(value: string): string[] {
  return value.split(/\s+/).filter((w) => w !== '');
}

