import * as path from 'path';
import type { NodeConfig, EmbeddedText } from '../../node/model';
import { EXEC_OPTIONS, readUnitText, splitWords, stripExecPrefixes } from '../../systemd/unitText';
import { nodePath, under } from '../nodePaths';
import type { DomainContext, DomainFinding, DomainRule } from '../rule';

const READ_ONLY_BIN_DIRS = ['/usr/local/bin', '/usr/local/sbin'];

/** A sysext image can put anything on /usr (including /usr/local/bin), so then the path may exist. */
function hasSysext(node: NodeConfig): boolean {
  return [...node.files, ...node.links].some((e) => {
    const p = nodePath(e.path);
    return /^\/etc\/extensions\/[^/]+\.raw$/.test(p) || (under(p, '/var/lib/extensions') && p !== '/var/lib/extensions');
  });
}

/** Whether the config installs a binary of this name in /opt/bin (file or link). */
function installedInOptBin(node: NodeConfig, name: string): boolean {
  return [...node.files, ...node.links].some((e) => nodePath(e.path) === `/opt/bin/${name}`);
}

function checkUnitText(ctx: DomainContext, embedded: EmbeddedText, what: string, findings: DomainFinding[]): void {
  for (const option of readUnitText(embedded.text).options) {
    if (!EXEC_OPTIONS.has(option.name)) continue;
    const word = splitWords(option.value)[0];
    if (!word) continue;
    const { prefix, path: command } = stripExecPrefixes(word.text);
    const dir = path.posix.dirname(command);
    if (!READ_ONLY_BIN_DIRS.includes(dir)) continue;
    const name = path.posix.basename(command);
    const replacement = `/opt/bin/${name}`;
    // Point at the path itself; a quoted or escaped word is underlined whole and not rewritten.
    const written = option.value.slice(word.start, word.end);
    const plain = written === word.text;
    const from = option.offsets[word.start + (plain ? prefix.length : 0)];
    const to = option.offsets[word.end - 1] + 1;
    const elsewhere = installedInOptBin(ctx.node, name);
    const fix = plain ? ctx.edits.replaceInText(embedded, from, to, replacement, `Run ${replacement}`) : undefined;
    const message = elsewhere
      ? `${what} runs \`${command}\`, but this config installs \`${name}\` as \`${replacement}\`: ${dir} is part of the read-only /usr on Flatcar, so nothing is there and ${option.name}= fails. Run \`${replacement}\`.`
      : `${what} runs \`${command}\`: ${dir} is part of the read-only /usr on Flatcar and nothing can be installed there (except by a systemd-sysext image), so ${option.name}= fails. Install the binary to \`${replacement}\` (on the default PATH) and run it from there.`;
    findings.push({ place: { in: embedded, start: from, end: to }, message, fixes: fix ? [fix] : undefined });
  }
}

/**
 * Units that run a binary from /usr/local/bin on Flatcar, where nothing can be written there:
 * the binary only exists if a sysext supplies it, so a configured sysext silences the rule.
 */
export const usrLocalBinExec: DomainRule = {
  id: 'paths/usr-local-bin-exec',
  summary: 'A unit on Flatcar runs a binary from /usr/local/bin, which is read-only there',
  severity: 'warning',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const { node } = ctx;
    if (node.os !== 'flatcar' || hasSysext(node)) return [];
    const findings: DomainFinding[] = [];
    for (const unit of node.units) {
      if (unit.contents) checkUnitText(ctx, unit.contents, `The unit ${unit.name}`, findings);
      for (const dropin of unit.dropins) if (dropin.contents) checkUnitText(ctx, dropin.contents, `The drop-in ${dropin.name} of ${unit.name}`, findings);
    }
    return findings;
  },
};
