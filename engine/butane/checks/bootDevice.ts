/**
 * `boot_device` (fcos 1.3+ and the openshift specs built on it): layouts, mirroring,
 * LUKS on the boot disk (Tang, TPM2, IBM CEX on s390x).
 */
import type { CheckContext } from './context';
import { checkTang } from './luks';
import { checkAbsolutePath } from './paths';
import { at, compareVersions, ignitionMinor, fcosLevel, isObj, isTrue, list, notEmpty, Obj, quote, reportLine, str } from './util';

const LEGACY_LAYOUTS = ['aarch64', 'ppc64le', 'x86_64'];
const LAYOUTS = ['aarch64', 'ppc64le', 's390x-eckd', 's390x-virt', 's390x-zfcp', 'x86_64'];

export function checkBootDevice(ctx: CheckContext): void {
  const level = fcosLevel(ctx);
  const bd = at(ctx.config, ['boot_device']);
  if (level === undefined || compareVersions(level, '1.3.0') < 0 || !isObj(bd)) return;
  const v16 = compareVersions(level, '1.6.0') >= 0;
  const v17 = compareVersions(level, '1.7.0') >= 0;
  const luks: Obj = isObj(bd.luks) ? bd.luks : {};
  const mirrorDevices = list(at(bd, ['mirror', 'devices']));
  const layout = str(bd.layout);
  const layoutPath = ['boot_device', 'layout'];

  if (mirrorDevices.length > 0 && layout === undefined) {
    ctx.report(['boot_device', 'mirror'], 'butane/mirror-without-layout', `set \`boot_device.layout\` when mirroring the boot disk (${(v16 ? LAYOUTS : LEGACY_LAYOUTS).join(', ')}); the partition layout depends on the architecture${v17 ? '' : ' — without it Butane assumes x86_64'}`, {
      severity: v17 ? 'error' : 'warning',
      at: 'line',
    });
  }

  if (layout !== undefined) {
    const allowed = v16 ? LAYOUTS : LEGACY_LAYOUTS;
    if (!allowed.includes(layout)) {
      const later = !v16 && LAYOUTS.includes(layout) ? ` (${layout} needs fcos 1.6.0 or newer)` : '';
      ctx.report(layoutPath, 'butane/boot-device-layout', `${quote(layout)} is not a boot disk layout${later}; use one of ${allowed.join(', ')}`);
    } else if (layout === 's390x-eckd' || layout === 's390x-zfcp') {
      const device = str(luks.device);
      const pattern = layout === 's390x-eckd' ? /\/dev\/dasd[a-z]$/ : /\/dev\/sd[a-z]$/;
      const example = layout === 's390x-eckd' ? '/dev/dasda' : '/dev/sda';
      if (!notEmpty(device)) {
        ctx.report(layoutPath, 'butane/boot-device-luks-device-required', `the ${layout} layout needs the boot disk in \`boot_device.luks.device\` (e.g. ${example})`);
      } else if (!pattern.test(device)) {
        ctx.report(layoutPath, 'butane/boot-device-luks-device-name', `with the ${layout} layout the boot disk must be a whole ${layout === 's390x-eckd' ? 'DASD' : 'SCSI'} disk like ${example}, not ${quote(device)}`);
      }
    }
    if (v16 && layout.startsWith('s390x') && mirrorDevices.length > 0) {
      ctx.report(layoutPath, 'butane/boot-device-mirror-s390x', `the boot disk cannot be mirrored on s390x layouts (${layout}); remove \`boot_device.mirror\``);
    }
  }

  if (v16 && isTrue(at(luks, ['cex', 'enabled']))) {
    if (layout === undefined) {
      ctx.report(['boot_device', 'luks', 'cex'], 'butane/cex-architecture', 'IBM CEX keys exist only on s390x: set `boot_device.layout` to s390x-eckd, s390x-zfcp or s390x-virt', { at: 'line' });
    } else if (!layout.startsWith('s390x')) {
      ctx.report(layoutPath, 'butane/cex-architecture', `IBM CEX keys exist only on s390x, not on ${layout}; use an s390x layout or another LUKS method (tpm2, tang)`);
    }
    if (list(luks.tang).length > 0 || isTrue(luks.tpm2)) {
      reportLine(ctx, ['boot_device', 'luks'], 'butane/cex-with-clevis', 'the boot disk can be unlocked by IBM CEX or by Clevis (tang/tpm2), not both; choose one');
    }
  }

  // What Butane generates from boot_device is validated by Ignition like hand-written entries.
  const seen = new Set<unknown>();
  mirrorDevices.forEach((device, i) => {
    const path = ['boot_device', 'mirror', 'devices', i];
    checkAbsolutePath(ctx, path, device, 'mirror device', { code: 'butane/path-required', message: 'a mirror device cannot be empty' });
    if (seen.has(device)) ctx.report(path, 'butane/duplicate-entry', `duplicate entry: ${quote(String(device))} is listed twice in \`boot_device.mirror.devices\``);
    seen.add(device);
  });
  const wantLuks = isTrue(luks.tpm2) || list(luks.tang).length > 0 || isTrue(at(luks, ['cex', 'enabled']));
  if (wantLuks && !isTrue(at(luks, ['cex', 'enabled']))) {
    list(luks.tang).forEach((t, i) => {
      if (isObj(t)) checkTang(ctx, t, ['boot_device', 'luks', 'tang', i], ignitionMinor(ctx));
    });
  }

  if (mirrorDevices.length === 1) {
    ctx.report(['boot_device', 'mirror', 'devices'], 'butane/mirror-too-few-devices', 'mirroring needs at least two disks in `boot_device.mirror.devices`', { at: 'line' });
  }

  if (v17 && notEmpty(luks.device)) {
    const tang = list(luks.tang).some((t) => isObj(t) && Object.keys(t).length > 0);
    if (!tang && !isTrue(luks.tpm2) && !isTrue(at(luks, ['cex', 'enabled']))) {
      reportLine(ctx, ['boot_device', 'luks', 'luks'], 'butane/boot-device-luks-no-method', 'boot disk encryption needs a way to unlock it: set `tpm2: true`, add a `tang` server, or enable `cex`');
    }
  }
}
