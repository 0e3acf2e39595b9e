import { assignmentOf, optionText, placeOf, systemdWords } from '../../k3s/located';
import { unitInfos } from '../../k3s/installer';
import type { DomainFinding, DomainRule } from '../rule';

/**
 * `Environment=` is a space-separated list of NAME=value assignments; a value with spaces
 * must be quoted as a whole. Words that are not assignments are logged as invalid and
 * dropped, so `Environment=INSTALL_K3S_EXEC=server --disable traefik` sets only `server`
 * (systemd.exec(5), "Environment=").
 */
export const systemdUnquotedEnvironment: DomainRule = {
  id: 'systemd/unquoted-environment',
  summary: 'An Environment= value with spaces that is not quoted, so systemd drops part of it',
  severity: 'error',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const unit of unitInfos(ctx.node)) {
      for (const piece of unit.pieces) {
        for (const option of piece.unit.options) {
          if (option.name !== 'Environment' || option.value === '') continue;
          const value = optionText(option, piece.embedded);
          const words = systemdWords(value).map((w) => ({ w, a: assignmentOf(w) }));
          const invalid = words.filter((x) => !x.a);
          if (invalid.length === 0) continue;
          // Each assignment with the invalid words after it becomes one quoted assignment.
          let fixed = '';
          let last = 0;
          let fixable = words[0].a !== undefined;
          for (let i = 0; fixable && i < words.length; ) {
            let j = i;
            while (j + 1 < words.length && !words[j + 1].a) j++;
            const raw = value.text.slice(words[i].w.rawStart, words[j].w.rawEnd);
            if (j > i && /["'\\]/.test(raw)) fixable = false;
            fixed += value.text.slice(last, words[i].w.rawStart) + (j > i ? `"${raw}"` : raw);
            last = words[j].w.rawEnd;
            i = j + 1;
          }
          const fix = fixable ? ctx.edits.replaceInText(piece.embedded, option.offsets[0], option.offsets[option.value.length - 1] + 1, fixed + value.text.slice(last), 'Quote the whole assignment') : undefined;
          const owner = words.slice(0, words.indexOf(invalid[0])).reverse().find((x) => x.a)?.a;
          const dropped = invalid.map((x) => `\`${x.w.loc.text}\``).join(', ');
          findings.push({
            place: placeOf(value, invalid[0].w.rawStart, invalid[invalid.length - 1].w.rawEnd),
            message: `systemd ignores ${dropped} in this Environment= line: it takes space-separated NAME=value assignments, and ${invalid.length === 1 ? 'this is not one' : 'these are not assignments'}${owner ? `, so \`${owner.name}\` is just \`${owner.value.text}\`` : ''}. Quote the whole assignment: \`Environment="NAME=value with spaces"\`.`,
            fixes: fix ? [fix] : undefined,
          });
        }
      }
    }
    return findings;
  },
};
