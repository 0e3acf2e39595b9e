import { nodePath, placedPaths, under } from '../nodePaths';
import type { DomainFinding, DomainRule } from '../rule';

/** Where the write goes instead, by the API filesystem or tmpfs the path is on. */
const VOLATILE: { dir: string; instead: string }[] = [
  { dir: '/proc/sys', instead: 'set kernel parameters in a file under /etc/sysctl.d/' },
  { dir: '/proc', instead: 'configure the kernel with /etc/sysctl.d/ or kernel arguments' },
  { dir: '/sys', instead: 'use udev rules in /etc/udev/rules.d/ or a tmpfiles.d entry (`w /sys/...`) in /etc/tmpfiles.d/' },
  { dir: '/dev', instead: 'use udev rules in /etc/udev/rules.d/' },
  { dir: '/tmp', instead: 'create it at boot with a tmpfiles.d entry in /etc/tmpfiles.d/, or write it under /var' },
  { dir: '/run', instead: 'create it at boot with a tmpfiles.d entry in /etc/tmpfiles.d/, or write it under /etc or /var' },
];

/**
 * Ignition writes to the root filesystem before it is booted; /proc, /sys and /dev are API
 * filesystems and /tmp and /run are tmpfs mounted over whatever Ignition wrote there.
 * k3OS is not affected: it applies its config on every boot, on the running system.
 */
export const volatileTarget: DomainRule = {
  id: 'paths/volatile-target',
  summary: 'A file, directory or link under /proc, /sys, /dev, /tmp or /run, which do not keep what Ignition writes',
  severity: 'warning',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const { node } = ctx;
    const findings: DomainFinding[] = [];
    for (const entry of placedPaths(node)) {
      const p = nodePath(entry.path);
      const volatile = VOLATILE.find((v) => under(p, v.dir));
      if (!volatile) continue;
      const top = `/${p.split('/')[1]}`;
      findings.push({
        place: { path: entry.pathAt, at: 'value' },
        message: `The ${entry.kind} \`${p}\` is under ${top}, which is ${top === '/tmp' || top === '/run' ? 'a tmpfs mounted at boot over anything Ignition wrote there' : 'a kernel filesystem that is not mounted on the disk Ignition writes to'}: it has no effect on the booted system. Instead, ${volatile.instead}.`,
      });
    }
    return findings;
  },
};
