// Fedora CoreOS (fcos): 1.0.0 is the full base tree (base-tree.ts); every later version
// is the previous one plus the shared base patch of its Butane base package and the
// fcos-only sugar (boot_device, grub).

import { Patch, add, edit, enumAdd } from "./patch";
import { SchemaNode, bool, int, obj, oneOfValues, req, str, strList, sugar, list } from "./nodes";
import { base02, base03, base04, base05, base06, base07, base08 } from "./base-patches";
import { CLEAN_ABS_PATH, NON_EMPTY, tangList } from "./shapes";
import { VariantInfo, VersionSpec } from "./spec";

export const FCOS: VariantInfo = {
  variant: "fcos",
  osName: "Fedora CoreOS",
  note: "",
};

const LAYOUTS_1_3: Array<[string, string]> = [
  ["aarch64", "64-bit ARM disk layout"],
  ["ppc64le", "64-bit little-endian POWER disk layout"],
  ["x86_64", "x86-64 disk layout (the default)"],
];

function bootDevice(): SchemaNode {
  return sugar(
    obj(
      "Encrypts and/or mirrors the boot disk. Butane expands it into storage.disks, raid, luks and filesystems entries " +
        "for the root (and boot/EFI) partitions of the chosen layout. Set at least one of luks or mirror. Butane-only: " +
        "never appears in the Ignition output.",
      {
        layout: str("Disk layout of the OS image being installed. Default x86_64.", { default: "x86_64", ...oneOfValues(LAYOUTS_1_3) }),
        luks: obj("Encrypts the root filesystem with LUKS, unlocked automatically through Tang servers and/or the TPM2 chip.", {
          tang: tangList("Tang servers the root volume key is bound to."),
          tpm2: bool("Whether to bind the root volume key to the TPM2 chip."),
          threshold: int("How many of the configured Tang servers / TPM2 must be available to unlock the root volume. Default 1.", { default: 1 }),
        }),
        mirror: obj("Mirrors the boot disk (RAID1 of every boot-related partition) for fault tolerance.", {
          devices: strList(
            "Whole disks (not partitions) that form the mirror, by absolute path. At least two are needed; they are wiped. Set layout too: Butane warns when it is missing.",
            "Absolute path of one whole disk, e.g. /dev/vda.",
            CLEAN_ABS_PATH,
          ),
        }),
      },
    ),
  );
}

function grub(): SchemaNode {
  return sugar(
    obj(
      "GRUB bootloader settings. Butane writes them to /boot/grub2/user.cfg (and mounts the boot filesystem for that). " +
        "Butane-only: never appears in the Ignition output.",
      {
        users: list(
          "GRUB superusers; once one is defined, editing boot entries or opening the GRUB shell asks for a password.",
          obj("One GRUB superuser.", {
            name: req(str("User name to log into GRUB with.", NON_EMPTY)),
            password_hash: req(str("PBKDF2 password hash as printed by grub2-mkpasswd-pbkdf2 (starts with grub.pbkdf2.sha512.).", NON_EMPTY)),
          }),
        ),
      },
    ),
  );
}

const fcos13: Patch = [add("boot_device", bootDevice(), { after: "passwd" })];

const fcos15: Patch = [
  add(
    "boot_device.luks.discard",
    bool("Whether discard (TRIM) requests are passed through the encrypted root volume; better SSD behaviour but reveals which blocks are used. Default false.", { default: false }),
  ),
  add("grub", grub()),
];

const fcos16: Patch = [
  add(
    "boot_device.luks.device",
    str("Whole disk (not a partition) holding the root filesystem, by absolute path. Required for the s390x-eckd layout (/dev/dasd<letter>) and s390x-zfcp layout (/dev/sd<letter>)."),
    { before: "tang" },
  ),
  add(
    "boot_device.luks.cex",
    obj("IBM Crypto Express (CEX) protection of the root volume key; s390x layouts only and not together with tang or tpm2.", {
      enabled: bool("Whether the root volume key is protected by a CEX secure key. Default false.", { default: false }),
    }),
  ),
  enumAdd("boot_device.layout", "s390x-eckd", "IBM Z with an ECKD DASD disk (needs luks.device /dev/dasd<letter>, no mirror)", "x86_64"),
  enumAdd("boot_device.layout", "s390x-virt", "IBM Z virtual machine with a virtio disk (no mirror)", "x86_64"),
  enumAdd("boot_device.layout", "s390x-zfcp", "IBM Z with a zFCP SCSI disk (needs luks.device /dev/sd<letter>, no mirror)", "x86_64"),
  edit("storage.filesystems[].with_mount_unit", {
    description:
      "When true, Butane also generates an enabled systemd unit: a .mount unit mounting the filesystem at path on every " +
      "boot (path must then be under /etc or /var), or a .swap unit for format swap; requires format, and path unless the " +
      "format is swap. Butane-only: never appears in the Ignition output. Default false.",
  }),
];

const fcos17: Patch = [
  edit("boot_device.mirror.devices", {
    description:
      "Whole disks (not partitions) that form the mirror, by absolute path. At least two are needed; they are wiped. Requires layout to be set (an error otherwise).",
  }),
  edit("boot_device.luks", {
    description:
      "Encrypts the root filesystem with LUKS, unlocked automatically through Tang servers, the TPM2 chip or a CEX card; when device is set at least one of them is required.",
  }),
];

/** Patches turning fcos version N-1 into version N; reused by openshift, whose specs embed fcos. */
export const FCOS_PATCHES: Record<string, Patch> = {
  "1.1.0": base02,
  "1.2.0": base03,
  "1.3.0": fcos13,
  "1.4.0": base04,
  "1.5.0": [...base05, ...fcos15],
  "1.6.0": [...base06, ...fcos16],
  "1.7.0": [...base07, ...fcos17],
  "1.8.0-experimental": base08,
};

const IGNITION: Record<string, string> = {
  "1.0.0": "3.0.0",
  "1.1.0": "3.1.0",
  "1.2.0": "3.2.0",
  "1.3.0": "3.2.0",
  "1.4.0": "3.3.0",
  "1.5.0": "3.4.0",
  "1.6.0": "3.5.0",
  "1.7.0": "3.6.0",
  "1.8.0-experimental": "3.7.0-experimental",
};

export const FCOS_SPECS: VersionSpec[] = Object.keys(IGNITION).map((version, i, all) => ({
  variant: "fcos",
  version,
  ignitionVersion: IGNITION[version],
  experimental: version.endsWith("-experimental"),
  parent: i === 0 ? null : { variant: "fcos", version: all[i - 1] },
  patch: i === 0 ? [] : FCOS_PATCHES[version],
}));
