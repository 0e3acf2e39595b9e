// Fedora IoT (fiot): same base packages and restrictions as r4e.

import { EXPERIMENTAL_BASE } from "./r4e";
import { VariantInfo, VersionSpec } from "./spec";

export const FIOT: VariantInfo = {
  variant: "fiot",
  osName: "Fedora IoT",
  note: " Disk, RAID, filesystem, LUKS and kernel-argument customization is rejected by this variant.",
};

// fiot 1.0.0 has exactly the key set and restrictions of r4e 1.1.0 (same base v0_5).
export const FIOT_SPECS: VersionSpec[] = [
  {
    variant: "fiot",
    version: "1.0.0",
    ignitionVersion: "3.4.0",
    experimental: false,
    parent: { variant: "r4e", version: "1.1.0" },
    patch: [],
  },
  {
    variant: "fiot",
    version: "1.1.0-experimental",
    ignitionVersion: "3.7.0-experimental",
    experimental: true,
    parent: { variant: "fiot", version: "1.0.0" },
    patch: EXPERIMENTAL_BASE,
  },
];
