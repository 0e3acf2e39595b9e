import { envValue, k3sLaunches } from '../../k3s/installer';
import { addInstallerEnvironment } from '../../k3s/unitEdits';
import type { DomainFinding, DomainRule } from '../rule';

/**
 * install.sh's SELinux step (`setup_selinux`) looks for RPM tooling and the k3s-selinux
 * policy. On Flatcar there is neither; whether that is fatal has depended on the script
 * version fetched at boot (k3s #13712 made it fatal, #14018, #14552 restored the detection).
 * INSTALL_K3S_SKIP_SELINUX_RPM=true (or INSTALL_K3S_SKIP_DOWNLOAD=true|selinux) skips the
 * step; INSTALL_K3S_SELINUX_WARN=true turns the failure into a warning.
 */
export const k3sInstallSelinux: DomainRule = {
  id: 'k3s/install-selinux',
  summary: 'The k3s installer on Flatcar without skipping its SELinux RPM step',
  severity: 'warning',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    if (ctx.node.os !== 'flatcar') return [];
    const findings: DomainFinding[] = [];
    for (const run of k3sLaunches(ctx.node).installers) {
      const is = (name: string, ...values: string[]) => values.includes(envValue(run.env, name)?.value.text ?? '');
      if (is('INSTALL_K3S_SKIP_SELINUX_RPM', 'true') || is('INSTALL_K3S_SELINUX_WARN', 'true') || is('INSTALL_K3S_SKIP_DOWNLOAD', 'true', 'selinux')) continue;
      const fix = addInstallerEnvironment(ctx.edits, run, 'Environment="INSTALL_K3S_SKIP_SELINUX_RPM=true"', 'Add INSTALL_K3S_SKIP_SELINUX_RPM=true');
      findings.push({
        place: run.at,
        message: 'The k3s installer runs its SELinux step on Flatcar, which has no RPM tooling and no k3s-selinux policy: depending on the install script version fetched at boot, "Failed to find the k3s-selinux policy" stops the installation (k3s #14018). Set `INSTALL_K3S_SKIP_SELINUX_RPM=true` (or `INSTALL_K3S_SELINUX_WARN=true`).',
        fixes: fix ? [fix] : undefined,
      });
    }
    return findings;
  },
};
