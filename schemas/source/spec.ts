// One Butane variant/version: where it comes from and how it differs from there.

import { Patch } from "./patch";

export interface SpecRef {
  variant: string;
  version: string;
}

export interface VersionSpec {
  variant: string;
  version: string;
  /** Ignition spec version Butane v0.29.0 emits for this Butane spec. */
  ignitionVersion: string;
  experimental: boolean;
  /** The version this one is derived from; null only for fcos 1.0.0 (the full base tree). */
  parent: SpecRef | null;
  /** Operations turning the parent's tree into this version's tree. */
  patch: Patch;
}

export interface VariantInfo {
  variant: string;
  /** Human name used in titles and descriptions. */
  osName: string;
  /** Sentence(s) appended to the root description of every version of the variant. */
  note: string;
}
