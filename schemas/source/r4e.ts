// RHEL for Edge (r4e). It uses the shared base packages without
// boot_device/grub and rejects every storage-device and kernel-argument section.

import { Patch, remove, unsupported } from "./patch";
import { base05, base06, base07, base08 } from "./base-patches";
import { VariantInfo, VersionSpec } from "./spec";

export const R4E: VariantInfo = {
  variant: "r4e",
  osName: "RHEL for Edge",
  note: " Disk, RAID, filesystem, LUKS and kernel-argument customization is rejected by this variant.",
};

/** Sections r4e and fiot reject with an error (Butane field filters). */
const edgeRestrictions: Patch = [
  unsupported("kernel_arguments", "kernel argument customization is not supported in this spec version"),
  unsupported("storage.disks", "disk customization is not supported in this spec version"),
  unsupported("storage.filesystems", "filesystem customization is not supported in this spec version"),
  unsupported("storage.luks", "luks is not supported in this spec version"),
  unsupported("storage.raid", "raid is not supported in this spec version"),
];

export const EXPERIMENTAL_BASE: Patch = [...base06, ...base07, ...base08];

export const R4E_SPECS: VersionSpec[] = [
  {
    variant: "r4e",
    version: "1.0.0",
    ignitionVersion: "3.3.0",
    experimental: false,
    parent: { variant: "fcos", version: "1.4.0" },
    patch: [remove("boot_device"), ...edgeRestrictions],
  },
  {
    variant: "r4e",
    version: "1.1.0",
    ignitionVersion: "3.4.0",
    experimental: false,
    parent: { variant: "r4e", version: "1.0.0" },
    patch: base05,
  },
  {
    variant: "r4e",
    version: "1.2.0-experimental",
    ignitionVersion: "3.7.0-experimental",
    experimental: true,
    parent: { variant: "r4e", version: "1.1.0" },
    patch: EXPERIMENTAL_BASE,
  },
];
