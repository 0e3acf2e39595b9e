/**
 * Kindling's engine: the one library behind the language server, the CLI and the tests.
 * No editor or protocol types cross this boundary: text in, offsets and messages out.
 */
import type { Diagnostic } from './diagnostics';
import { Dialect } from './dialect';
import { parseYaml, ParsedYaml } from './yaml/parse';
import { applyScalarEdit, TextChange } from './yaml/incremental';
import { analyzeButane, ButaneAnalysis, ButaneOptions } from './butane/analyze';
import { ButaneTranslation, translateButane } from './butane/translate/index';
import { translateClc } from './clc/translate/index';
import { CLC_IGNITION_VERSION } from './clc/translate/convert';
import { migrateAnalysis, Migrated } from './clc/migrate/fromAnalysis';
import { layoutFor } from './ignition/layout';
import { marshalIgnition } from './ignition/marshal';
import { IgnitionProblem, validateIgnition } from './ignition/validate';
import { analyzeClc, ClcAnalysis } from './clc/analyze';
import { analyzeK3os, K3osAnalysis } from './k3os/analyze';
import type { ConfigSource } from './k3os/sources';
import { configureRules } from './rules/configure';
import { clipDiagnostic, clipMessage } from './text/clip';
import { analyzeIgnition, IgnitionAnalysis } from './ignition/analyze';
import { DomainView, runDomainRules } from './lints/run';
import { configSetDiagnostics, SetMember } from './lints/configSet';
import type { TargetOs } from './node/model';
import { renderKernelCommandLine, type KernelCommandLine } from './k3os/cmdline';

export * from './diagnostics';
export * from './dialect';
export { LineIndex } from './text/lineIndex';
export { decodeUtf8 } from './text/decode';
export type { ButaneAnalysis, ButaneOptions } from './butane/analyze';
export type { ButaneSpec } from './butane/registry';
export type { TextChange } from './yaml/incremental';
export type { ButaneTranslation } from './butane/translate/index';
export type { IgnitionProblem } from './ignition/validate';
export type { ClcAnalysis } from './clc/analyze';
export type { Migrated } from './clc/migrate/fromAnalysis';
export type { MigrationNote } from './clc/migrate/index';
export type { K3osAnalysis } from './k3os/analyze';
export type { IgnitionAnalysis } from './ignition/analyze';
export type { TargetOs } from './node/model';
export { IGNITION_OS_NAMES, isIgnitionOsName, resolveIgnitionOs } from './node/targetOs';
export { CONFIG_SOURCES, isConfigSource, resolveConfigSource } from './k3os/sources';
export type { ConfigSource } from './k3os/sources';
export { KINDLING_RULES, isKindlingRule } from './rules/registry';
export { isRuleLevel, RULE_LEVELS } from './rules/configure';
export type { RuleLevel } from './rules/configure';
export type { SetMember } from './lints/configSet';

export interface AnalyzeOptions extends ButaneOptions {
  dialect: Dialect;
  /** ct's --platform for Container Linux Configs (empty: none). */
  platform?: string;
  /** The files directory as the user wrote it (ct's messages quote paths from it). */
  filesDirLabel?: string;
  /** Where a k3OS config is read from (default: the system config). */
  k3osSource?: ConfigSource;
  /** Levels for Kindling's own rules by id (`error` … `hint`, or `off`). */
  rules?: Readonly<Record<string, string>>;
  /** The OS an Ignition JSON config is for, when the user says (it cannot say it itself). */
  ignitionOs?: TargetOs;
}

export interface Analysis {
  dialect: Dialect;
  parsed: ParsedYaml;
  butane?: ButaneAnalysis;
  clc?: ClcAnalysis;
  k3os?: K3osAnalysis;
  ignition?: IgnitionAnalysis;
  /** The node model the domain rules read; checks across a set of configs use it. */
  domain?: DomainView;
  diagnostics: Diagnostic[];
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start - b.range.start || a.range.end - b.range.end;
}

/** Parses and validates one document. Never throws on any input text. */
export function analyze(text: string, options: AnalyzeOptions): Analysis {
  return guarded(options, () => analyzeParsed(parseYaml(text), text, options));
}

/**
 * Analyses the text after one edit, reusing the previous analysis's parse when the edit
 * stays inside a single value (typing). The previous analysis must not be used afterwards:
 * its syntax tree is patched in place.
 */
export function analyzeAfterEdit(previous: Analysis, oldText: string, change: TextChange, newText: string, options: AnalyzeOptions): Analysis {
  return guarded(options, () => {
    const patched = previous.dialect === options.dialect ? applyScalarEdit(previous.parsed, oldText, change, newText) : undefined;
    return analyzeParsed(patched ?? parseYaml(newText), newText, options);
  });
}

/** A bug in a check, as the one diagnostic it costs the user. */
function internalError(what: string, err: unknown): Diagnostic {
  return { range: { start: 0, end: 0 }, severity: 'error', code: 'kindling/internal', message: clipMessage(`internal error while ${what}: ${err instanceof Error ? err.message : String(err)}`) };
}

function guarded(options: AnalyzeOptions, run: () => Analysis): Analysis {
  try {
    return run();
  } catch (err) {
    // A bug in a check must cost the user one diagnostic, not the server.
    const parsed: ParsedYaml = { root: null, document: undefined, diagnostics: [] };
    return { dialect: options.dialect, parsed, diagnostics: [internalError('analysing this file', err)] };
  }
}

/** go-yaml v2, which k3OS uses, keeps the last of two equal keys instead of failing. */
function asK3osDuplicate(d: Diagnostic, text: string): Diagnostic {
  if (d.code !== 'yaml/duplicate-key') return d;
  const key = text.slice(d.range.start, d.range.end).split(/[:\n]/)[0].trim();
  return { ...d, severity: 'warning', message: `\`${key}\` is already defined in this mapping; k3OS uses the last one` };
}

function analyzeParsed(parsed: ParsedYaml, text: string, options: AnalyzeOptions): Analysis {
  const diagnostics = options.dialect === 'k3os' ? parsed.diagnostics.map((d) => asK3osDuplicate(d, text)) : [...parsed.diagnostics];
  let butane: ButaneAnalysis | undefined;
  let clc: ClcAnalysis | undefined;
  let k3os: K3osAnalysis | undefined;
  const syntaxBroken = parsed.diagnostics.some((d) => d.severity === 'error' && d.code !== 'yaml/duplicate-key');
  let ignition: IgnitionAnalysis | undefined;
  let domain: DomainView | undefined;
  const domainRules = (input: Parameters<typeof runDomainRules>[0]): Diagnostic[] => {
    const result = runDomainRules(input);
    domain = result.view;
    return result.diagnostics;
  };
  if (options.dialect === 'butane' && !syntaxBroken) {
    butane = analyzeButane(parsed, text, options);
    diagnostics.push(...butane.diagnostics);
    if (butane.config && butane.map && butane.spec) {
      const { variant, version, ignitionVersion } = butane.spec;
      diagnostics.push(...domainRules({ dialect: 'butane', config: butane.config, map: butane.map, text, variant, version, ignitionVersion }));
    }
  }
  if (options.dialect === 'clc' && !syntaxBroken) {
    clc = analyzeClc(parsed, text, options);
    diagnostics.push(...clc.diagnostics, ...domainRules({ dialect: 'clc', config: clc.config, map: clc.map, text, ignitionVersion: CLC_IGNITION_VERSION }));
  }
  if (options.dialect === 'k3os' && !syntaxBroken) {
    k3os = analyzeK3os(parsed, text, { source: options.k3osSource });
    diagnostics.push(...k3os.diagnostics, ...domainRules({ dialect: 'k3os', config: k3os.config, map: k3os.map, text }));
  }
  if (options.dialect === 'ignition' && !syntaxBroken) {
    ignition = analyzeIgnition(parsed, text);
    diagnostics.push(...ignition.diagnostics, ...domainRules({ dialect: 'ignition', config: ignition.config, map: ignition.map, text, ignitionVersion: ignition.version, os: options.ignitionOs }));
  }
  const configured = configureRules(diagnostics, text, options.rules).map(clipDiagnostic);
  configured.sort(byPosition);
  return { dialect: options.dialect, parsed, butane, clc, k3os, ignition, domain, diagnostics: configured };
}

export interface TranspileOptions extends ButaneOptions {
  /** Refuse to produce output when there are warnings (Butane's --strict). */
  strict?: boolean;
  pretty?: boolean;
  /** OpenShift: print the Ignition config rather than a MachineConfig (Butane's --raw). */
  raw?: boolean;
}

export interface Transpiled {
  /** Present when the config translated; `output` is exactly what the reference tool prints. */
  translation?: ButaneTranslation;
  /** Why there is no output: the errors (and, under strict, the warnings). */
  blocking: Diagnostic[];
  /**
   * Where the generated Ignition config breaks the bundled Ignition schema of its version.
   * Always empty unless the translator has a bug; reported so that one never passes silently.
   */
  schemaProblems: IgnitionProblem[];
}

/**
 * Translates an analysed document to Ignition. Like Butane, any error — or any warning
 * under `strict` — means no output. Never throws.
 */
export function transpile(analysis: Analysis, options: TranspileOptions): Transpiled {
  // ct's --strict fails on any report entry, informational ones included; butane's on warnings.
  const strictSeverities = analysis.dialect === 'clc' ? ['warning', 'information'] : ['warning'];
  const blocking = analysis.diagnostics.filter((d) => !d.advisory && (d.severity === 'error' || (options.strict === true && strictSeverities.includes(d.severity))));
  if (blocking.length > 0 || !(analysis.butane || analysis.clc?.ignition)) return { blocking, schemaProblems: [] };
  try {
    const translation = analysis.clc ? translateClc(analysis.clc, options.pretty === true) : translateButane(analysis.butane!, options);
    if (!translation) return { blocking, schemaProblems: [] };
    return { translation, blocking, schemaProblems: schemaProblems(translation) };
  } catch (err) {
    return { blocking: [internalError('translating this file', err)], schemaProblems: [] };
  }
}

/** Validates the config as printed (JSON), so the schema sees exactly what Ignition will read. */
function schemaProblems(translation: ButaneTranslation): IgnitionProblem[] {
  const { ignition, ignitionVersion, format, output } = translation;
  // JSON output is the config itself; only a MachineConfig needs its Ignition printed again.
  const layout = format === 'json' ? undefined : layoutFor(ignitionVersion);
  const json = format === 'json' ? output : layout ? marshalIgnition(ignition, layout, false) : undefined;
  return json === undefined ? [] : validateIgnition(JSON.parse(json), ignitionVersion);
}

/**
 * A Container Linux Config as Butane (`variant: flatcar`, 1.1.0), with notes on what could
 * not be carried over; refused with the errors when ct would reject the config. Never throws.
 */
export function migrate(analysis: Analysis, platform?: string): Migrated {
  try {
    return migrateAnalysis(analysis.clc, analysis.parsed.root, analysis.diagnostics, platform);
  } catch (err) {
    return { ok: false, errors: [internalError('migrating this file', err)] };
  }
}

export type { CmdlineWarning, KernelCommandLine } from './k3os/cmdline';

export type RenderedCommandLine = ({ ok: true } & KernelCommandLine) | { ok: false; reason: string; errors: Diagnostic[] };

/**
 * A k3OS config as kernel command line words that k3OS reads back as the same config, with
 * warnings for what cannot be expressed there. Refused for other dialects and when the config
 * has errors (k3OS would not read it as written). Never throws.
 */
const UNREADABLE = ['k3os/unreadable-config', 'k3os/unquoted-permissions', 'kindling/internal'];

export function kernelCommandLine(analysis: Analysis): RenderedCommandLine {
  if (analysis.dialect !== 'k3os') return { ok: false, reason: 'not a k3OS config', errors: [] };
  // Only what stops k3OS reading the config blocks it; k3s-level findings travel with the line.
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error' && (d.code.startsWith('yaml/') || UNREADABLE.includes(d.code)));
  if (errors.length > 0 || !analysis.k3os) return { ok: false, reason: 'k3OS cannot read the config as written; fix the errors first', errors };
  try {
    return { ok: true, ...renderKernelCommandLine(analysis.k3os) };
  } catch (err) {
    const internal = internalError('rendering the kernel command line', err);
    return { ok: false, reason: internal.message, errors: [internal] };
  }
}

/**
 * Findings about a config that only its set shows — the configs of one cluster, kept in one
 * folder — with the user's levels and the file's suppression comments applied. Never throws.
 */
export function configSetFindings(self: SetMember, others: readonly SetMember[], levels?: Readonly<Record<string, string>>): Diagnostic[] {
  try {
    return self.view ? configureRules(configSetDiagnostics(self, others), self.view.text, levels).map(clipDiagnostic) : [];
  } catch (err) {
    // As in analyze(): a bug in a check costs one diagnostic, not the file's other findings.
    return [internalError("checking this file's config set", err)];
  }
}
