/** `kindling/migrate`: a Container Linux Config's current text as Butane, for "Migrate to Butane". */
import { migrate } from '../../../engine/index';
import { toProblem } from '../positions';
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
  // The newest version's analysis: an older one's syntax tree is patched in place by the next edit.
  const analysed = await ctx.documents.currentAnalysed(params.uri);
  if (!analysed) return refused(params.uri, 'The document kept changing while it was migrated; try again.');
  const result = migrate(analysed.analysis, analysed.settings.clcPlatform);
  if (!result.ok) {
    return { uri: params.uri, ok: false, notes: [], problems: result.errors.map((d) => toProblem(analysed.lines, d)) };
  }
  return { uri: params.uri, ok: true, butane: result.butane, notes: result.notes.map((n) => n.message), problems: [] };
}
