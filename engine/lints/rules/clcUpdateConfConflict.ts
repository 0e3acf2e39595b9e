import { isObj } from '../../values';
import { nodePath } from '../nodePaths';
import type { DomainFinding, DomainRule } from '../rule';

const UPDATE_CONF = ['/etc/coreos/update.conf', '/etc/flatcar/update.conf'];

/**
 * ct turns `update:` and `locksmith:` into /etc/coreos/update.conf itself; a storage file for
 * the same file (/etc/coreos is a link to /etc/flatcar) means two writers and one loses.
 */
export const clcUpdateConfConflict: DomainRule = {
  id: 'clc/update-conf-conflict',
  summary: 'A CLC with update: or locksmith: also writes update.conf as a storage file',
  severity: 'error',
  dialects: ['clc'],
  check(ctx) {
    const { node } = ctx;
    const sections = ['update', 'locksmith'].filter((k) => isObj(node.config[k]));
    if (sections.length === 0) return [];
    const findings: DomainFinding[] = [];
    for (const file of node.files) {
      const p = nodePath(file.path);
      if (!UPDATE_CONF.includes(p)) continue;
      findings.push({
        place: { path: file.pathAt, at: 'value' },
        message: `ct writes /etc/coreos/update.conf from \`${sections.join('` and `')}:\`, and this file writes ${p} too (/etc/coreos links to /etc/flatcar): only one of them wins. Keep one: put every setting in this file, or only use the \`${sections[0]}:\` section.`,
      });
    }
    return findings;
  },
};
