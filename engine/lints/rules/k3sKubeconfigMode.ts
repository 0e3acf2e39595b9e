import { k3sConfigFiles } from '../../k3s/configFile';
import type { DomainFinding, DomainRule } from '../rule';

/**
 * k3s reads config files with yaml.v2 (YAML 1.1), where an unquoted `0644` is the octal
 * integer 420; k3s passes it on as `--write-kubeconfig-mode=420` and parses that as octal
 * again: mode 0420 (pkg/configfilearg; `strconv.ParseInt(KubeConfigMode, 8, 0)`).
 */
export const k3sKubeconfigMode: DomainRule = {
  id: 'k3s/kubeconfig-mode',
  summary: 'An unquoted write-kubeconfig-mode with a leading zero in a k3s config file',
  severity: 'error',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const file of k3sConfigFiles(ctx.node)) {
      for (const entry of file.entries) {
        if (entry.key !== 'write-kubeconfig-mode') continue;
        for (const v of entry.values) {
          if (!v.plain || !/^0[0-7]+$/.test(v.source)) continue;
          const read = parseInt(v.source, 8).toString(10);
          const fix = ctx.edits.replaceInText(v.at.in, v.at.start, v.at.end, `"${v.source}"`, `Quote it: "${v.source}"`);
          findings.push({
            place: v.at,
            message: `k3s reads \`${v.source}\` here as the YAML 1.1 octal number ${read}, passes it on as "${read}" and parses that as octal: the kubeconfig gets mode 0${read.slice(-4)} instead of ${v.source}. Quote it: \`"${v.source}"\`.`,
            fixes: fix ? [fix] : undefined,
          });
        }
      }
    }
    return findings;
  },
};
