/**
 * Features a variant's schema has but its translator rejects: disk-level storage and
 * kernel arguments on r4e/fiot, Clevis (flatcar 1.0/1.1) and CEX (flatcar 1.2-exp).
 */
import type { CheckContext } from './context';
import { at, entries, isObj } from './util';

/** Go's "non-empty" for a filtered value: set, but not an empty list or empty mapping. */
function nonEmpty(v: unknown): boolean {
  if (v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.values(v).some(nonEmpty);
  return true;
}

const EDGE: [string[], string, string][] = [
  [['kernel_arguments'], 'kernel argument customization', 'kernel arguments'],
  [['storage', 'disks'], 'disk customization', 'disks'],
  [['storage', 'filesystems'], 'filesystem customization', 'filesystems'],
  [['storage', 'luks'], 'LUKS encryption', 'LUKS volumes'],
  [['storage', 'raid'], 'RAID', 'RAID arrays'],
];

export function checkVariantRestrictions(ctx: CheckContext): void {
  const { variant, version } = ctx.spec;
  if (variant === 'r4e' || variant === 'fiot') {
    const name = variant === 'r4e' ? 'RHEL for Edge' : 'Fedora IoT';
    for (const [path, feature] of EDGE) {
      if (nonEmpty(at(ctx.config, path))) {
        ctx.report(path, 'butane/unsupported-in-variant', `${feature} is not supported by the ${variant} variant (${name} images are set up at image-build time); remove \`${path.join('.')}\``, { at: 'line' });
      }
    }
  }
  if (variant === 'flatcar') {
    const experimental = version.includes('experimental');
    for (const l of entries(ctx.config, ['storage', 'luks'])) {
      if (!experimental && nonEmpty(l.item.clevis)) {
        ctx.report([...l.path, 'clevis'], 'butane/flatcar-clevis', `Flatcar ${version} does not support Clevis (tang/tpm2) for LUKS volumes; use a \`key_file\` instead (Clevis needs flatcar 1.2.0-experimental)`, { at: 'line' });
      }
      if (experimental && nonEmpty(l.item.cex)) {
        ctx.report([...l.path, 'cex'], 'butane/flatcar-cex', 'Flatcar does not support IBM CEX keys for LUKS volumes; remove `cex`', { at: 'line' });
      }
    }
  }
}
