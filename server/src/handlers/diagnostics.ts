/**
 * Push diagnostics: on open and on every change. Changes that arrive in the same tick are
 * coalesced (one analysis of the newest version); there is no timer-based debounce.
 */
import { Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver';
import { configSetFindings } from '../../../engine/index';
import type { Diagnostic as EngineDiagnostic, LineIndex, SetMember, Severity } from '../../../engine/index';
import type { AnalysedDocument } from '../documents';
import { toLspRange } from '../positions';
import type { ServerContext } from '../serverContext';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A quick fix as carried in `Diagnostic.data`: already in LSP ranges of the analysed version. */
export interface LspFix {
  title: string;
  edits: TextEdit[];
}

export interface KindlingDiagnosticData {
  fixes: LspFix[];
  /** The range as published: if the editor has since moved the diagnostic, the edits are stale. */
  range: Range;
}

export function toLspDiagnostic(lines: LineIndex, d: EngineDiagnostic, strict: boolean): Diagnostic {
  const severity = strict && d.severity === 'warning' ? DiagnosticSeverity.Error : SEVERITY[d.severity];
  const diagnostic: Diagnostic = { range: toLspRange(lines, d.range), severity, source: 'kindling', code: d.code, message: d.message };
  if (d.fixes?.length) {
    const data: KindlingDiagnosticData = {
      fixes: d.fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: toLspRange(lines, e.range), newText: e.newText })) })),
      range: diagnostic.range,
    };
    diagnostic.data = data;
  }
  return diagnostic;
}

export class DiagnosticsPublisher {
  private readonly scheduled = new Set<string>();
  /** Documents we sent diagnostics for, so they can be cleared when they stop being Butane. */
  private readonly published = new Set<string>();

  constructor(private readonly ctx: ServerContext) {}

  schedule(uri: string): void {
    if (this.scheduled.has(uri)) return;
    this.scheduled.add(uri);
    setImmediate(() => {
      this.scheduled.delete(uri);
      void this.validate(uri);
    });
  }

  /** The document and the other open documents of its folder: its config set, whose findings depend on it. */
  scheduleWithSet(uri: string): void {
    this.schedule(uri);
    for (const sibling of this.siblings(uri)) this.schedule(sibling);
  }

  scheduleAll(): void {
    for (const document of this.ctx.documents.all()) this.schedule(document.uri);
  }

  clear(uri: string): void {
    this.published.delete(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  }

  private async validate(uri: string): Promise<void> {
    try {
      const document = this.ctx.documents.get(uri);
      if (!document) return;
      if (!(await this.ctx.documents.configDialect(document))) {
        if (this.published.has(uri)) this.clear(uri);
        return;
      }
      const analysed = await this.ctx.documents.analysed(document);
      // A newer version arrived while settings were fetched: its own validation is queued.
      if (this.ctx.documents.get(uri)?.version !== analysed.version) return;
      const own = [...analysed.analysis.diagnostics, ...(await this.configSetFindings(analysed))];
      const diagnostics = own.map((d) => toLspDiagnostic(analysed.lines, d, analysed.settings.strict));
      await this.ctx.connection.sendDiagnostics({ uri, version: analysed.version, diagnostics });
      this.published.add(uri);
      if (analysed.settings.trace === 'verbose') {
        this.ctx.log.info(`analysed ${uri} v${analysed.version} in ${analysed.elapsedMs.toFixed(1)} ms: ${diagnostics.length} diagnostics`);
      }
    } catch (err) {
      this.ctx.log.error(`validating ${uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  private siblings(uri: string): string[] {
    const folder = uri.slice(0, uri.lastIndexOf('/') + 1);
    return this.ctx.documents
      .all()
      .map((d) => d.uri)
      .filter((other) => other !== uri && other.startsWith(folder) && !other.slice(folder.length).includes('/'));
  }

  /** Findings only the config set shows, from the open documents of the same folder (nothing is read from disk). */
  private async configSetFindings(analysed: AnalysedDocument): Promise<EngineDiagnostic[]> {
    if (!analysed.analysis.domain) return [];
    const name = (uri: string): string => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
    const others: SetMember[] = [];
    for (const uri of this.siblings(analysed.uri)) {
      const document = this.ctx.documents.get(uri);
      if (!document || !(await this.ctx.documents.configDialect(document))) continue;
      const sibling = await this.ctx.documents.analysed(document);
      others.push({ name: name(uri), view: sibling.analysis.domain });
    }
    return configSetFindings({ name: name(analysed.uri), view: analysed.analysis.domain }, others, analysed.settings.rules);
  }
}
