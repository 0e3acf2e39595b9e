// OpenShift (openshift): each spec embeds an fcos spec (4.8–4.13: fcos 1.3, 4.14–4.18:
// fcos 1.5, 4.19–4.22: fcos 1.6, 4.23-exp: fcos 1.8-exp), adds the MachineConfig
// metadata/openshift sections and rejects what the Machine Config Operator cannot handle.
// When the embedded fcos spec moves on, the fcos patches in between are replayed.

import { Patch, add, edit, enumRemove, supported, unsupported } from "./patch";
import { SchemaNode, bool, obj, oneOfValues, pat, req, str, strList, sugar } from "./nodes";
import { WITH_MOUNT_UNIT_3_3 } from "./base-patches";
import { NON_EMPTY } from "./shapes";
import { FCOS_PATCHES } from "./fcos";
import { VariantInfo, VersionSpec } from "./spec";

export const OPENSHIFT: VariantInfo = {
  variant: "openshift",
  osName: "Red Hat Enterprise Linux CoreOS nodes of OpenShift",
  note:
    " By default the result is wrapped in a MachineConfig resource (YAML); with -r/--raw plain Ignition JSON is produced" +
    " and the metadata and openshift sections are ignored with a warning.",
};

const ROLE_LABEL = "machineconfiguration.openshift.io/role";

function metadata(): SchemaNode {
  return sugar(
    obj(
      "Metadata of the generated MachineConfig resource. Required, even with --raw where it is otherwise ignored. " +
        "Butane-only: not part of the Ignition config.",
      {
        name: req(str("Name of the MachineConfig resource; must be unique in the cluster, e.g. 99-worker-custom.", NON_EMPTY)),
        labels: req(
          obj(
            `Kubernetes labels of the MachineConfig resource. The ${ROLE_LABEL} label is required.`,
            {
              [ROLE_LABEL]: req(str("Machine config pool the config applies to, e.g. worker or master. Must not be empty.", NON_EMPTY)),
            },
            { additionalProperties: str("Value of another Kubernetes label of the MachineConfig.") },
          ),
        ),
      },
      { _noIgn: true },
    ),
  );
}

const KERNEL_TYPES: Array<[string, string]> = [
  ["default", "the standard RHCOS kernel"],
  ["realtime", "the real-time kernel"],
  ["", "empty: same as default"],
];

const FIPS_UP_TO_4_19 =
  "Whether to enable FIPS 140-2 mode on the node. LUKS volumes without an explicit cipher option additionally get " +
  "--cipher aes-cbc-essiv:sha256. Default false.";

function openshiftSection(): SchemaNode {
  return sugar(
    obj(
      "Node settings carried in the MachineConfig spec (not in the Ignition config). Ignored with a warning when " +
        "rendering with --raw. Butane-only: not part of the Ignition config.",
      {
        kernel_type: str("Kernel to run on the node.", oneOfValues(KERNEL_TYPES)),
        kernel_arguments: strList("Extra kernel arguments for the node, applied by the Machine Config Operator.", "One kernel argument, e.g. nosmt."),
        extensions: strList("RHCOS extensions to install on the node.", "Extension name, e.g. usbguard."),
        fips: bool(FIPS_UP_TO_4_19, { default: false }),
      },
      { _noIgn: true },
    ),
  );
}

const USER_FIELD_ERROR =
  'fields other than "name", "ssh_authorized_keys", and "password_hash" (4.13.0+) are not supported in this spec version';

const RESTRICTED_USER_FIELDS = [
  "password_hash", "uid", "gecos", "home_dir", "no_create_home", "primary_group", "groups", "no_user_group",
  "no_log_init", "shell", "should_exist", "system",
];

const FILE_MODE_NO_SPECIAL =
  "Permission bits as a number (write it in octal with a leading 0, e.g. 0644). setuid, setgid and sticky bits are " +
  "rejected by this variant (at most 0777). Default 0644 (420), or the existing file's mode when the file is kept.";

const openshift48: Patch = [
  add("metadata", req(metadata()), { after: "version" }),
  add("openshift", openshiftSection()),
  // Machine Config Operator restrictions (Butane field filters and support checks)
  edit("passwd.users[]", { description: "One user account. Only the core user can be configured." }),
  edit("passwd.users[].name", {
    _req: true,
    description: "Login name of the account; must be core.",
    ...oneOfValues([["core", "the default RHCOS user, the only one OpenShift can configure"]]),
  }),
  ...RESTRICTED_USER_FIELDS.map((f) => unsupported(`passwd.users[].${f}`, USER_FIELD_ERROR)),
  unsupported("passwd.groups", "groups are not supported in this spec version"),
  unsupported("storage.directories", "directories are not supported in this spec version"),
  unsupported("storage.links", "links are not supported in this spec version"),
  unsupported("storage.files[].append", "appending to files is not supported in this spec version"),
  unsupported("storage.files[].contents.http_headers", "file HTTP headers are not supported in this spec version"),
  unsupported("storage.files[].contents.compression", "file compression is not supported in this spec version"),
  // the file contents are a shape of their own from now on, so resource-wide patches skip them
  edit("storage.files[].contents", { _shape: "openshiftFileContents" }),
  edit("storage.files[].contents.source", {
    description:
      "A data: URL holding the file's contents; OpenShift does not fetch remote file contents. Usually inline or local " +
      "is simpler. Mutually exclusive with inline and local.",
    ...pat("^[Dd][Aa][Tt][Aa]:", "a data: URL such as data:,hello (OpenShift only accepts file contents embedded in the config)"),
  }),
  enumRemove("storage.filesystems[].format", "btrfs"),
];

const openshift410: Patch = [
  supported("storage.files[].contents.compression"),
  edit("storage.files[].mode", { maximum: 0o777, description: FILE_MODE_NO_SPECIAL }),
];

const openshift413: Patch = [supported("passwd.users[].password_hash")];

const openshift414: Patch = [
  ...FCOS_PATCHES["1.4.0"],
  ...FCOS_PATCHES["1.5.0"],
  unsupported("kernel_arguments", "this section cannot be used for kernel arguments in this spec version; use openshift.kernel_arguments instead"),
  unsupported("grub", "appending to files is not supported in this spec version"),
  enumRemove("storage.filesystems[].format", "none"),
];

const openshift419: Patch = [
  ...FCOS_PATCHES["1.6.0"],
  // the /etc-or-/var mount point rule lives in fcos's top-level validation, which openshift replaces
  edit("storage.filesystems[].with_mount_unit", { description: WITH_MOUNT_UNIT_3_3 }),
  edit("storage.luks[].cex", {
    description:
      "IBM Crypto Express (CEX) card protection of the volume key (s390x only); cannot be combined with clevis or key_file. " +
      "For a volume named root, OpenShift also requires rd.luks.key=/etc/luks/cex.key in openshift.kernel_arguments.",
  }),
  edit("boot_device.luks.cex", {
    description:
      "IBM Crypto Express (CEX) protection of the root volume key; s390x layouts only and not together with tang or tpm2. " +
      "OpenShift also requires rd.luks.key=/etc/luks/cex.key in openshift.kernel_arguments.",
  }),
];

const openshift420: Patch = [
  edit("openshift.fips", { description: "Whether to enable FIPS 140-2 mode on the node. LUKS cipher options are left as configured. Default false." }),
];

const openshift423: Patch = [
  ...FCOS_PATCHES["1.7.0"],
  ...FCOS_PATCHES["1.8.0-experimental"],
  edit("storage.filesystems[].with_mount_unit", { description: WITH_MOUNT_UNIT_3_3 }),
  edit("storage.files[].mode", { description: FILE_MODE_NO_SPECIAL }),
  // Butane rewrites the generated GRUB user file from append to contents for this spec
  supported("grub"),
];

const VERSIONS: Array<[string, string, Patch]> = [
  ["4.8.0", "3.2.0", openshift48],
  ["4.9.0", "3.2.0", []],
  ["4.10.0", "3.2.0", openshift410],
  ["4.11.0", "3.2.0", []],
  ["4.12.0", "3.2.0", []],
  ["4.13.0", "3.2.0", openshift413],
  ["4.14.0", "3.4.0", openshift414],
  ["4.15.0", "3.4.0", []],
  ["4.16.0", "3.4.0", []],
  ["4.17.0", "3.4.0", []],
  ["4.18.0", "3.4.0", []],
  ["4.19.0", "3.5.0", openshift419],
  ["4.20.0", "3.5.0", openshift420],
  ["4.21.0", "3.5.0", []],
  ["4.22.0", "3.5.0", []],
  ["4.23.0-experimental", "3.7.0-experimental", openshift423],
];

export const OPENSHIFT_SPECS: VersionSpec[] = VERSIONS.map(([version, ignitionVersion, patch], i) => ({
  variant: "openshift",
  version,
  ignitionVersion,
  experimental: version.endsWith("-experimental"),
  parent: i === 0 ? { variant: "fcos", version: "1.3.0" } : { variant: "openshift", version: VERSIONS[i - 1][0] },
  patch,
}));
