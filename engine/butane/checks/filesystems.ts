/**
 * Filesystems: formats and labels (Ignition), the with_mount_unit sugar (Butane),
 * and filesystems placed on whole disks that are also partitioned or wiped.
 */
import type { CheckContext } from './context';
import { entries, ignitionMinor, isTrue, list, notEmpty, quote, reportLine, str } from './util';

const LABEL_LIMITS: Record<string, number> = { ext4: 16, btrfs: 256, xfs: 12, swap: 15, vfat: 11 };

export function formats(minor: number): string[] {
  return minor >= 3 ? ['ext4', 'btrfs', 'xfs', 'swap', 'vfat', 'none'] : ['ext4', 'btrfs', 'xfs', 'swap', 'vfat'];
}

export function checkFilesystems(ctx: CheckContext): void {
  const minor = ignitionMinor(ctx);
  const disks = entries(ctx.config, ['storage', 'disks']);
  for (const f of entries(ctx.config, ['storage', 'filesystems'])) {
    const fs = f.item;
    const format = str(fs.format);
    if (!notEmpty(format)) {
      const others = ['path', 'label', 'uuid'].filter((k) => notEmpty(fs[k]));
      if (isTrue(fs.wipe_filesystem)) others.push('wipe_filesystem');
      for (const k of ['options', 'mount_options']) if (list(fs[k]).length > 0) others.push(k);
      // with_mount_unit has its own, more specific message about the missing format
      if (others.length > 0 && !isTrue(fs.with_mount_unit)) {
        reportLine(ctx, [...f.path, 'format'], 'butane/filesystem-format-required', `this filesystem sets ${others.map((k) => `\`${k}\``).join(', ')} but no \`format\`; add the format (${formats(minor).join(', ')})`);
      }
    } else if (!formats(minor).includes(format)) {
      const later = format === 'none' ? ' (`none` needs Ignition spec 3.3: fcos 1.4+, flatcar 1.0+)' : '';
      ctx.report([...f.path, 'format'], 'butane/filesystem-format', `${quote(format)} is not a filesystem format Ignition can create${later}; use one of ${formats(minor).join(', ')}`);
    }
    const label = str(fs.label);
    if (notEmpty(label)) {
      if (!notEmpty(format)) {
        ctx.report([...f.path, 'label'], 'butane/filesystem-label-needs-format', 'a filesystem label is set at creation time, so `format` is needed too');
      } else {
        const limit = LABEL_LIMITS[format];
        const size = Buffer.byteLength(label, 'utf8');
        if (limit !== undefined && size > limit) {
          ctx.report([...f.path, 'label'], 'butane/filesystem-label-too-long', `${format} labels hold at most ${limit} characters; ${quote(label)} has ${size}`);
        }
      }
    }
    const device = str(fs.device);
    const disk = disks.find((d) => d.item.device === device);
    if (device !== undefined && disk) {
      if (list(disk.item.partitions).length > 0) {
        ctx.report([...f.path, 'device'], 'butane/filesystem-overwrites-partitions', `${quote(device)} is a whole disk that this config also partitions; the filesystem would overwrite the partition table — point \`device\` at a partition (e.g. /dev/disk/by-partlabel/<label>)`, { severity: 'warning' });
      } else if (!isTrue(fs.wipe_filesystem) && isTrue(disk.item.wipe_table)) {
        ctx.report([...f.path, 'device'], 'butane/filesystem-implicit-wipe', `${quote(device)} has \`wipe_table: true\`, so this filesystem will be wiped even though \`wipe_filesystem\` is not set; set \`wipe_filesystem: true\` to make that explicit`, { severity: 'warning' });
      }
    }
  }
}

/** Butane's with_mount_unit sugar needs enough to write a .mount or .swap unit. */
export function checkMountUnits(ctx: CheckContext): void {
  const minor = ignitionMinor(ctx);
  const underEtcOrVar = ctx.spec.variant === 'fcos' && ctx.atLeast('1.6.0');
  for (const f of entries(ctx.config, ['storage', 'filesystems'])) {
    const fs = f.item;
    if (!isTrue(fs.with_mount_unit)) continue;
    const format = str(fs.format);
    const path = str(fs.path);
    // Before Ignition 3.3 (fcos 1.4) even swap needed a path.
    const needsPath = minor < 3 || (notEmpty(format) && format !== 'swap');
    if (minor < 3 && !notEmpty(path)) {
      reportLine(ctx, [...f.path, 'path'], 'butane/mount-unit-path-required', '`with_mount_unit: true` needs the mount point in `path`');
    }
    if (!notEmpty(format)) {
      reportLine(ctx, [...f.path, 'format'], 'butane/mount-unit-format-required', '`with_mount_unit: true` needs a `format` to know what kind of unit to write');
    } else if (minor >= 3 && needsPath && !notEmpty(path)) {
      reportLine(ctx, [...f.path, 'path'], 'butane/mount-unit-path-required', `\`with_mount_unit: true\` needs the mount point in \`path\` (only swap can do without one)`);
    }
    if (underEtcOrVar && path !== undefined && !/^\/(etc|var)(\/|$)/.test(path)) {
      ctx.report([...f.path, 'path'], 'butane/mount-unit-path-location', `Butane only generates mount units for mount points under /etc or /var; ${quote(path)} is elsewhere — mount it below /var (e.g. /var/${path.replace(/^\/+/, '') || 'data'}) or write the unit yourself`);
    }
  }
}
