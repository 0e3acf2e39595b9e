/**
 * `grub.users` (fcos 1.5+ and openshift 4.14+): Butane writes a GRUB user.cfg from
 * these entries, so each needs a name and a PBKDF2 password hash.
 */
import type { CheckContext } from './context';
import { at, compareVersions, fcosLevel, isObj, list, notEmpty, Obj, reportLine } from './util';

export function checkGrub(ctx: CheckContext): void {
  const level = fcosLevel(ctx);
  if (level === undefined || compareVersions(level, '1.5.0') < 0) return;
  list(at(ctx.config, ['grub', 'users'])).forEach((user, i) => {
    const u: Obj = isObj(user) ? user : {};
    const path = ['grub', 'users', i];
    if (!notEmpty(u.name)) reportLine(ctx, [...path, 'name'], 'butane/grub-user-name-required', 'this GRUB user needs a `name`');
    if (!notEmpty(u.password_hash)) {
      reportLine(ctx, [...path, 'password_hash'], 'butane/grub-password-required', 'this GRUB user needs a `password_hash`: generate one with `grub2-mkpasswd-pbkdf2` (it starts with grub.pbkdf2.sha512.)');
    }
  });
}
