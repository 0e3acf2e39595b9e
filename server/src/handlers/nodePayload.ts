/**
 * `kindling/isoPayload` and `kindling/bootPayload`: the config bytes "Build ISO" embeds and
 * "Boot in QEMU" hands the node, from the document as it is in the editor.
 */
import { isoPayload } from '../../../engine/iso/payload';
import { configPayload } from '../../../engine/payload';
import { bootOsOf } from '../../../engine/qemu/bootPlan';
import type { Analysis, Diagnostic, TranspileOptions } from '../../../engine/index';
import { translateOptions } from '../documents';
import { toProblem } from '../positions';
import type { BootPayloadResult, IsoPayloadParams, IsoPayloadResult, TranspileProblem } from '../protocol';
import type { ServerContext } from '../serverContext';

function refused(uri: string, reason: string): IsoPayloadResult & BootPayloadResult {
  return { uri, ok: false, reason, problems: [] };
}

/** The answer when a handler failed unexpectedly (its bug is logged). */
export const ISO_PAYLOAD_FAILED = refused('', 'internal error while preparing the config; see the Kindling output');

type Decide<T> = (analysis: Analysis, text: string, options: TranspileOptions, problems: (d: Diagnostic[]) => TranspileProblem[]) => T;

/** Analyses the open document's live version and lets `decide` turn it into an answer. */
async function withAnalysed<T>(ctx: ServerContext, uri: string, decide: Decide<T>): Promise<T | IsoPayloadResult & BootPayloadResult> {
  const notOpen = () => refused(uri, 'the document is not open in the Kindling language server');
  const document = ctx.documents.get(uri);
  if (!document) return notOpen();
  if (!(await ctx.documents.configDialect(document))) return refused(uri, 'not a Butane, Ignition or k3OS config');
  const analysed = await ctx.documents.currentAnalysed(uri);
  if (!analysed) return ctx.documents.get(uri) ? refused(uri, 'the document kept changing while it was read; try again') : notOpen();
  const problems = (diagnostics: Diagnostic[]) => diagnostics.map((d) => toProblem(analysed.lines, d));
  return decide(analysed.analysis, analysed.text, translateOptions(analysed.settings), problems);
}

export function onIsoPayload(ctx: ServerContext, params: IsoPayloadParams): Promise<IsoPayloadResult> {
  return withAnalysed<IsoPayloadResult>(ctx, params.uri, (analysis, text, options, problems) => {
    const payload = isoPayload(analysis, text, options);
    if (!payload.ok) return { uri: params.uri, ok: false, reason: payload.reason, problems: problems(payload.problems) };
    return { uri: params.uri, ok: true, target: payload.target, content: payload.content, problems: [] };
  });
}

export function onBootPayload(ctx: ServerContext, params: IsoPayloadParams): Promise<BootPayloadResult> {
  return withAnalysed<BootPayloadResult>(ctx, params.uri, (analysis, text, options, problems) => {
    const payload = configPayload(analysis, text, options);
    if (!payload.ok) return { uri: params.uri, ok: false, reason: payload.reason, problems: problems(payload.problems) };
    if (payload.kind === 'k3os') return { uri: params.uri, ok: true, kind: 'k3os', content: payload.content, problems: [] };
    return { uri: params.uri, ok: true, kind: 'ignition', os: bootOsOf(payload.os), content: payload.content, problems: [] };
  });
}
