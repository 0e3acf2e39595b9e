/** `kindling/migrate`: a Container Linux Config's current text as Butane, for "Migrate to Butane". */
import { migrate } from '../../../engine/index';
import type { MigrateParams, MigrateResult } from '../protocol';
import type { ServerContext } from '../serverContext';

function refused(uri: string, message: string): MigrateResult {
  return { uri, ok: false, notes: [], problems: [{ line: 0, character: 0, severity: 'error', message }] };
}

/** The answer when migrating failed unexpectedly (the handler's bug is logged). */
export const MIGRATE_FAILED = refused('', 'Internal error while migrating; see the Kindling output.');

export async function onMigrate(ctx: ServerContext, params: MigrateParams): Promise<MigrateResult> {
  const document = ctx.documents.get(params.uri);
  if (!document) return refused(params.uri, 'The document is not open in the Kindling language server.');
  if ((await ctx.documents.configDialect(document)) !== 'clc') return refused(params.uri, 'Not a Container Linux Config.');
  const analysed = await ctx.documents.analysed(document);
  const result = migrate(analysed.analysis, analysed.settings.clcPlatform);
  if (!result.ok) {
    const problems = result.errors.map((d) => ({ ...analysed.lines.position(d.range.start), severity: d.severity, message: d.message, code: d.code }));
    return { uri: params.uri, ok: false, notes: [], problems };
  }
  return { uri: params.uri, ok: true, butane: result.butane, notes: result.notes.map((n) => n.message), problems: [] };
}
