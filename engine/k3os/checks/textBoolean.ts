import type { K3osRule } from './rule';

/** Text whose meaning is plain enough to rewrite as a boolean. */
const MEANT: Record<string, boolean> = { yes: true, y: true, on: true, '1': true, true: true, enable: true, enabled: true, no: false, n: false, off: false, '0': false, false: false, disable: false, disabled: false };

/**
 * k3OS turns text in a boolean field into `true` only when it is exactly "true"; anything
 * else — "yes", "True", "1" — silently becomes false. YAML booleans (unquoted) are fine.
 * Text that means false ("no") ends up as intended, so that is only information.
 */
export const textBoolean: K3osRule = {
  id: 'k3os/text-boolean',
  summary: 'A boolean field given as text other than "true", which k3OS reads as false',
  check(ctx) {
    return ctx.decoded.textBooleans.map((b) => {
      const key = b.path.filter((p) => typeof p === 'string').slice(-1)[0];
      const text = b.text.trim().toLowerCase();
      const meant = Object.hasOwn(MEANT, text) ? MEANT[text] : undefined;
      const word = meant === undefined ? undefined : String(meant);
      return {
        range: b.range,
        severity: meant === false ? 'information' : 'warning',
        message: `\`${key}\` is the text "${b.text}", and k3OS reads any text other than "true" as false.${word ? ` Write \`${word}\` without quotes.` : ' Write true or false without quotes.'}`,
        fixes: word ? [{ title: `Write \`${word}\``, edits: [{ range: b.range, newText: word }] }] : undefined,
      };
    });
  },
};
