/** `kindling/isoPayload`: the config bytes "Build ISO" embeds, from the document as it is in the editor. */
import { nodeFileSystem } from '../../../engine/host/files';
import { isoPayload } from '../../../engine/iso/payload';
import type { IsoPayloadParams, IsoPayloadResult } from '../protocol';
import type { ServerContext } from '../serverContext';

function refused(uri: string, reason: string): IsoPayloadResult {
  return { uri, ok: false, reason, problems: [] };
}

/** The answer when the handler failed unexpectedly (its bug is logged). */
export const ISO_PAYLOAD_FAILED = refused('', 'internal error while preparing the config; see the Kindling output');

export async function onIsoPayload(ctx: ServerContext, params: IsoPayloadParams): Promise<IsoPayloadResult> {
  const document = ctx.documents.get(params.uri);
  if (!document) return refused(params.uri, 'the document is not open in the Kindling language server');
  if (!(await ctx.documents.configDialect(document))) return refused(params.uri, 'not a Butane, Ignition or k3OS config');
  const analysed = await ctx.documents.analysed(document);
  const { strict, filesDirPath } = analysed.settings;
  const payload = isoPayload(analysed.analysis, analysed.text, { filesDir: filesDirPath, fs: filesDirPath ? nodeFileSystem : undefined, strict });
  if (!payload.ok) {
    const problems = payload.problems.map((d) => ({ ...analysed.lines.position(d.range.start), severity: d.severity, message: d.message, code: d.code }));
    return { uri: params.uri, ok: false, reason: payload.reason, problems };
  }
  return { uri: params.uri, ok: true, target: payload.target, content: payload.content, ignitionVersion: payload.ignitionVersion, problems: [] };
}
