import * as path from 'path';
import { inDropinDir, readDropin } from '../../k3s/configFile';
import type { DomainFinding, DomainRule } from '../rule';

/** k3s reads only `*.yaml` and `*.yml` files from config.yaml.d/, in name order (k3s docs, "Configuration File"). */
export const k3sConfigDropinExtension: DomainRule = {
  id: 'k3s/config-dropin-extension',
  summary: 'A file in /etc/rancher/k3s/config.yaml.d/ that k3s does not read (not .yaml or .yml)',
  severity: 'warning',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const file of ctx.node.files) {
      if (!inDropinDir(file.path) || readDropin(file.path)) continue;
      const name = path.posix.basename(file.path);
      const renamed = `${path.posix.dirname(file.path)}/${name.replace(/\.[^.]*$/, '')}.yaml`;
      const fix = ctx.edits.replaceValue(file.pathAt, renamed, `Rename to ${path.posix.basename(renamed)}`);
      findings.push({ place: { path: file.pathAt, at: 'value' }, message: `k3s reads only *.yaml and *.yml files in config.yaml.d/, so it ignores \`${name}\` and its settings. Name it \`${path.posix.basename(renamed)}\`.`, fixes: fix ? [fix] : undefined });
    }
    return findings;
  },
};
