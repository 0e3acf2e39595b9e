import type { Finding, K3osRule } from './rule';
import { LocatedString, rewriteScalar } from './scalarText';
import { k3sArgs } from './k3sArgs';
import { RemovedFlag, removedBackend, removedFlag, replacementFlag } from '../../k3s/flags';

function flagMessage(name: string, removed: RemovedFlag): string {
  const flag = `\`--${name}\` in \`k3s_args\``;
  // The one flag without a replacement is --disable-selinux.
  if (!removed.to) return `${flag} has done nothing since k3s 1.19 (SELinux support is off unless \`--selinux\` is given), and k3s ${removed.removed} removed it, so newer k3s refuses to start with it. Remove it.`;
  const sameValues = removed.to === 'disable' ? ', which takes the same values' : '';
  return `${flag} is deprecated. The k3s that k3OS ships (1.22) still accepts it with a warning, but k3s ${removed.fatal} refuses to start with it and ${removed.removed} removed it. Use \`--${removed.to}\`${sameValues}.`;
}

const NATIVE = "`wireguard-native` replaces it, from k3s 1.22.9 and 1.23.6 on — newer than the k3s in k3OS's last release (1.22.2), so keep it there and switch when you run a newer k3s.";

function backendMessage(backend: string, versions: { fatal: string; removed: string }): string {
  return `The flannel backend \`${backend}\` is deprecated: k3s ${versions.fatal} refuses it and ${versions.removed} removed it. ${NATIVE}`;
}

const FLAG = /^(--?)([a-z][a-z-]*)(?:=(.*))?$/s;

interface Token {
  item: LocatedString;
  /** Index of the word among the item's parts (words and the whitespace between them). */
  part: number;
  word: string;
}

/**
 * k3OS hands `k3s_args` to k3s unchanged, so flags that newer k3s retired keep working only
 * with the old k3s in k3OS. Flags are matched as `--flag`, `--flag=value` or `--flag` then
 * its value as the next item (or word, for items that hold several).
 */
export const removedK3sFlag: K3osRule = {
  id: 'k3os/removed-k3s-flag',
  summary: 'A k3s flag or value that newer k3s versions removed',
  check(ctx) {
    const tokens: Token[] = [];
    for (const item of k3sArgs(ctx).items) {
      item.value.split(/(\s+)/).forEach((word, part) => {
        if (word !== '' && !/^\s/.test(word)) tokens.push({ item, part, word });
      });
    }
    const findings: Finding[] = [];
    const rewrite = (token: Token, newWord: string, title: string) => {
      const parts = token.item.value.split(/(\s+)/);
      parts[token.part] = newWord;
      return rewriteScalar(ctx, token.item, parts.join(''), title);
    };
    tokens.forEach((token, i) => {
      const m = FLAG.exec(token.word);
      if (!m) return;
      const [, dashes, name, value] = m;
      const removed = removedFlag(name);
      if (removed) {
        const flag = replacementFlag(removed, value);
        const fix = flag ? rewrite(token, `${dashes}${flag}`, `Use \`--${removed.to}\``) : undefined;
        findings.push({ range: token.item.range, severity: 'warning', message: flagMessage(name, removed), fixes: fix ? [fix] : undefined });
        return;
      }
      if (name !== 'flannel-backend') return;
      const valueToken = value === undefined ? tokens[i + 1] : token;
      if (!valueToken) return;
      const backend = value ?? valueToken.word;
      const retired = backend.split('=')[0];
      const versions = removedBackend(retired);
      if (!versions) return;
      const native = `wireguard-native${backend.slice(retired.length)}`;
      const newWord = value === undefined ? native : `${dashes}${name}=${native}`;
      const fix = rewrite(valueToken, newWord, 'Use `wireguard-native` (k3s 1.22.9, 1.23.6 or newer)');
      findings.push({ range: valueToken.item.range, severity: 'information', message: backendMessage(retired, versions), fixes: fix ? [fix] : undefined });
    });
    return findings;
  },
};
