/**
 * Push diagnostics: on open and on every change. Changes that arrive in the same tick are
 * coalesced (one analysis of the newest version); there is no timer-based debounce. The other
 * documents of the folder are validated again only when the change matters to their set.
 */
import { Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver';
import { configSetFindings } from '../../../engine/index';
import type { Diagnostic as EngineDiagnostic, LineIndex, SetMember, Severity } from '../../../engine/index';
import { setSignature } from '../../../engine/lints/configSet';
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
  /** Each open document's setSignature as last validated; absent = ''. */
  private readonly signatures = new Map<string, string>();

  constructor(private readonly ctx: ServerContext) {}

  schedule(uri: string): void {
    if (this.scheduled.has(uri)) return;
    this.scheduled.add(uri);
    setImmediate(() => {
      this.scheduled.delete(uri);
      void this.validate(uri);
    });
  }

  scheduleAll(): void {
    for (const document of this.ctx.documents.all()) this.schedule(document.uri);
  }

  /** A closed document is cleared, and leaves the sets of the other documents of its folder. */
  closed(uri: string): void {
    this.clear(uri);
    this.setSignature(uri, '');
  }

  private clear(uri: string): void {
    this.published.delete(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  }

  /** Records what the set reads from `uri`; when that changed, its siblings' set findings may have too. */
  private setSignature(uri: string, signature: string): void {
    if ((this.signatures.get(uri) ?? '') === signature) return;
    if (signature) this.signatures.set(uri, signature);
    else this.signatures.delete(uri);
    for (const sibling of this.siblings(uri)) this.schedule(sibling);
  }

  private async validate(uri: string): Promise<void> {
    try {
      const document = this.ctx.documents.get(uri);
      if (!document) return;
      if (!(await this.ctx.documents.configDialect(document))) {
        this.setSignature(uri, '');
        if (this.published.has(uri)) this.clear(uri);
        return;
      }
      const analysed = await this.ctx.documents.analysed(document);
      // A newer version arrived while settings were fetched: its own validation is queued.
      if (this.ctx.documents.get(uri)?.version !== analysed.version) return;
      const signature = setSignature(analysed.analysis.domain);
      this.setSignature(uri, signature);
      const setFindings = signature ? await this.configSetFindings(analysed) : [];
      // Analysing a newer version patches this one's syntax tree in place: its ranges are stale now.
      if (this.ctx.documents.get(uri)?.version !== analysed.version) return;
      const own = [...analysed.analysis.diagnostics, ...setFindings];
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
