import { under } from '../nodePaths';
import { envValue, k3sLaunches } from '../../k3s/installer';
import { placeOf } from '../../k3s/located';
import { addInstallerEnvironment } from '../../k3s/unitEdits';
import type { DomainContext, DomainFinding, DomainRule } from '../rule';

/** Whether anything else in the config expects k3s in /usr/local/bin (an ExecStart, a PATH). */
function expectsUsrLocal(ctx: DomainContext): boolean {
  const texts = [...ctx.node.units.flatMap((u) => [u.contents?.text ?? '', ...u.dropins.map((d) => d.contents?.text ?? '')]), ...ctx.node.files.map((f) => f.contents?.text ?? '')];
  return texts.some((t) => /\/usr\/local\/bin\/k3s\b/.test(t));
}

/**
 * On Flatcar all of /usr is read-only. The install script writes k3s, its kubectl/crictl/ctr
 * links and the killall/uninstall scripts to INSTALL_K3S_BIN_DIR (default /usr/local/bin) and
 * the unit to INSTALL_K3S_SYSTEMD_DIR; since k3s PR #2551 it falls back to /opt/bin when
 * /usr/local/bin is not writable, but only then (install.sh `setup_env`).
 */
export const k3sInstallBinDir: DomainRule = {
  id: 'k3s/install-bin-dir',
  summary: 'The k3s installer on Flatcar writing to, or defaulting to, read-only /usr',
  severity: 'error',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    if (ctx.node.os !== 'flatcar') return [];
    const findings: DomainFinding[] = [];
    for (const run of k3sLaunches(ctx.node).installers) {
      const bin = envValue(run.env, 'INSTALL_K3S_BIN_DIR');
      const systemd = envValue(run.env, 'INSTALL_K3S_SYSTEMD_DIR');
      for (const [env, better, what] of [
        [bin, '/opt/bin', 'the k3s binary, its kubectl/crictl/ctr links and the uninstall scripts'],
        [systemd, '/etc/systemd/system', 'the k3s unit and its env file'],
      ] as const) {
        if (!env || !under(env.value.text, '/usr')) continue;
        const at = placeOf(env.value);
        const fix = ctx.edits.replaceInText(at.in, at.start, at.end, better, `Use ${better}`);
        findings.push({ place: at, message: `\`${env.name}=${env.value.text}\` is on /usr, which is read-only on Flatcar: the install script cannot write ${what} there and stops. Use \`${better}\`${env.name === 'INSTALL_K3S_BIN_DIR' ? ' (on the default PATH)' : ' (the default)'}.`, fixes: fix ? [fix] : undefined });
      }
      if (bin && bin.value.text !== '') continue;
      const warn = expectsUsrLocal(ctx);
      const fix = addInstallerEnvironment(ctx.edits, run, 'Environment="INSTALL_K3S_BIN_DIR=/opt/bin"', 'Add INSTALL_K3S_BIN_DIR=/opt/bin');
      findings.push({
        place: run.at,
        severity: warn ? 'warning' : 'information',
        message: `The k3s installer runs without INSTALL_K3S_BIN_DIR: it defaults to /usr/local/bin, read-only on Flatcar, and only falls back to /opt/bin because the script probes for that.${warn ? ' This config also expects /usr/local/bin/k3s elsewhere, which will not exist.' : ''} Set \`INSTALL_K3S_BIN_DIR=/opt/bin\` to say where k3s goes.`,
        fixes: fix ? [fix] : undefined,
      });
    }
    return findings;
  },
};
