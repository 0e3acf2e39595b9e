import * as path from 'path';
import type { Path } from '../../schema/sourceMap';
import { at, obj, str } from '../../values';
import { nodePath } from '../nodePaths';
import type { DomainFinding, DomainRule } from '../rule';

/**
 * The extension a sysext image file name stands for, by the bakery's naming
 * `<name>-<version>-<arch>.raw` (e.g. `k3s-v1.29.2+k3s1-x86-64.raw` → `k3s`): the words before
 * the first one that starts with a digit or `v<digit>`. Undefined when the name has no version.
 */
function extensionOf(fileName: string): string | undefined {
  if (!fileName.endsWith('.raw')) return undefined;
  const words = fileName.slice(0, -'.raw'.length).split('-');
  const version = words.findIndex((w, i) => i > 0 && /^v?\d/.test(w));
  return version > 0 ? words.slice(0, version).join('-') : undefined;
}

function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** Where the image comes from: a link's target, or a file's source URL. */
function origins(ctx: Parameters<DomainRule['check']>[0]): { path: string; pathAt: Path; from: string }[] {
  const { node } = ctx;
  const out: { path: string; pathAt: Path; from: string }[] = [];
  for (const file of node.files) {
    const contents = obj(at(node.config, [...file.at, 'contents']));
    const source = str(contents?.source) ?? str(obj(contents?.remote)?.url);
    if (source && !source.startsWith('data:')) out.push({ path: file.path, pathAt: file.pathAt, from: source.split(/[?#]/)[0] });
  }
  for (const link of node.links) if (link.target && !link.hard) out.push({ path: link.path, pathAt: link.pathAt, from: link.target });
  return out;
}

/**
 * systemd-sysext merges /etc/extensions/NAME.raw only when the image holds
 * usr/lib/extension-release.d/extension-release.NAME; a bakery image saved under another name
 * is refused. Only versioned bakery-style names are judged, so custom images stay quiet.
 */
export const sysextName: DomainRule = {
  id: 'paths/sysext-name',
  summary: 'A sysext image in /etc/extensions is named differently from the extension it contains',
  severity: 'warning',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const entry of origins(ctx)) {
      const m = /^\/etc\/extensions\/([^/]+)\.raw$/.exec(nodePath(entry.path));
      if (!m) continue;
      const extension = extensionOf(path.posix.basename(decoded(entry.from)));
      if (!extension || extension === m[1]) continue;
      const wanted = `/etc/extensions/${extension}.raw`;
      const fix = ctx.edits.replaceValue(entry.pathAt, wanted, `Name it ${wanted}`);
      findings.push({
        place: { path: entry.pathAt, at: 'value' },
        message: `\`${path.posix.basename(entry.from)}\` is the ${extension} extension, but it is saved as ${m[1]}.raw: systemd-sysext only merges an image named after the extension-release file inside it (extension-release.${extension}), so ${extension} is not added to /usr. Name it \`${wanted}\`.`,
        fixes: fix ? [fix] : undefined,
      });
    }
    return findings;
  },
};
