/**
 * LUKS volumes: names, labels, Clevis (Tang, TPM2, custom pins) and IBM CEX keys,
 * as Ignition validates them.
 */
import type { CheckContext } from './context';
import { hasSource } from './resources';
import { parseUrl } from './urls';
import { at, entries, ignitionMinor, int, isObj, isTrue, list, notEmpty, Obj, quote, reportLine, str } from './util';

function clevisPresent(clevis: Obj, minor: number): boolean {
  const custom = isObj(clevis.custom) ? clevis.custom : undefined;
  const customSet = minor >= 3 ? notEmpty(custom?.pin) : custom !== undefined;
  return customSet || list(clevis.tang).length > 0 || isTrue(clevis.tpm2) || (int(clevis.threshold) ?? 0) !== 0;
}

export function checkTang(ctx: CheckContext, tang: Obj, path: (string | number)[], minor: number): void {
  const url = str(tang.url) ?? '';
  const parsed = parseUrl(url);
  if ('error' in parsed) ctx.report([...path, 'url'], 'butane/tang-url', `${quote(url)} is not a valid URL: ${parsed.error}`);
  else if (parsed.scheme !== 'http' && parsed.scheme !== 'https') {
    reportLine(ctx, [...path, 'url'], 'butane/tang-url', url === '' ? 'this Tang server needs a `url` (http:// or https://)' : `a Tang server is reached over http:// or https://, not ${quote(url)}`);
  }
  if (!notEmpty(tang.thumbprint)) {
    reportLine(ctx, [...path, 'thumbprint'], 'butane/tang-thumbprint-required', 'this Tang server needs the `thumbprint` of its signing key (from `tang-show-keys`) so the volume can trust it');
  }
  const advertisement = tang.advertisement;
  if (minor >= 4 && notEmpty(advertisement)) {
    try {
      JSON.parse(advertisement);
    } catch (err) {
      ctx.report([...path, 'advertisement'], 'butane/tang-advertisement', `the Tang advertisement must be the JSON document the server publishes (fetch it from http://<server>/adv): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function checkCustom(ctx: CheckContext, custom: Obj, path: (string | number)[], minor: number): void {
  const pin = str(custom.pin);
  const config = str(custom.config);
  if (!notEmpty(pin) && !notEmpty(config) && !(minor >= 3 && isTrue(custom.needs_network))) return;
  if (notEmpty(pin)) {
    if (minor < 6 && !['tpm2', 'tang', 'sss'].includes(pin)) {
      ctx.report([...path, 'pin'], 'butane/clevis-pin', `${quote(pin)} is not a Clevis pin Ignition ${ctx.spec.ignitionVersion} accepts; use tpm2, tang or sss`);
    }
  } else {
    reportLine(ctx, [...path, 'pin'], minor >= 3 ? 'butane/clevis-pin-required' : 'butane/clevis-pin', 'a custom Clevis configuration needs its `pin` (tpm2, tang or sss)');
  }
  if (!notEmpty(config)) {
    reportLine(ctx, [...path, 'config'], 'butane/clevis-config-required', 'a custom Clevis configuration needs its `config` (the JSON passed to `clevis luks bind`)');
  }
}

export function checkLuks(ctx: CheckContext): void {
  const minor = ignitionMinor(ctx);
  for (const l of entries(ctx.config, ['storage', 'luks'])) {
    const luks = l.item;
    const name = str(luks.name);
    if (name !== undefined && name.includes('/')) {
      ctx.report([...l.path, 'name'], 'butane/luks-name-slash', `the LUKS name becomes /dev/mapper/<name>, so it cannot contain \`/\`; try ${quote(name.replace(/\//g, '-'))}`);
    }
    const label = str(luks.label);
    if (label !== undefined && Buffer.byteLength(label, 'utf8') > 47) {
      ctx.report([...l.path, 'label'], 'butane/luks-label-too-long', `LUKS labels hold at most 47 characters; this one has ${Buffer.byteLength(label, 'utf8')}`);
    }
    const clevis = isObj(luks.clevis) ? luks.clevis : undefined;
    if (clevis) {
      const custom = isObj(clevis.custom) ? clevis.custom : undefined;
      const customSet = minor >= 3 ? notEmpty(custom?.pin) : custom !== undefined;
      if (customSet && (list(clevis.tang).length > 0 || isTrue(clevis.tpm2) || (int(clevis.threshold) ?? 0) !== 0)) {
        ctx.report([...l.path, 'clevis'], 'butane/clevis-custom-with-others', 'a `custom` Clevis configuration replaces `tang`, `tpm2` and `threshold`; use either custom or those', { at: 'line' });
      }
      if (custom) checkCustom(ctx, custom, [...l.path, 'clevis', 'custom'], minor);
      list(clevis.tang).forEach((t, i) => {
        if (isObj(t)) checkTang(ctx, t, [...l.path, 'clevis', 'tang', i], minor);
      });
    }
    if (minor >= 5 && isTrue(at(luks, ['cex', 'enabled']))) {
      if (clevis && clevisPresent(clevis, minor)) {
        ctx.report([...l.path, 'cex'], 'butane/cex-with-clevis', 'a volume keyed by IBM CEX cannot also use Clevis (tang/tpm2/custom); choose one', { at: 'line' });
      }
      if (isObj(luks.key_file) && hasSource(luks.key_file)) {
        ctx.report([...l.path, 'cex'], 'butane/cex-with-key-file', 'a volume keyed by IBM CEX cannot also have a `key_file`; remove one of them', { at: 'line' });
      }
    }
  }
}
