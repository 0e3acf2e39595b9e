// Differences between Butane's shared "base" schema packages (v0_1 … v0_8_exp) together
// with the Ignition spec each base emits. Every variant whose versions move from one base
// to the next reuses these patches, so a change is written exactly once.

import { Patch, add, addToShapes, edit, editShapes, enumAdd, required } from "./patch";
import {
  SchemaNode, bool, int, list, obj, oneOfValues, pat, req, sugar, str, strList,
} from "./nodes";
import {
  CLEAN_ABS_PATH, HASH_SHA512_SHA256, HTTP_URL, NON_EMPTY, MODE_RANGE, SCHEMES_3_0, SCHEMES_3_2, SCHEMES_3_4, compressionNode,
  httpHeadersNode, inlineNode, localNode, nodeGroup, nodeUser, resource, sourceNode, tangList, urlExtra,
} from "./shapes";

const RESOURCES = ["resource", "fileResource"];
const CONFIG_REFS = ["ignition.config.merge[]", "ignition.config.replace", "ignition.security.tls.certificate_authorities[]"];
const FILE_REFS = ["storage.files[].contents", "storage.files[].append[]"];

const SHA_BOTH = "sha512 or sha256";

const FORMAT_DESC_3_1 =
  "Filesystem type. Required as soon as path, label, uuid, wipe_filesystem, options or mount_options is set.";

// ---- base v0_2: fcos 1.1.0, Ignition 3.1.0 ----------------------------------------------

function trees(): SchemaNode {
  return sugar(
    list(
      "Local directory trees (under -d/--files-dir) whose files and symlinks Butane embeds into storage.files and " +
        "storage.links. Executable files get mode 0755, others 0644; ownership is not kept. An explicit files entry " +
        "without contents, or links entry without target, for the same path may override attributes. Butane-only: " +
        "never appears in the Ignition output.",
      obj("One local directory tree.", {
        local: req(str("Directory to embed, relative to -d/--files-dir; must be a directory that stays inside it.", NON_EMPTY)),
        path: str("Absolute path on the target system where the tree's root is placed. Default /.", { default: "/" }),
      }),
    ),
  );
}

export const base02: Patch = [
  ...CONFIG_REFS.flatMap((p) => [
    add(`${p}.inline`, inlineNode(), { after: "source" }),
    add(`${p}.local`, localNode(), { after: "inline" }),
    add(`${p}.compression`, compressionNode(), { after: "local" }),
    add(`${p}.http_headers`, httpHeadersNode(), { after: "compression" }),
  ]),
  // certificate bundles may now be given inline or from a local file instead of a URL
  required("ignition.security.tls.certificate_authorities[].source", false),
  edit("ignition.security.tls.certificate_authorities[].source", { ...urlExtra(SCHEMES_3_0, true) }),
  ...FILE_REFS.flatMap((p) => [
    add(`${p}.local`, localNode(), { after: "inline" }),
    add(`${p}.http_headers`, httpHeadersNode(), { after: "compression" }),
  ]),
  editShapes(RESOURCES, "verification.hash", {
    ...HASH_SHA512_SHA256,
    description:
      `Expected digest of the data, written as <function>-<hex digest> with function ${SHA_BOTH}. ` +
      "With compression set it is the digest of the decompressed data. Requires source.",
  }),
  add(
    "ignition.proxy",
    obj("HTTP(S) proxy used while fetching remote resources.", {
      http_proxy: str("Proxy URL (http or https) for http requests, and for https requests unless https_proxy is set.", HTTP_URL),
      https_proxy: str("Proxy URL (http or https) for https requests. A plain http:// proxy here produces a warning.", HTTP_URL),
      no_proxy: strList(
        "Hosts that are fetched without the proxy.",
        "An IP address or prefix (1.2.3.4, 1.2.3.4/8), a domain name (matches it and its subdomains; a leading '.' matches " +
          "subdomains only), optionally with :port, or * to disable proxying entirely.",
      ),
    }),
    { after: "security" },
  ),
  edit("storage.filesystems[].format", { description: FORMAT_DESC_3_1 }),
  add("storage.filesystems[].mount_options", strList("Options passed to mount when Ignition mounts the filesystem (and used in a generated mount unit).", "One mount option."), { after: "options" }),
  add(
    "storage.filesystems[].with_mount_unit",
    sugar(
      bool(
        "When true, Butane also generates an enabled systemd .mount unit so the filesystem is mounted at path on every " +
          "boot; requires format and path. Butane-only: never appears in the Ignition output. Default false.",
        { default: false },
      ),
    ),
    { after: "mount_options" },
  ),
  add("storage.trees", trees()),
];

// ---- base v0_3: fcos 1.2.0/1.3.0, Ignition 3.2.0 -----------------------------------------

export const CLEVIS_PINS: Array<[string, string]> = [
  ["tpm2", "bind to the TPM2 chip"],
  ["tang", "bind to a Tang server"],
  ["sss", "Shamir secret sharing over other pins"],
  ["", "empty: no custom pin (only valid when config is empty too)"],
];

function luks(): SchemaNode {
  const opts = { schemes: SCHEMES_3_2, hash: HASH_SHA512_SHA256, hashWords: SHA_BOTH };
  return list(
    "LUKS encrypted volumes to create. Names must be unique.",
    obj("One LUKS2 volume; it is opened as /dev/mapper/<name> and /dev/disk/by-id/dm-name-<name>.", {
      name: str("Name of the opened volume (the device-mapper name). Must not contain '/'.", pat("^[^/]*$", "a name without '/' characters")),
      device: req(str("Absolute path of the underlying block device, e.g. /dev/disk/by-partlabel/data.", CLEAN_ABS_PATH)),
      key_file: resource(
        "Key material for the volume. When left out, a random key is generated and stored in /etc/luks/<name> on the root filesystem.",
        "resource",
        opts,
      ),
      label: str("LUKS header label. At most 47 characters.", { maxLength: 47 }),
      uuid: str("LUKS header UUID."),
      options: strList("Extra options for cryptsetup luksFormat.", "One cryptsetup option."),
      wipe_volume: bool("Whether to wipe the device and create a new volume; when false an existing volume is reused if it matches."),
      clevis: obj("Automatic unlocking with Clevis (Tang servers and/or TPM2, or a custom pin).", {
        tang: tangList("Tang servers the volume key is bound to."),
        tpm2: bool("Whether to bind the volume key to the TPM2 chip."),
        threshold: int("How many of the configured Tang servers / TPM2 must be reachable to unlock. Default 1.", { default: 1 }),
        custom: obj("A raw Clevis configuration, passed as-is to clevis luks bind; when used, tang, tpm2 and threshold must be left out.", {
          pin: str("Clevis pin to use. Required when custom is used.", oneOfValues(CLEVIS_PINS)),
          config: str("Clevis configuration as a JSON string. Required when custom is used."),
          needs_network: bool("Whether unlocking needs the network (makes the volume wait for networking)."),
        }),
      }),
    }),
  );
}

export const base03: Patch = [
  editShapes(RESOURCES, "source", { ...urlExtra(SCHEMES_3_2, true), description: sourceNode(SCHEMES_3_2).description }),
  add(
    "storage.disks[].partitions[].resize",
    bool("Whether an existing partition that matches except for its size may be resized to the given size. Default false.", { default: false }),
  ),
  add("storage.luks", luks(), { after: "links" }),
  add(
    "passwd.users[].should_exist",
    bool("Whether the account should exist; false deletes it. Default true.", { default: true }),
    { after: "shell" },
  ),
  add(
    "passwd.groups[].should_exist",
    bool("Whether the group should exist; false deletes it. Default true.", { default: true }),
    { before: "system" },
  ),
];

// ---- base v0_4: Ignition 3.3.0 --------------------------------------------------------------

export const WITH_MOUNT_UNIT_3_3 =
  "When true, Butane also generates an enabled systemd unit: a .mount unit mounting the filesystem at path on every " +
  "boot, or a .swap unit for format swap; requires format, and path unless the format is swap. Butane-only: never " +
  "appears in the Ignition output. Default false.";

export const base04: Patch = [
  add(
    "kernel_arguments",
    obj("Kernel command-line arguments to add or remove (applied by the OS during first boot).", {
      should_exist: strList("Arguments that must be present; missing ones are appended.", "One kernel argument, e.g. console=ttyS0."),
      should_not_exist: strList("Arguments that must be absent; matching ones are removed.", "One kernel argument."),
    }),
    { after: "passwd" },
  ),
  enumAdd("storage.filesystems[].format", "none", "no filesystem: the device is left without one (used to wipe a filesystem together with wipe_filesystem)", ""),
  // Ignition 3.3 rejects links without target; not marked required because an entry that only
  // overrides the owner of a symlink coming from storage.trees must leave target out.
  edit("storage.links[].target", {
    description:
      "What the link points to; a relative target is allowed for symbolic links. Must be set, except in an entry that " +
      "only overrides attributes of a symlink that storage.trees provides.",
  }),
  edit("storage.filesystems[].with_mount_unit", { description: WITH_MOUNT_UNIT_3_3 }),
];

// ---- base v0_5: Ignition 3.4.0 --------------------------------------------------------------

function contentsLocal(what: string): SchemaNode {
  return sugar(
    str(
      `Path of a local file, relative to -d/--files-dir, whose text Butane uses as the ${what} contents. ` +
        "Mutually exclusive with contents. Butane-only: never appears in the Ignition output.",
    ),
  );
}

export const base05: Patch = [
  editShapes(RESOURCES, "source", { ...urlExtra(SCHEMES_3_4, true), description: sourceNode(SCHEMES_3_4).description }),
  add(
    "storage.luks[].discard",
    bool("Whether discard (TRIM) requests are passed to the underlying device; better SSD and thin-provisioning behaviour, but reveals which blocks are in use. Default false.", { default: false }),
    { after: "options" },
  ),
  add("storage.luks[].open_options", strList("Extra options for cryptsetup luksOpen; supported ones are stored persistently in the volume header.", "One cryptsetup option."), { after: "discard" }),
  addToShapes(
    ["tang"],
    "advertisement",
    str("The server's advertisement as a JSON string, so provisioning does not have to contact the server. Must be valid JSON. When left out it is fetched from the server."),
  ),
  add(
    "passwd.users[].ssh_authorized_keys_local",
    sugar(
      strList(
        "Local files (relative to -d/--files-dir) with SSH public keys, one per line; Butane appends them to ssh_authorized_keys. Butane-only: never appears in the Ignition output.",
        "Path of one key file relative to -d/--files-dir.",
      ),
    ),
    { after: "ssh_authorized_keys" },
  ),
  add("systemd.units[].contents_local", contentsLocal("unit"), { after: "contents" }),
  add("systemd.units[].dropins[].contents_local", contentsLocal("drop-in"), { after: "contents" }),
];

// ---- base v0_6: Ignition 3.5.0 --------------------------------------------------------------

export function cexNode(): SchemaNode {
  return obj("IBM Crypto Express (CEX) card protection of the volume key (s390x only); cannot be combined with clevis or key_file.", {
    enabled: bool("Whether the volume key is protected by a CEX secure key. Default false.", { default: false }),
  });
}

export const base06: Patch = [add("storage.luks[].cex", cexNode(), { after: "clevis" })];

// ---- base v0_7: Ignition 3.6.0 --------------------------------------------------------------

const MODE_SPECIAL_OK = " setuid, setgid and sticky bits are honoured.";

export const base07: Patch = [
  edit("storage.trees", {
    description:
      "Local directory trees (under -d/--files-dir) whose files, symlinks and (with dir_mode, user or group) directories " +
      "Butane embeds into storage.files, storage.links and storage.directories. Without file_mode, executable files get " +
      "mode 0755 and others 0644; without user/group, ownership is not kept. An explicit files entry without contents, " +
      "or links entry without target, for the same path may override attributes. Butane-only: never appears in the " +
      "Ignition output.",
  }),
  add("storage.trees[].file_mode", int("Mode applied to every file of the tree instead of 0644/0755 (write it in octal, e.g. 0640).", MODE_RANGE)),
  add("storage.trees[].dir_mode", int("Mode applied to every directory of the tree (write it in octal, e.g. 0750); setting it makes Butane emit the directories too.", MODE_RANGE)),
  add("storage.trees[].user", nodeUser("Owner applied to every file, directory and link of the tree.")),
  add("storage.trees[].group", nodeGroup("Group applied to every file, directory and link of the tree.")),
  edit("storage.files[].mode", {
    description: "Permission bits as a number (write it in octal with a leading 0, e.g. 0644);" + MODE_SPECIAL_OK + " Default 0644 (420), or the existing file's mode when the file is kept.",
  }),
  edit("storage.directories[].mode", {
    description: "Permission bits as a number (write it in octal with a leading 0, e.g. 0755);" + MODE_SPECIAL_OK + " Default 0755 (493).",
  }),
  // Ignition 3.6.0 no longer checks the pin name of a custom clevis configuration
  edit("storage.luks[].clevis.custom.pin", {
    description: "Clevis pin to use, e.g. tpm2, tang or sss. Required when custom is used.",
    enum: undefined,
    "x-enum-descriptions": undefined,
  }),
];

// ---- base v0_8_exp: Ignition 3.7.0-experimental -----------------------------------------------

const QUADLET_NAME = pat(
  "(\\.container|\\.volume|\\.network|\\.kube|\\.image|\\.build|\\.pod|\\.artifact)$",
  "a quadlet file name ending in .container, .volume, .network, .kube, .image, .build, .pod or .artifact",
);

function quadlets(): SchemaNode {
  return sugar(
    list(
      "Podman Quadlet files. Butane writes them as files (template instances as symlinks) under /etc/containers/systemd. " +
        "Butane-only: the key itself never appears in the Ignition output.",
      obj("One Quadlet file.", {
        name: req(str("File name of the quadlet including its type suffix, e.g. web.container. A name like web@8080.container is a template instance: a link to web@.container that must not have contents.", QUADLET_NAME)),
        rootful: bool("true places the file in /etc/containers/systemd (run as root); false in /etc/containers/systemd/users (run for every non-root user). Default false.", { default: false }),
        contents: str("The quadlet file's text; cannot be combined with contents_local."),
        contents_local: str("Path of a local file, relative to -d/--files-dir, used as the quadlet's contents. Mutually exclusive with contents."),
        dropins: list(
          "Drop-in files for the quadlet, written to <quadlet dir>/<name>.d/.",
          obj("One quadlet drop-in.", {
            name: req(str("File name of the drop-in, e.g. 10-env.conf.")),
            contents: str("The drop-in's text; cannot be combined with contents_local."),
            contents_local: str("Path of a local file, relative to -d/--files-dir, used as the drop-in's contents. Mutually exclusive with contents."),
          }),
        ),
      }),
    ),
  );
}

export const base08: Patch = [add("systemd.quadlets", quadlets())];
