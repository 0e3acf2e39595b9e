/**
 * `kindling/transpile` and the live preview: the Ignition output of a document's current
 * version, translated from the analysis the other features share. Documents with an open
 * preview (`kindling/setPreviewed`) are translated after every change and pushed to the client
 * with `kindling/previewChanged` — the whole result, so the preview costs no second round trip,
 * and documents without a preview cost nothing per keystroke.
 */
import { transpile } from '../../../engine/index';
import { translateOptions, type AnalysedDocument } from '../documents';
import { toProblem } from '../positions';
import {
  PREVIEW_CHANGED_NOTIFICATION,
  SetPreviewedParams,
  StaleOutput,
  TranspileParams,
  TranspileResult,
} from '../protocol';
import type { ServerContext } from '../serverContext';

function unavailable(uri: string, version: number | null, message: string): TranspileResult {
  return { uri, version, ok: false, problems: [{ line: 0, character: 0, severity: 'error', message }], strict: false };
}

/** The answer when translating failed unexpectedly (the handler's bug is logged). */
export const TRANSPILE_FAILED = unavailable('', null, 'Internal error while translating; see the Kindling output.');

export class Transpiler {
  private readonly previewed = new Set<string>();
  private readonly scheduled = new Set<string>();
  /** The last output that translated, per document and layout (pretty or not): what a stale preview shows. */
  private readonly lastGood = new Map<string, StaleOutput>();
  /** The newest result per document and layout, valid while its analysis is the current one. */
  private readonly results = new Map<string, { analysed: AnalysedDocument; result: TranspileResult }>();

  constructor(private readonly ctx: ServerContext) {
    ctx.documents.documents.onDidClose((e) => this.forget(e.document.uri));
  }

  /** `kindling/transpile`. */
  request(params: TranspileParams): Promise<TranspileResult> {
    return this.current(params.uri, params.pretty);
  }

  /** `kindling/setPreviewed`: newly previewed documents get a result pushed right away. */
  setPreviewed(params: SetPreviewedParams): void {
    const uris = new Set(Array.isArray(params?.uris) ? params.uris.filter((u) => typeof u === 'string') : []);
    for (const uri of this.previewed) if (!uris.has(uri)) this.previewed.delete(uri);
    for (const uri of uris) {
      if (this.previewed.has(uri)) continue;
      this.previewed.add(uri);
      this.schedule(uri);
    }
  }

  /** After a change: push a new result if the document is previewed. Same-tick changes coalesce. */
  schedule(uri: string): void {
    if (!this.previewed.has(uri) || this.scheduled.has(uri)) return;
    this.scheduled.add(uri);
    setImmediate(() => {
      this.scheduled.delete(uri);
      void this.push(uri);
    });
  }

  /** Settings changed (strict, files-dir, pretty): every preview may read differently. */
  scheduleAll(): void {
    for (const uri of this.previewed) this.schedule(uri);
  }

  private async push(uri: string): Promise<void> {
    try {
      if (!this.ctx.documents.get(uri)) return;
      const result = await this.current(uri, undefined);
      // Superseded while analysed: the newer version's push is already scheduled.
      if (!this.previewed.has(uri) || result.version !== this.ctx.documents.get(uri)?.version) return;
      await this.ctx.connection.sendNotification(PREVIEW_CHANGED_NOTIFICATION, result);
    } catch (err) {
      this.ctx.log.error(`preview of ${uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  /** The result for the document's live version. */
  private async current(uri: string, pretty: boolean | undefined): Promise<TranspileResult> {
    const notOpen = (): TranspileResult => unavailable(uri, null, 'The document is not open in the Kindling language server.');
    const document = this.ctx.documents.get(uri);
    if (!document) return notOpen();
    const dialect = await this.ctx.documents.configDialect(document);
    if (dialect === 'k3os') return unavailable(uri, document.version, 'A k3OS config.yaml is read by k3OS itself; there is no Ignition config to produce.');
    if (dialect === 'ignition') return unavailable(uri, document.version, 'This is already an Ignition config; Kindling checks it but has nothing to translate.');
    if (!dialect) {
      return unavailable(uri, document.version, 'Not a Butane config or Container Linux Config: a Butane config needs a top-level `variant:` and `version:`.');
    }
    const analysed = await this.ctx.documents.currentAnalysed(uri);
    if (analysed) return this.translated(analysed, pretty ?? analysed.settings.pretty);
    return this.ctx.documents.get(uri) ? unavailable(uri, null, 'The document kept changing while it was translated; try again.') : notOpen();
  }

  /** Translates once per analysis and layout; the preview push and a later request share it. */
  private translated(analysed: AnalysedDocument, pretty: boolean): TranspileResult {
    const key = `${analysed.uri}\n${pretty ? 'pretty' : 'compact'}`;
    const cached = this.results.get(key);
    if (cached?.analysed === analysed) return cached.result;

    const { strict } = analysed.settings;
    const { translation, blocking } = transpile(analysed.analysis, { ...translateOptions(analysed.settings), pretty });
    const base = { uri: analysed.uri, version: analysed.version, strict };
    let result: TranspileResult;
    if (translation) {
      const { output, format, ignitionVersion } = translation;
      const warnings = analysed.analysis.diagnostics.filter((d) => d.severity === 'warning');
      result = { ...base, ok: true, output, format, ignitionVersion, problems: warnings.map((d) => toProblem(analysed.lines, d)) };
      this.lastGood.set(key, { output, format, version: analysed.version });
    } else {
      // Like Butane, no output; an empty `blocking` means the spec itself is unknown.
      const problems = blocking.length > 0
        ? blocking.map((d) => toProblem(analysed.lines, d))
        : [{ line: 0, character: 0, severity: 'error' as const, message: 'No Ignition output: the variant or version is not one Butane translates.' }];
      result = { ...base, ok: false, stale: this.lastGood.get(key), problems };
    }
    this.results.set(key, { analysed, result });
    return result;
  }

  private forget(uri: string): void {
    for (const layout of ['pretty', 'compact']) {
      this.lastGood.delete(`${uri}\n${layout}`);
      this.results.delete(`${uri}\n${layout}`);
    }
  }
}
