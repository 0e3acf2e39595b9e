import type { EmbeddedText } from '../../node/model';
import type { DomainFinding, DomainRule, FindingPlace } from '../rule';

const WHAT_IS_LOST: Record<string, string> = {
  boot_device: 'the boot disk is neither encrypted nor mirrored',
  grub: 'no GRUB user or password is set',
};

const INSTEAD: Record<string, string> = {
  boot_device: 'For LUKS use `storage.luks` with a key file; for RAID, `storage.raid` and `storage.filesystems`',
  grub: 'Flatcar sets up GRUB itself; for kernel arguments use `kernel_arguments`',
};

/**
 * Where the first document's top-level `boot_device:` / `grub:` keys are. The decoder drops
 * keys the variant does not know, so they are found in the text: a top-level key starts a line
 * (content of nested values and block scalars is indented).
 */
function topLevelKeys(text: string): { key: string; start: number }[] {
  // Butane reads only the first document: stop at a `---`/`...` line that follows content.
  let end = text.length;
  const markers = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  for (let m = markers.exec(text); m; m = markers.exec(text)) {
    if (/^[ \t]*[^\s#]/m.test(text.slice(0, m.index))) {
      end = m.index;
      break;
    }
  }
  const found: { key: string; start: number }[] = [];
  const keys = /^(["']?)(boot_device|grub)\1[ \t]*:(?=[ \t\r\n]|$)/gm;
  for (let m = keys.exec(text); m && m.index < end; m = keys.exec(text)) {
    if (!found.some((f) => f.key === m![2])) found.push({ key: m[2], start: m.index + m[1].length });
  }
  return found;
}

/** The key's own characters, mapped one to one onto the document. */
function keyPlace(key: string, start: number): FindingPlace {
  const offsets = Array.from({ length: key.length + 1 }, (_, i) => start + i);
  const embedded: EmbeddedText = { text: key, at: [key], scalar: { style: 'plain', offsets, indent: '' } };
  return { in: embedded, start: 0, end: key.length };
}

/**
 * fcos sections in a flatcar config: Butane only warns "unused key" (butane/unused-key) and
 * drops them, so what they ask for silently does not happen.
 */
export const flatcarIgnoredSection: DomainRule = {
  id: 'flatcar/ignored-section',
  summary: 'boot_device or grub in a flatcar config: Butane drops them, so the disk is not encrypted/mirrored and GRUB has no password',
  severity: 'error',
  dialects: ['butane'],
  check(ctx) {
    const { node } = ctx;
    if (node.variant !== 'flatcar') return [];
    const findings: DomainFinding[] = [];
    for (const { key, start } of topLevelKeys(ctx.text)) {
      findings.push({
        place: keyPlace(key, start),
        message: `\`${key}\` does not exist in the flatcar variant: Butane drops it, so ${WHAT_IS_LOST[key]}. ${INSTEAD[key]}.`,
      });
    }
    return findings;
  },
};
