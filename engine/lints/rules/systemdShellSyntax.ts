import * as path from 'path';
import { placeOf, optionText, systemdWords, LocatedWord } from '../../k3s/located';
import { SHELLS, unitInfos, unitOptions } from '../../k3s/installer';
import { EXEC_OPTIONS, stripExecPrefixes } from '../../systemd/unitText';
import type { DomainFinding, DomainRule } from '../rule';

/** What a word means to a shell that systemd passes on as a literal argument; undefined for none. */
function shellSyntax(word: LocatedWord): string | undefined {
  const t = word.loc.text;
  const unquoted = (i: number) => !word.quoted[i];
  if (word.quoted.every(Boolean)) return undefined;
  if (['|', '||', '&&', '&', ';;'].includes(t) && unquoted(0)) return `\`${t}\``;
  if (/^(\d*|&)(>>?|<)/.test(t) && unquoted(0)) return `the redirection \`${t}\``;
  if (t.length > 1 && (t.startsWith('|') || t.endsWith('|')) && unquoted(t.startsWith('|') ? 0 : t.length - 1)) return `\`|\``;
  for (let i = 0; i < t.length; i++) {
    if (!unquoted(i)) continue;
    if (t.startsWith('$(', i)) return 'the command substitution `$(…)`';
    if (t[i] === '`') return 'the command substitution `` `…` ``';
  }
  if (t.length > 1 && t.endsWith(';') && unquoted(t.length - 1)) return `\`;\` (only a lone \`;\` separates commands in systemd)`;
  return undefined;
}

/** The index of the command word, past `env` and its assignments. */
function commandIndex(words: LocatedWord[]): number {
  let i = 0;
  if (path.posix.basename(stripExecPrefixes(words[0]?.loc.text ?? '').path) === 'env') {
    i++;
    while (words[i] && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].loc.text) || words[i].loc.text.startsWith('-'))) i++;
  }
  return i;
}

/**
 * systemd runs Exec*= command lines itself, not through a shell: pipes, redirections, `&&`
 * and command substitutions become literal arguments of the first program, so
 * `curl … | sh -` only prints the script (systemd.service(5), "Command lines").
 */
export const systemdShellSyntax: DomainRule = {
  id: 'systemd/shell-syntax',
  summary: 'Shell syntax in an Exec*= line that systemd does not run through a shell',
  severity: 'error',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const unit of unitInfos(ctx.node)) {
      for (const { piece, option } of unitOptions(unit, 'Service')) {
        if (!EXEC_OPTIONS.has(option.name)) continue;
        const value = optionText(option, piece.embedded);
        const words = systemdWords(value);
        const index = commandIndex(words);
        const command = words[index];
        if (!command) continue;
        const program = path.posix.basename(stripExecPrefixes(command.loc.text).path);
        if (SHELLS.has(program) && words.slice(index + 1).some((w) => /^-[A-Za-z]*c[A-Za-z]*$/.test(w.loc.text))) continue;
        const bad = words.slice(index + 1).flatMap((w) => {
          const what = shellSyntax(w);
          return what ? [{ w, what }] : [];
        });
        if (bad.length === 0) continue;
        const { prefix } = stripExecPrefixes(value.text);
        const body = value.text.slice(prefix.length);
        const fix = /['\\]/.test(body) ? undefined : ctx.edits.replaceInText(piece.embedded, option.offsets[0], option.offsets[option.value.length - 1] + 1, `${prefix}/usr/bin/sh -c '${body}'`, 'Run the command with /usr/bin/sh -c');
        findings.push({
          place: placeOf(value, bad[0].w.rawStart, bad[0].w.rawEnd),
          message: `${option.name}= has ${bad[0].what}, but systemd does not run commands through a shell: it passes it to \`${program}\` as a literal argument${program === 'curl' || program === 'wget' ? ', so the download is never piped anywhere and nothing is installed' : ''}. Wrap the command: \`${option.name}=/usr/bin/sh -c '…'\`.`,
          fixes: fix ? [fix] : undefined,
        });
      }
    }
    return findings;
  },
};
