/**
 * Kindling's own LSP messages, beyond the standard ones. Shared by the server and the VS Code
 * client; it imports only types, so bundling it into the client pulls in no server code.
 */
import type { IsoTarget } from '../../engine/iso/payload';
import type { BootOs } from '../../engine/qemu/bootPlan';

/** Request `kindling/transpile`: the Ignition output of a document's current version. */
export const TRANSPILE_REQUEST = 'kindling/transpile';

export interface TranspileParams {
  uri: string;
  /** Indented output (`butane --pretty`); omitted = the resource's `kindling.pretty` setting. */
  pretty?: boolean;
}

/**
 * Notification `kindling/setPreviewed` (client → server): the documents that have a preview
 * open, replacing the previous set. Only these are translated on every change.
 */
export const SET_PREVIEWED_NOTIFICATION = 'kindling/setPreviewed';

export interface SetPreviewedParams {
  uris: string[];
}

/**
 * Notification `kindling/previewChanged` (server → client): a previewed document was analysed
 * again; carries the whole result so the preview needs no second round trip.
 */
export const PREVIEW_CHANGED_NOTIFICATION = 'kindling/previewChanged';

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

/** A diagnostic as the preview and the transpile command show it; line and character are 0-based. */
export interface TranspileProblem {
  line: number;
  character: number;
  severity: ProblemSeverity;
  message: string;
  code?: string;
}

export type OutputFormat = 'json' | 'yaml';

export interface StaleOutput {
  /** The last output that translated, and the document version it came from. */
  output: string;
  version: number;
  format: OutputFormat;
}

export interface TranspileResult {
  uri: string;
  /** The document version translated; null when the server does not have the document open. */
  version: number | null;
  /** Whether there is output for this version. */
  ok: boolean;
  /** Exactly what `butane` prints on stdout (present when ok). */
  output?: string;
  format?: OutputFormat;
  ignitionVersion?: string;
  /** When not ok: the last good output of this document, if there was one. */
  stale?: StaleOutput;
  /** When not ok, why (errors, or warnings under strict); when ok, the warnings Butane prints. */
  problems: TranspileProblem[];
  /** Warnings block the output (`kindling.strict`). */
  strict: boolean;
}

/** Request `kindling/migrate`: a Container Linux Config's current version as Butane. */
export const MIGRATE_REQUEST = 'kindling/migrate';

export interface MigrateParams {
  uri: string;
}

export interface MigrateResult {
  uri: string;
  ok: boolean;
  /** The Butane config (`variant: flatcar`, `version: 1.1.0`) when ok. */
  butane?: string;
  /** What was not carried over as is; also written as comments in `butane`. */
  notes: string[];
  /** Why it was refused (ct's errors), when not ok. */
  problems: TranspileProblem[];
}

/** Request `kindling/kernelCommandLine`: a k3OS config's current version as kernel command line words. */
export const KERNEL_COMMAND_LINE_REQUEST = 'kindling/kernelCommandLine';

export interface KernelCommandLineParams {
  uri: string;
}

export interface KernelCommandLineResult {
  uri: string;
  ok: boolean;
  /** The words joined by spaces, when ok. */
  line?: string;
  words?: string[];
  /** What was left out or changed on the way (severity `warning`), when ok. */
  warnings: TranspileProblem[];
  /** Why it was refused (the config's errors, or one problem saying why), when not ok. */
  problems: TranspileProblem[];
}

/**
 * Request `kindling/isoPayload`: what "Build ISO" puts into an ISO for a document's current
 * version — Ignition JSON for a Fedora CoreOS live ISO (Butane transpiled first), or a k3OS
 * config as written — or why it cannot (errors, a Flatcar config).
 */
export const ISO_PAYLOAD_REQUEST = 'kindling/isoPayload';

export interface IsoPayloadParams {
  uri: string;
}

export interface IsoPayloadResult {
  uri: string;
  ok: boolean;
  /** The OS whose ISO takes this config (when ok). */
  target?: IsoTarget;
  /** The bytes to embed, as text (when ok). */
  content?: string;
  /** When not ok: why, in one sentence, and the problems behind it. */
  reason?: string;
  problems: TranspileProblem[];
}

/**
 * Request `kindling/bootPayload`: what "Boot in QEMU" hands the node for a document's current
 * version — Ignition JSON (Butane and Container Linux Configs transpiled) with the OS it is
 * for, or a k3OS config as written — or why it cannot (the config's errors).
 */
export const BOOT_PAYLOAD_REQUEST = 'kindling/bootPayload';

export type BootPayloadParams = IsoPayloadParams;

export interface BootPayloadResult {
  uri: string;
  ok: boolean;
  kind?: 'ignition' | 'k3os';
  /** For Ignition: the OS the config is for, when it tells (Butane variant, spec 2.x, Flatcar paths). */
  os?: BootOs;
  content?: string;
  reason?: string;
  problems: TranspileProblem[];
}
