import { closest } from '../../schema/suggest';
import type { Fix } from '../../diagnostics';
import type { Finding, K3osRule, RuleContext } from './rule';
import { renderScalar, scalarStyle } from '../../yaml/scalarStyle';
import { isMappingValue, rewriteScalar, sequenceContext } from './scalarText';
import { defaultSubcommand, K3sArgs, k3sArgs, serverUrl, words } from './k3sArgs';

const SUBCOMMANDS = ['server', 'agent'];

/**
 * With `k3s_args` set, k3OS passes them to the k3s install script as they are. The script
 * takes a first word that is not a flag as the k3s subcommand, and k3OS runs k3s as a
 * service, so only `server` and `agent` make sense. Flags first are fine: the script then
 * picks `server`, or `agent` when K3S_URL (`server_url`) is set.
 */
export const k3sArgsFirst: K3osRule = {
  id: 'k3os/k3s-args-first',
  summary: '`k3s_args` that do not start with `server` or `agent`',
  check(ctx) {
    const args = k3sArgs(ctx);
    const first = args.items[0];
    // The install script splits the first item (see k3s-args-not-exec-style).
    const word = first ? words(first.value)[0] : undefined;
    if (!first || word === undefined || SUBCOMMANDS.includes(word)) return [];
    if (word.startsWith('-')) {
      const sub = defaultSubcommand(ctx);
      const why = serverUrl(ctx) === undefined ? '`server`, as `server_url` is not set' : '`agent`, because `server_url` is set';
      const fix = prependFix(ctx, args, sub);
      return [{ range: first.range, severity: 'information', message: `\`k3s_args\` starts with a flag, so the k3s install script picks the subcommand: ${why}. Start the list with \`${sub}\` to make it explicit.`, fixes: fix ? [fix] : undefined }];
    }
    const guess = closest(word, SUBCOMMANDS);
    const fix = guess ? rewriteScalar(ctx, first, first.value.replace(word, guess), `Change to \`${guess}\``) : undefined;
    const finding: Finding = {
      range: first.range,
      severity: 'error',
      message: `\`k3s_args\` must start with \`server\` or \`agent\` (or a flag): the k3s install script takes the first item as the k3s subcommand, and k3OS runs k3s as a service with it, so k3s does not start.${guess ? ` Did you mean \`${guess}\`?` : ''}`,
      fixes: fix ? [fix] : undefined,
    };
    return [finding];
  },
};

/** Adds `sub` before the first item, in the list's own layout. */
function prependFix(ctx: RuleContext, args: K3sArgs, sub: string): Fix | undefined {
  const first = args.items[0];
  const style = scalarStyle(ctx.text, first.range);
  if (!style) return undefined;
  const title = `Start with \`${sub}\``;
  if (args.scalar) {
    if (!isMappingValue(ctx.text, first.range)) return undefined;
    return { title, edits: [{ range: first.range, newText: `[${sub}, ${renderScalar(first.value, style, true)}]` }] };
  }
  const where = sequenceContext(ctx.text, first.range);
  if (!where) return undefined;
  const insert = where.kind === 'flow' ? `${sub}, ` : `${sub}${where.eol}${' '.repeat(where.column)}-${where.gap}`;
  return { title, edits: [{ range: { start: first.range.start, end: first.range.start }, newText: insert }] };
}
