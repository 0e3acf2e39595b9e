/**
 * Open documents (incremental sync) and their analyses. Each document version is analysed
 * once and the result is shared by diagnostics, completion, hover and the outline; the
 * latest analysis that knew its spec is kept so completion still works mid-typing.
 */
import { performance } from 'perf_hooks';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'url';
import { analyze, analyzeAfterEdit, Analysis, AnalyzeOptions, detectDialect, Dialect, LineIndex, resolveConfigSource, resolveIgnitionOs, TranspileOptions } from '../../engine/index';
import { singleChange } from '../../engine/text/diff';
import { nodeFileSystem } from '../../engine/host/files';
import type { ServiceDocument } from '../../engine/service/index';
import type { DocumentSettings, SettingsStore } from './settings';

export interface AnalysedDocument {
  uri: string;
  version: number;
  /** The exact text analysed: positions are converted against it, not the live document. */
  text: string;
  lines: LineIndex;
  analysis: Analysis;
  /** What the language service needs: text, analysis and the last analysis that knew its spec. */
  service: ServiceDocument;
  settings: DocumentSettings;
  elapsedMs: number;
}

/** How often a document that changed while it was being analysed is analysed again. */
const MAX_SUPERSEDED = 10;

/** The dialects this server analyses; other documents (plain YAML, JSON) are left alone. */
const SERVED: readonly Dialect[] = ['butane', 'clc', 'k3os', 'ignition'];

/** The path used to match file names and association globs (URI path for non-file schemes). */
function documentPath(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/** How the document's settings shape its output: its files-dir (only documents on disk have one) and strict. */
export function translateOptions(settings: DocumentSettings): TranspileOptions {
  return { filesDir: settings.filesDirPath, fs: settings.filesDirPath ? nodeFileSystem : undefined, strict: settings.strict };
}

export class DocumentStore {
  readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, { version: number; result: Promise<AnalysedDocument> }>();
  private readonly lastGood = new Map<string, Analysis>();
  /** The newest analysis per document and its text: the base for analysing the next edit incrementally. */
  private readonly newest = new Map<string, { text: string; filesDir: string | undefined; analysis: Analysis }>();

  constructor(private readonly settings: SettingsStore) {
    this.documents.onDidClose((e) => this.forget(e.document.uri));
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return this.documents.all();
  }

  /** The dialect Kindling serves this document as (modeline, associations, language, name, content), if any. */
  async configDialect(document: TextDocument): Promise<Dialect | undefined> {
    const settings = await this.settings.forDocument(document.uri);
    return this.dialectWith(document.uri, document.languageId, document.getText(), settings);
  }

  private dialectWith(uri: string, languageId: string | undefined, text: string, settings: DocumentSettings): Dialect | undefined {
    const dialect = detectDialect(documentPath(uri), text, { languageId, associations: settings.associations });
    return dialect && SERVED.includes(dialect) ? dialect : undefined;
  }

  /** The analysis of the document's current version, computed at most once per version. */
  analysed(document: TextDocument): Promise<AnalysedDocument> {
    const cached = this.analyses.get(document.uri);
    if (cached && cached.version === document.version) return cached.result;
    // Capture now: the TextDocument object is updated in place by later changes.
    const { uri, version, languageId } = document;
    const text = document.getText();
    const result = this.settings.forDocument(uri).then((settings) => this.run(uri, version, text, settings, this.dialectWith(uri, languageId, text, settings) ?? 'butane'));
    this.analyses.set(uri, { version, result });
    result.catch(() => {
      // A failed analysis must not be served again from the cache.
      if (this.analyses.get(uri)?.result === result) this.analyses.delete(uri);
    });
    return result;
  }

  /**
   * The analysis of the document's live version, for answers read from its syntax tree: analysing
   * the next edit patches that tree in place, so an analysis an edit overtook is not read but
   * made again. Undefined when the document is closed or kept changing.
   */
  async currentAnalysed(uri: string): Promise<AnalysedDocument | undefined> {
    for (let attempt = 0; attempt < MAX_SUPERSEDED; attempt++) {
      const document = this.get(uri);
      if (!document) return undefined;
      const analysed = await this.analysed(document);
      if (this.get(uri)?.version === analysed.version) return analysed;
    }
    return undefined;
  }

  /** Settings changed: every analysis may depend on them (files-dir). */
  invalidate(): void {
    this.analyses.clear();
    this.newest.clear();
  }

  private forget(uri: string): void {
    this.analyses.delete(uri);
    this.lastGood.delete(uri);
    this.newest.delete(uri);
    this.settings.forget(uri);
  }

  private run(uri: string, version: number, text: string, settings: DocumentSettings, dialect: Dialect): AnalysedDocument {
    const started = performance.now();
    const options: AnalyzeOptions = {
      dialect,
      platform: settings.clcPlatform,
      k3osSource: dialect === 'k3os' ? resolveConfigSource(documentPath(uri), text, settings.k3osSource) : undefined,
      rules: settings.rules,
      ignitionOs: dialect === 'ignition' ? resolveIgnitionOs(documentPath(uri), settings.ignitionOs) : undefined,
      filesDir: settings.filesDirPath,
      // Only documents on disk get file-system checks; untitled and virtual ones have no folder.
      fs: settings.filesDirPath ? nodeFileSystem : undefined,
    };
    // Typing usually changes one value: reuse the previous parse then (it is patched in place,
    // so only the newest analysis may serve as the base, and only once).
    const base = this.newest.get(uri);
    const analysis =
      base && base.filesDir === settings.filesDirPath && base.analysis.dialect === dialect && base.analysis.k3os?.source === options.k3osSource
        ? analyzeAfterEdit(base.analysis, base.text, singleChange(base.text, text), text, options)
        : analyze(text, options);
    if (this.documents.get(uri)) this.newest.set(uri, { text, filesDir: settings.filesDirPath, analysis });
    const elapsedMs = performance.now() - started;
    const previous = this.lastGood.get(uri);
    if ((analysis.butane?.spec || analysis.clc || analysis.k3os) && this.documents.get(uri)) this.lastGood.set(uri, analysis);
    return {
      uri,
      version,
      text,
      lines: new LineIndex(text),
      analysis,
      service: { text, analysis, lastGood: previous },
      settings,
      elapsedMs,
    };
  }
}
