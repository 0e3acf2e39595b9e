import type { TargetOs } from '../../node/model';
import { nodePath, OS_NAME, placedPaths, readOnlyOn, under, writableAlternatives } from '../nodePaths';
import type { DomainContext, DomainFinding, DomainRule } from '../rule';

function why(os: TargetOs, p: string): string {
  if (os === 'flatcar') return `${under(p, '/usr/local') ? '/usr/local is part of /usr on Flatcar, which' : '/usr on Flatcar'} is a read-only, dm-verity-protected partition`;
  if (os === 'unknown') return '/usr is read-only on every system Ignition provisions (Fedora CoreOS, Flatcar)';
  return `/usr is read-only on ${OS_NAME[os]} (only /usr/local, a link into /var, is writable)`;
}

function consequence(ctx: DomainContext): string {
  return ctx.node.dialect === 'k3os' ? 'k3OS cannot write there and skips the entry' : 'Ignition fails to write it and the first boot stops in the emergency shell';
}

/**
 * Files, directories, links and trees placed on /usr. Link targets are fine: linking to
 * something on /usr (a sysext's unit, say) is normal.
 */
export const readOnlyUsr: DomainRule = {
  id: 'paths/read-only-usr',
  summary: 'A file, directory, link or tree on the read-only /usr of the target system',
  severity: 'error',
  dialects: ['butane', 'clc', 'ignition', 'k3os'],
  check(ctx) {
    const { node } = ctx;
    const findings: DomainFinding[] = [];
    for (const entry of placedPaths(node)) {
      const p = nodePath(entry.path);
      if (!readOnlyOn(node.os, p)) continue;
      const alternatives = writableAlternatives(node.os, p);
      const fixes = alternatives.flatMap((alt) => ctx.edits.replaceValue(entry.pathAt, alt, `Put it at ${alt}`) ?? []);
      const hint = node.os === 'flatcar' && under(p, '/usr') && alternatives.some((a) => a.startsWith('/opt/bin/')) ? ' /opt/bin is on the default PATH.' : '';
      const instead = alternatives.length > 0 ? ` Use ${alternatives.map((a) => `\`${a}\``).join(' or ')} instead.${hint}` : node.os === 'flatcar' ? ' To extend /usr, ship a systemd-sysext image in /etc/extensions/.' : '';
      findings.push({ place: { path: entry.pathAt, at: 'value' }, message: `The ${entry.kind} \`${p}\` is on /usr: ${why(node.os, p)}, so ${consequence(ctx)}.${instead}`, fixes: fixes.length > 0 ? fixes : undefined });
    }
    return findings;
  },
};
