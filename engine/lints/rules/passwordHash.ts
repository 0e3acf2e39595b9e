import type { DomainFinding, DomainRule } from '../rule';

/**
 * crypt(5) formats: MD5, bcrypt, NT hash, SHA-256/512, scrypt, yescrypt, gost-yescrypt,
 * SHA-1 and Sun MD5 — then traditional DES (13 characters of ./0-9A-Za-z) and BSDi DES.
 */
const CRYPT = [/^\$(1|2[abxy]?|3|5|6|7|y|gy|sha1|md5(,rounds=\d+)?)\$/, /^[./0-9A-Za-z]{13}$/, /^_[./0-9A-Za-z]{19}$/];

/** A hash locked with a leading `!`, or `*`/`!` alone (no password login), is meant that way. */
function isHashLike(value: string): boolean {
  const unlocked = value.replace(/^!+/, '');
  return unlocked === '' || unlocked === '*' || value === '*' || CRYPT.some((re) => re.test(unlocked));
}

/**
 * password_hash is written verbatim into /etc/shadow: clear text there matches no password,
 * so the account cannot log in with it. The value itself is a secret and never repeated.
 */
export const passwordHash: DomainRule = {
  id: 'secrets/password-hash',
  summary: 'A password hash that is not in a crypt format, most likely a clear-text password',
  severity: 'warning',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const user of ctx.node.users) {
      if (user.passwordHash === undefined || user.passwordHash === '' || !user.passwordHashAt) continue;
      if (isHashLike(user.passwordHash)) continue;
      const key = user.passwordHashAt[user.passwordHashAt.length - 1];
      findings.push({
        place: { path: user.passwordHashAt, at: 'value' },
        message: `The ${key} of ${user.name || 'this user'} is not a crypt hash (such as $6$… or $y$…): it is written to /etc/shadow as is, so no password matches it and the account cannot log in with a password — and a clear-text password is readable by anyone who can read this config. Generate a hash with \`mkpasswd --method=yescrypt\` or \`openssl passwd -6\`.`,
      });
    }
    return findings;
  },
};
