import type { Finding, K3osRule } from './rule';
import { itemsText, LocatedString } from './scalarText';
import { k3sArgs, words } from './k3sArgs';

/** A bare flag such as `--disable`, whose value is the next item. */
const BARE_FLAG = /^-[^=\s]*$/;

/**
 * `k3s_args` is an argv list: k3OS hands each item to k3s as one argument, with no shell in
 * between, so `"--disable traefik"` is a flag named "disable traefik" and k3s exits. The one
 * exception is the first item when it is not a flag: the k3s install script writes the
 * subcommand into the service without quotes, so the shell splits it — it works by accident.
 */
export const k3sArgsNotExecStyle: K3osRule = {
  id: 'k3os/k3s-args-not-exec-style',
  summary: 'A `k3s_args` item with spaces, which k3s receives as one argument',
  check(ctx) {
    const { items, scalar } = k3sArgs(ctx);
    const findings: Finding[] = [];
    items.forEach((item, index) => {
      if (!/\s/.test(item.value)) return;
      const parts = words(item.value);
      const split = (): Finding['fixes'] => {
        // Shell quoting inside the item: which words belong together is a guess.
        if (/["'\\$`]/.test(item.value)) return undefined;
        const newText = itemsText(ctx, item, parts, scalar);
        if (newText === undefined) return undefined;
        const title = parts.length === 1 ? 'Remove the spaces' : `Split into ${parts.length} items`;
        return [{ title, edits: [{ range: item.range, newText }] }];
      };
      const flag = item.value.startsWith('-');
      const equals = item.value.indexOf('=');
      const space = item.value.search(/\s/);
      const afterBareFlag = index > 0 && BARE_FLAG.test(items[index - 1].value);
      if (index === 0 && !flag) {
        findings.push(at(item, 'warning', `The first \`k3s_args\` item holds several arguments. It only works because the k3s install script writes the subcommand into the service unquoted; k3OS passes every item as exactly one argument. Give each its own item.`, split()));
      } else if (flag && (equals < 0 || space < equals)) {
        findings.push(at(item, 'error', `k3s receives this \`k3s_args\` item as one argument, a flag whose name contains spaces, and refuses to start. Give each word its own item (or join a flag and its value with \`=\`).`, split()));
      } else if (flag || afterBareFlag) {
        findings.push(at(item, 'warning', `The value in this \`k3s_args\` item contains spaces, and k3s receives it as written, spaces included. For several values, repeat the flag.`));
      } else {
        findings.push(at(item, 'warning', `k3s receives this \`k3s_args\` item as one argument, spaces included: k3OS passes each item as exactly one argument. Give each word its own item.`, split()));
      }
    });
    return findings;
  },
};

function at(item: LocatedString, severity: Finding['severity'], message: string, fixes?: Finding['fixes']): Finding {
  return { range: item.range, severity, message, fixes };
}
