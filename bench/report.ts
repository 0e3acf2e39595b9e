/**
 * Turns two scenario results (ours, yaml-language-server) into the printed
 * side-by-side table and the PASS/MISS checks.
 */
import { Fixture } from './fixtures';
import { ScenarioResult } from './measure';
import { Summary, fmtMiB, fmtMs, fmtRatio, shift, summarize, table } from './stats';

export interface Targets {
  editP95Ms: number;
  completionP95Ms: number;
  rssMiB: number;
  speedup: number;
  /** Edit → Ignition preview updated, p95 (our server only; undefined = reported, no target). */
  previewP95Ms?: number;
}

export const TARGETS: Record<string, Targets> = {
  realistic: { editP95Ms: 15, completionP95Ms: 5, rssMiB: 60, speedup: 4, previewP95Ms: 30 },
  large: { editP95Ms: 60, completionP95Ms: 25, rssMiB: 60, speedup: 4 },
};

export interface Check {
  check: string;
  target: string;
  value: string;
  pass: boolean;
}

type Pick = (s: Summary) => number;
const med: Pick = (s) => s.median;
const p95: Pick = (s) => s.p95;
const max: Pick = (s) => s.max;

export function renderFixture(fx: Fixture, ours: ScenarioResult, yls: ScenarioResult, debounceMs: number): { text: string; checks: Check[] } {
  const rows: string[][] = [['metric (ms unless noted)', 'ours', 'yaml-ls', `yaml-ls −${debounceMs}`, 'yaml-ls/ours']];
  /** A latency row; `debounced` rows also show yaml-ls minus its fixed debounce, and the ratio uses that. */
  const lat = (label: string, o: Summary, y: Summary, pick: Pick, debounced: boolean) => {
    const yAdj = debounced ? shift(y, debounceMs) : y;
    rows.push([label, fmtMs(pick(o)), fmtMs(pick(y)), debounced ? fmtMs(pick(yAdj)) : '', fmtRatio(pick(yAdj), pick(o))]);
  };
  const mem = (label: string, o: number, y: number) => rows.push([label, fmtMiB(o), fmtMiB(y), '', fmtRatio(y, o)]);
  const count = (label: string, o: string, y: string) => rows.push([label, o, y, '', '']);
  const n = (f: (r: ScenarioResult) => Summary) => Math.max(f(ours).n, f(yls).n);

  lat('spawn → initialize result, median', summarize(ours.initMs), summarize(yls.initMs), med, false);
  lat(`didOpen → first diagnostics, cold (fresh process, n=${n((r) => r.openCold)}), median`, ours.openCold, yls.openCold, med, true);
  lat(`didOpen → first diagnostics, warm (re-open, n=${n((r) => r.openWarm)}), median`, ours.openWarm, yls.openWarm, med, true);
  lat('didOpen → first diagnostics, warm, p95', ours.openWarm, yls.openWarm, p95, true);
  lat(`didChange → diagnostics (n=${n((r) => r.edit)}), median`, ours.edit, yls.edit, med, true);
  lat('didChange → diagnostics, p95', ours.edit, yls.edit, p95, true);
  lat('didChange → diagnostics, max', ours.edit, yls.edit, max, true);
  const ck = (r: ScenarioResult) => r.completionKeys;
  const ce = (r: ScenarioResult) => r.completionEnum;
  const ca = (r: ScenarioResult) => r.completionAfterEdit;
  lat(`completion, keys in files[] item (n=${n(ck)}), median`, ck(ours), ck(yls), med, false);
  lat('completion, keys in files[] item, p95', ck(ours), ck(yls), p95, false);
  lat(`completion, format: enum values (n=${n(ce)}), median`, ce(ours), ce(yls), med, false);
  lat('completion, format: enum values, p95', ce(ours), ce(yls), p95, false);
  lat(`completion right after an edit, keys (n=${n(ca)}), median`, ca(ours), ca(yls), med, false);
  lat('completion right after an edit, keys, p95', ca(ours), ca(yls), p95, false);
  lat(`didChange → Ignition preview pushed (n=${ours.preview.n}), median`, ours.preview, yls.preview, med, false);
  lat('didChange → Ignition preview pushed, p95', ours.preview, yls.preview, p95, false);
  lat(`didChange → preview, edits that translated (n=${ours.previewTranslated.n}), p95`, ours.previewTranslated, yls.previewTranslated, p95, false);
  count('preview pushes: translated / stale', `${ours.previewOk} / ${ours.previewStale}`, '—');
  count('completion items returned (keys / enum)', `${ck(ours).items} / ${ce(ours).items}`, `${ck(yls).items} / ${ce(yls).items}`);
  mem('RSS after first open (MiB, process tree)', ours.memory.afterOpen.rssKiB, yls.memory.afterOpen.rssKiB);
  mem('RSS max sampled (MiB)', ours.memory.maxRssKiB, yls.memory.maxRssKiB);
  mem('peak VmHWM (MiB, summed over the tree)', ours.memory.peakHwmKiB, yls.memory.peakHwmKiB);
  count('diagnostics on the valid fixture at open', String(ours.openDiagnostics), String(yls.openDiagnostics));
  count('edits whose diagnostics changed', `${ours.editsChanged}/${ours.editsTotal}`, `${yls.editsChanged}/${yls.editsTotal}`);
  const half = (r: ScenarioResult) => `${r.invalidFlagged}/${r.editsTotal / 2}`;
  count('invalid edits flagged on the toggled line', half(ours), half(yls));

  const checks = targetChecks(fx, ours, yls, debounceMs);
  const checkRows = [['target', 'goal', 'ours', 'result'], ...checks.map((c) => [c.check, c.target, c.value, c.pass ? 'PASS' : 'MISS  <<<'])];
  const notes = [
    `yaml-ls −${debounceMs}: yaml-language-server waits a fixed ${debounceMs} ms (validationDelayMs) before validating;`,
    `  that column subtracts it, and every ratio on a debounced row (and every "faster than yaml-ls" target) uses it.`,
    `  Completion is not debounced. Ratios on memory rows are plain yaml-ls/ours.`,
    ours.versionedDiagnostics ? '' : '  Note: our server published diagnostics without a version; edits were matched by arrival order.',
  ].filter(Boolean);
  const text = [table(rows), '', ...notes, '', table(checkRows)].join('\n');
  return { text, checks };
}

function targetChecks(fx: Fixture, ours: ScenarioResult, yls: ScenarioResult, debounceMs: number): Check[] {
  const t = TARGETS[fx.name];
  const out: Check[] = [];
  const le = (check: string, v: number, limit: number, unit: string, fmt: (v: number) => string = fmtMs) =>
    out.push({ check, target: `≤ ${limit} ${unit}`, value: `${fmt(v)} ${unit}`, pass: Number.isFinite(v) && v <= limit });
  le('didChange → diagnostics p95', ours.edit.p95, t.editP95Ms, 'ms');
  le('completion p95, keys in files[] item', ours.completionKeys.p95, t.completionP95Ms, 'ms');
  le('completion p95, format: enum values', ours.completionEnum.p95, t.completionP95Ms, 'ms');
  if (t.previewP95Ms !== undefined) le('didChange → Ignition preview p95', ours.preview.p95, t.previewP95Ms, 'ms');
  le('peak memory (VmHWM, process tree)', ours.memory.peakHwmKiB / 1024, t.rssMiB, 'MiB', (v) => v.toFixed(1));
  const faster = (check: string, y: number, o: number) =>
    out.push({
      check: `≥ ${t.speedup}× faster than yaml-ls: ${check}`,
      target: `≥ ${t.speedup.toFixed(1)}×`,
      value: fmtRatio(y, o, 2),
      pass: Number.isFinite(y) && Number.isFinite(o) && (o <= 0 || y / o >= t.speedup),
    });
  faster(`didOpen → diagnostics median (yaml-ls −${debounceMs} ms)`, yls.openCold.median - debounceMs, ours.openCold.median);
  faster(`didChange → diagnostics median (yaml-ls −${debounceMs} ms)`, yls.edit.median - debounceMs, ours.edit.median);
  faster(`didChange → diagnostics p95 (yaml-ls −${debounceMs} ms)`, yls.edit.p95 - debounceMs, ours.edit.p95);
  faster('completion p95, keys in files[] item', yls.completionKeys.p95, ours.completionKeys.p95);
  faster('completion p95, format: enum values', yls.completionEnum.p95, ours.completionEnum.p95);
  if (ours.errors.length > 0) out.push({ check: 'our server completed the run', target: 'no errors', value: 'errors', pass: false });
  return out;
}
