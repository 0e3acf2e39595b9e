import { entries, obj, str } from '../../values';
import type { DomainFinding, DomainRule } from '../rule';

/**
 * Flatcar's OEM partition has been btrfs since 2021; a CLC that declares it ext4 (usually to
 * append to /grub.cfg) no longer matches the disk (Flatcar#885: boot broke after v2→v3).
 */
export const clcOemExt4: DomainRule = {
  id: 'clc/oem-ext4',
  summary: 'A CLC declares the OEM partition as ext4, but it is btrfs on current Flatcar',
  severity: 'warning',
  dialects: ['clc'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const { item, path } of entries(ctx.node.config, ['storage', 'filesystems'])) {
      const mount = obj(item.mount);
      if (!mount || str(mount.device) !== '/dev/disk/by-label/OEM' || str(mount.format) !== 'ext4') continue;
      const formatAt = [...path, 'mount', 'format'];
      const fix = ctx.edits.replaceValue(formatAt, 'btrfs', 'Use format btrfs');
      findings.push({
        place: { path: formatAt, at: 'value' },
        message: 'The OEM partition is btrfs on Flatcar since 2021, not ext4: a config declaring it ext4 no longer matches the disk and has broken booting (Flatcar#885). Use `format: btrfs`, or set kernel arguments with Butane `kernel_arguments` instead of editing grub.cfg.',
        fixes: fix ? [fix] : undefined,
      });
    }
    return findings;
  },
};
