import type { ButaneSpec } from '../registry';
import type { FileSystemAccess } from '../../host/files';
import type { Layout } from '../../ignition/layout';
import type { IgnitionObject } from '../../ignition/marshal';

export type { IgnitionObject };

/** A decoded Butane config: snake_case keys, go-yaml typing, null/absent keys undefined. */
export type ButaneConfig = Record<string, unknown>;

export interface TranslateOptions {
  /** Absolute files directory (Butane's -d); undefined when not given. */
  filesDir?: string;
  fs?: FileSystemAccess;
  /** Emit the Ignition config itself instead of an OpenShift MachineConfig (Butane's --raw). */
  raw?: boolean;
  /** Indented output (Butane's --pretty). */
  pretty?: boolean;
}

/** What every translation step sees. */
export interface TranslationContext {
  spec: ButaneSpec;
  /** Layout of the Ignition version the spec emits. */
  layout: Layout;
  config: ButaneConfig;
  options: TranslateOptions;
  /** Whether inline/local contents may be gzipped (not for OpenShift 4.8/4.9). */
  autoCompress: boolean;
}
