import { closest } from '../../schema/suggest';
import { INSTALLER_ENV, K3S_ENV_FLAGS, K3S_ENV_PREFIX } from '../../k3s/flags';
import { placeOf } from '../../k3s/located';
import { EnvSetting } from '../../k3s/installer';
import { launches } from '../../k3s/settings';
import type { DomainFinding, DomainRule } from '../rule';

const KNOWN = [...INSTALLER_ENV, ...Object.keys(K3S_ENV_FLAGS)];

/**
 * The install script reads its settings by exact name and copies every K3S_* variable into
 * the service's env file, where k3s reads only the names of its flags: a misspelt variable
 * is silently without effect (install.sh header; k3s docs, "Environment Variables").
 * K3S_* names are reported only with a close known name, as k3s has more of them than
 * this list holds.
 */
export const k3sUnknownEnv: DomainRule = {
  id: 'k3s/unknown-env',
  summary: 'An installer or k3s environment variable that neither reads (usually a typo)',
  severity: 'warning',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const seen = new Set<EnvSetting['word']>();
    const findings: DomainFinding[] = [];
    for (const launch of launches(ctx.node)) {
      for (const env of launch.env) {
        if (seen.has(env.word) || !K3S_ENV_PREFIX.test(env.name) || KNOWN.includes(env.name)) continue;
        seen.add(env.word);
        const installerish = !env.name.startsWith('K3S_');
        const suggestion = closest(env.name, KNOWN);
        if (!suggestion && !installerish) continue;
        const at = placeOf(env.nameAt);
        const fix = suggestion ? ctx.edits.replaceInText(at.in, at.start, at.end, suggestion, `Rename to ${suggestion}`) : undefined;
        const reader = installerish ? 'the k3s install script' : 'k3s';
        findings.push({
          place: at,
          message: `${reader === 'k3s' ? 'k3s does' : 'The k3s install script does'} not read \`${env.name}\`, so this setting has no effect.${suggestion ? ` Did you mean \`${suggestion}\`?` : ' See the list in the k3s docs, "Environment Variables".'}`,
          fixes: fix ? [fix] : undefined,
        });
      }
    }
    return findings;
  },
};
