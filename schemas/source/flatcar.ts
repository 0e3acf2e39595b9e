// Flatcar Container Linux (flatcar). 1.0.0 shares base v0_4 / Ignition 3.3.0 with
// fcos 1.4.0 but has no boot_device sugar and rejects Clevis; later versions follow the
// shared base patches.

import { Patch, edit, remove, supported, unsupported } from "./patch";
import { base05, base06, base07, base08 } from "./base-patches";
import { VariantInfo, VersionSpec } from "./spec";

export const FLATCAR: VariantInfo = {
  variant: "flatcar",
  osName: "Flatcar Container Linux",
  note: " Flatcar has no boot_device or grub sugar.",
};

const CLEVIS_ERROR = "clevis is not supported in this spec version";
const CEX_ERROR = "cex is not currently supported on the target platform";

const flatcar10: Patch = [
  remove("boot_device"),
  unsupported("storage.luks[].clevis", CLEVIS_ERROR),
  edit("kernel_arguments", {
    description:
      "Kernel command-line arguments to add or remove. Flatcar records them in the OEM partition's GRUB configuration (/usr/share/oem/grub.cfg).",
  }),
];

const flatcar12: Patch = [
  ...base06,
  ...base07,
  ...base08,
  supported("storage.luks[].clevis"),
  unsupported("storage.luks[].cex", CEX_ERROR),
];

export const FLATCAR_SPECS: VersionSpec[] = [
  {
    variant: "flatcar",
    version: "1.0.0",
    ignitionVersion: "3.3.0",
    experimental: false,
    parent: { variant: "fcos", version: "1.4.0" },
    patch: flatcar10,
  },
  {
    variant: "flatcar",
    version: "1.1.0",
    ignitionVersion: "3.4.0",
    experimental: false,
    parent: { variant: "flatcar", version: "1.0.0" },
    patch: base05,
  },
  {
    variant: "flatcar",
    version: "1.2.0-experimental",
    ignitionVersion: "3.7.0-experimental",
    experimental: true,
    parent: { variant: "flatcar", version: "1.1.0" },
    patch: flatcar12,
  },
];
