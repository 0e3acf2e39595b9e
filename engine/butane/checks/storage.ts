/**
 * Disks, partitions and RAID arrays: Ignition's rules, plus the partition hints
 * Butane's fcos translator gives (reserved labels, root size, reuse by label).
 */
import type { CheckContext } from './context';
import { at, entries, fcosAtLeast, fcosLevel, int, isTrue, list, notEmpty, Obj, quote, reportLine, str } from './util';

const GUID = /^(|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$/;
const BOOT_DISK = '/dev/disk/by-id/coreos-boot-disk';

/** Reserved partition labels of the CoreOS disk image and the numbers they live at. */
const RESERVED: Record<string, number> = { 'BIOS-BOOT': 1, 'PowerPC-PReP-boot': 1, 'EFI-SYSTEM': 2, boot: 3, root: 4 };

const RAID_LEVELS = ['linear', 'raid0', '0', 'stripe', 'raid1', '1', 'mirror', 'raid4', '4', 'raid5', '5', 'raid6', '6', 'raid10', '10'];

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function checkPartition(ctx: CheckContext, p: Obj, path: (string | number)[]): void {
  const number = int(p.number) ?? 0;
  if (p.should_exist === false && (p.label !== undefined || notEmpty(p.type_guid) || notEmpty(p.guid) || p.start_mib !== undefined || p.size_mib !== undefined)) {
    const extra = ['label', 'type_guid', 'guid', 'start_mib', 'size_mib'].filter((k) => p[k] !== undefined && p[k] !== '');
    reportLine(ctx, path, 'butane/partition-should-not-exist-with-others', `a partition with \`should_exist: false\` is deleted, so it can only be identified by \`number\`; remove ${extra.map((k) => `\`${k}\``).join(', ')}`);
  }
  if (number === 0 && p.label === undefined) {
    reportLine(ctx, path, 'butane/partition-number-or-label', 'this partition needs a `number` (1 or more) or a `label` to identify it');
  }
  const label = str(p.label);
  if (label !== undefined) {
    if (utf8Length(label) > 36) ctx.report([...path, 'label'], 'butane/partition-label-too-long', `a GPT partition label holds at most 36 bytes; this one has ${utf8Length(label)}`);
    else if (label.includes(':')) ctx.report([...path, 'label'], 'butane/partition-label-colon', `partition labels cannot contain \`:\` (the partitioning tool would cut the label at ${quote(label.slice(0, label.indexOf(':')))})`);
  }
  for (const key of ['guid', 'type_guid']) {
    const v = str(p[key]);
    if (v !== undefined && !GUID.test(v)) {
      ctx.report([...path, key], 'butane/guid-invalid', `${quote(v)} is not a GUID; write it as 8-4-4-4-12 hex digits, e.g. 0FC63DAF-8483-4772-8E79-3D69D8477DE4`);
    }
  }
}

function overlaps(a: Obj, b: Obj): boolean {
  const sa = int(a.start_mib);
  const za = int(a.size_mib);
  const sb = int(b.start_mib);
  const zb = int(b.size_mib);
  if (sa === undefined || za === undefined || sb === undefined || zb === undefined || sa === 0 || sb === 0) return false;
  const ea = za === 0 ? sa : sa + za - 1;
  const eb = zb === 0 ? sb : sb + zb - 1;
  return sa <= eb && sb <= ea;
}

export function checkDisks(ctx: CheckContext): void {
  for (const disk of entries(ctx.config, ['storage', 'disks'])) {
    const parts = entries(disk.item, ['partitions']).map((p) => ({ ...p, path: [...disk.path, ...p.path] }));
    for (const p of parts) checkPartition(ctx, p.item, p.path);
    if (!notEmpty(disk.item.device)) continue;
    parts.forEach((p, i) => {
      const other = parts.slice(0, i).find((o) => overlaps(o.item, p.item));
      if (other) reportLine(ctx, p.path, 'butane/partition-overlap', `this partition overlaps partition ${quote(String(other.item.label ?? other.item.number ?? other.index))} on the same disk; adjust \`start_mib\`/\`size_mib\``);
      const label = str(p.item.label);
      const number = int(p.item.number) ?? 0;
      if (label === undefined) return;
      const twin = parts.slice(0, i).find((o) => o.item.label === label);
      // entries without a number are already reported as duplicate entries
      if (twin && !(number === 0 && (int(twin.item.number) ?? 0) === 0)) {
        reportLine(ctx, p.path, 'butane/partition-label-collision', `partition label ${quote(label)} is used twice on this disk; labels must be unique`);
      }
    });
  }
}

export function checkRaid(ctx: CheckContext): void {
  for (const r of entries(ctx.config, ['storage', 'raid'])) {
    const level = str(r.item.level);
    if (level === undefined || level === '') {
      reportLine(ctx, [...r.path, 'level'], 'butane/raid-level-required', `this RAID array needs a \`level\`: one of ${RAID_LEVELS.filter((l) => !/^\d/.test(l)).join(', ')}`);
    } else if (!RAID_LEVELS.includes(level)) {
      ctx.report([...r.path, 'level'], 'butane/raid-level', `${quote(level)} is not a RAID level mdadm understands; use linear, raid0, raid1, raid4, raid5, raid6 or raid10`);
    } else if (['linear', 'raid0', '0', 'stripe'].includes(level) && (int(r.item.spares) ?? 0) !== 0) {
      ctx.report([...r.path, 'level'], 'butane/raid-spares', `${level} arrays cannot have spare devices; remove \`spares\` or choose a redundant level`);
    }
    if (list(r.item.devices).length === 0) {
      reportLine(ctx, [...r.path, 'devices'], 'butane/raid-devices-required', 'this RAID array needs at least one member in `devices`');
    }
  }
}

/** Butane's fcos translator warnings about partitions on reused disks. */
export function checkPartitionHints(ctx: CheckContext): void {
  if (fcosLevel(ctx) === undefined) return;
  const mirror = new Set(list(at(ctx.config, ['boot_device', 'mirror', 'devices'])).filter((d): d is string => typeof d === 'string'));
  const checkRoot = fcosAtLeast(ctx, '1.3.0');
  // the reuse-by-label check lives in fcos 1.6+'s own validation, which openshift specs do not run
  const checkReuse = ctx.spec.variant === 'fcos' && fcosAtLeast(ctx, '1.6.0');
  for (const disk of entries(ctx.config, ['storage', 'disks'])) {
    const device = str(disk.item.device) ?? '';
    const wiped = isTrue(disk.item.wipe_table) || mirror.has(device);
    const parts = entries(disk.item, ['partitions']).map((p) => ({ ...p, path: [...disk.path, ...p.path] }));
    for (const p of parts) {
      const label = str(p.item.label);
      const number = int(p.item.number) ?? 0;
      if (checkReuse && device !== BOOT_DISK && !wiped && number === 0 && label !== undefined) {
        ctx.report([...p.path, 'number'], 'butane/partition-reuse-by-label', `partition ${quote(label)} has no \`number\`, so Ignition creates a new partition instead of reusing an existing one with this label; set \`number\` (or \`wipe_table: true\` if the disk may be wiped)`, { severity: 'warning', at: 'line' });
      }
      if (label === undefined) continue;
      if (checkRoot && label === 'root') {
        const size = int(p.item.size_mib) ?? 0;
        if (size === 0) {
          if (parts.some((o) => o !== p && (int(o.item.start_mib) ?? 0) === 0)) {
            ctx.report([...p.path, 'label'], 'butane/root-partition-constrained', 'the root partition is set to fill the free space, but another partition on this disk has no `start_mib` and will be placed after it, so root cannot grow; give root a `size_mib` or the other partition a `start_mib`', { severity: 'warning' });
          }
        } else if (size < 8192) {
          ctx.report([...p.path, 'size_mib'], 'butane/root-partition-too-small', `the root partition should have at least 8 GiB (size_mib: 8192); ${size} MiB is too small for OS updates`, { severity: 'warning' });
        }
      }
      const expected = RESERVED[label];
      if (!wiped && expected !== undefined && number !== expected) {
        ctx.report([...p.path, 'label'], 'butane/partition-reserved-label', `label ${quote(label)} belongs to partition ${expected} of the CoreOS image; with number ${number || 'unset'} Ignition creates a second partition with this label — set \`number: ${expected}\` to modify the existing one`, { severity: 'warning' });
      }
    }
  }
}
