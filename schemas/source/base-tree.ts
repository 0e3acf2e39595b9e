// The complete key tree of the first Butane spec, fcos 1.0.0 (Butane base v0_1, Ignition
// 3.0.0). Every later version of every variant is derived from this tree by patches.

import {
  SchemaNode, bool, int, list, obj, oneOfValues, pat, req, shape, str, strList,
} from "./nodes";
import {
  CLEAN_ABS_PATH, CLEAN_ABS_PATH_OR_EMPTY, GUID, HASH_SHA512, MODE_RANGE, SCHEMES_3_0,
  compressionNode, inlineNode, nodeGroup, nodeUser, sourceNode, urlExtra, verificationNode,
} from "./shapes";

const SHA512_ONLY = "sha512";

function configReference(description: string): SchemaNode {
  return shape(
    "resource",
    obj(description, {
      source: sourceNode(SCHEMES_3_0),
      verification: verificationNode(HASH_SHA512, SHA512_ONLY),
    }),
  );
}

function fileContents(description: string): SchemaNode {
  return shape(
    "fileResource",
    obj(description, {
      source: sourceNode(SCHEMES_3_0),
      inline: inlineNode(),
      compression: compressionNode(),
      verification: verificationNode(HASH_SHA512, SHA512_ONLY),
    }),
  );
}

export const RAID_LEVELS: Array<[string, string]> = [
  ["linear", "concatenation of the devices, no redundancy (spares not allowed)"],
  ["raid0", "striping, no redundancy (spares not allowed)"],
  ["0", "same as raid0"],
  ["stripe", "same as raid0"],
  ["raid1", "mirroring"],
  ["1", "same as raid1"],
  ["mirror", "same as raid1"],
  ["raid4", "striping with a dedicated parity device"],
  ["4", "same as raid4"],
  ["raid5", "striping with distributed parity"],
  ["5", "same as raid5"],
  ["raid6", "striping with double distributed parity"],
  ["6", "same as raid6"],
  ["raid10", "striped mirrors"],
  ["10", "same as raid10"],
];

export const FORMATS_3_0: Array<[string, string]> = [
  ["ext4", "ext4 filesystem (label up to 16 characters)"],
  ["btrfs", "Btrfs filesystem (label up to 256 characters)"],
  ["xfs", "XFS filesystem (label up to 12 characters)"],
  ["vfat", "FAT filesystem (label up to 11 characters)"],
  ["swap", "swap area (label up to 15 characters)"],
  ["", "empty: no filesystem is created (only valid when no other filesystem option is set)"],
];

const nodeCommon = {
  overwrite: "Whether an existing node at path may be deleted and replaced.",
};

function unitDropin(): SchemaNode {
  return obj("One drop-in, written to /etc/systemd/system/<unit>.d/<name>.", {
    name: req(str("File name of the drop-in; must end in .conf. Unique within the unit.", pat("\\.conf$", "a file name ending in .conf, e.g. 10-override.conf"))),
    contents: str("Text of the drop-in in systemd unit-file syntax; syntax errors are reported by Butane."),
  });
}

export const UNIT_NAME = pat(
  "\\.(service|socket|device|mount|automount|swap|target|path|timer|snapshot|slice|scope)$",
  "a unit name ending in a systemd unit type: .service, .socket, .device, .mount, .automount, .swap, .target, .path, .timer, .snapshot, .slice or .scope",
);

export function baseTree(): SchemaNode {
  return obj("Butane config.", {
    variant: req(str("Name of the Butane variant (operating system family) this config is written for.", { _noIgn: true })),
    version: req(str("Version of the variant's Butane specification this config is written against.", { _noIgn: true })),
    ignition: obj("Settings about the configuration itself: further configs to merge or replace, fetch timeouts and TLS trust.", {
      config: obj("Other Ignition configs to combine with this one.", {
        merge: list(
          "Ignition configs that are fetched and merged into this config, in the order given; where both set the same field, the merged config's value wins.",
          configReference("One config to merge."),
        ),
        replace: configReference("A config that is fetched and used instead of this config; everything else in this config is ignored."),
      }),
      timeouts: obj("Timeouts for fetching http and https resources.", {
        http_response_headers: int("Seconds to wait for the response headers of an http(s) request (the body may take longer). 0 means no timeout. Default 10.", { default: 10 }),
        http_total: int("Seconds allowed for a whole http(s) fetch including connection, retries and body. 0 means no limit. Default 0.", { default: 0 }),
      }),
      security: obj("Network security settings used while fetching resources.", {
        tls: obj("TLS settings for https fetches.", {
          certificate_authorities: list(
            "Extra certificate authorities (PEM bundles) trusted for https fetches, in addition to the system's own. Each must be unique.",
            shape(
              "resource",
              obj("One certificate bundle.", {
                source: req(str(sourceNode(SCHEMES_3_0).description, urlExtra(SCHEMES_3_0, false))),
                verification: verificationNode(HASH_SHA512, SHA512_ONLY),
              }),
            ),
          ),
        }),
      }),
    }),
    storage: obj("Disks, RAID arrays, filesystems, files, directories and links to set up on first boot.", {
      disks: list(
        "Disks to partition. Each device may appear only once.",
        obj("One disk and its partition table.", {
          device: req(str("Absolute path of the disk, preferably a stable /dev/disk/by-* link; the boot disk is /dev/disk/by-id/coreos-boot-disk.", CLEAN_ABS_PATH)),
          wipe_table: bool("Whether to erase the existing partition table before creating partitions. When false, existing partitions are kept and must match the config. Default false.", { default: false }),
          partitions: list(
            "Partitions to create, check or delete on this disk. Numbers must be unique, and so must labels of partitions with number 0.",
            obj("One GPT partition.", {
              label: str("GPT partition name (PARTLABEL). At most 36 characters; must not contain ':'.", { maxLength: 36, ...pat("^[^:]*$", "a label without ':' characters") }),
              number: int("Partition number (position in the table, starting at 1). 0 means the next free slot, in which case a label is required. Default 0.", { default: 0 }),
              size_mib: int("Size in MiB. 0 means as large as the free space allows. Default 0.", { default: 0 }),
              start_mib: int("Start offset in MiB. 0 means the start of the largest free area. Default 0.", { default: 0 }),
              type_guid: str("GPT partition type GUID. Default 0FC63DAF-8483-4772-8E79-3D69D8477DE4 (Linux filesystem data).", { default: "0FC63DAF-8483-4772-8E79-3D69D8477DE4", ...GUID }),
              guid: str("Unique GUID of the partition itself.", GUID),
              wipe_partition_entry: bool("When an existing partition does not match this entry: true replaces it, false makes Ignition fail. Default false.", { default: false }),
              should_exist: bool("Whether the partition should exist. false deletes it; then number must be non-zero and label, sizes and GUIDs must be left out. Default true.", { default: true }),
            }),
          ),
        }),
      ),
      raid: list(
        "Software RAID (md) arrays to create. Names must be unique.",
        obj("One md RAID array.", {
          name: str("Name of the array; the device appears as /dev/md/<name>."),
          level: req(str("RAID level of the array.", oneOfValues(RAID_LEVELS))),
          devices: req({ ...strList("Member devices of the array (at least one).", "Absolute path of a member device or partition.", CLEAN_ABS_PATH), minItems: 1 }),
          spares: int("Number of spare devices. Not allowed (other than 0) for linear and raid0."),
          options: strList("Extra command-line options for mdadm --create.", "One mdadm option."),
        }),
      ),
      filesystems: list(
        "Filesystems to create and/or mount while Ignition runs. Each device may appear only once.",
        obj("One filesystem.", {
          device: req(str("Absolute path of the block device holding the filesystem, preferably a /dev/disk/by-* link.", CLEAN_ABS_PATH)),
          format: str("Filesystem type. Required as soon as path, label, uuid, wipe_filesystem or options is set.", oneOfValues(FORMATS_3_0)),
          path: str("Where Ignition mounts the filesystem while it writes files (relative to the future root). It does not create a permanent mount by itself.", CLEAN_ABS_PATH_OR_EMPTY),
          wipe_filesystem: bool("Whether to wipe the device and create a fresh filesystem. When false an existing filesystem is reused if its format, label and uuid match. Default false.", { default: false }),
          label: str("Filesystem label. Maximum length depends on format: ext4 16, xfs 12, vfat 11, swap 15, btrfs 256."),
          uuid: str("Filesystem UUID."),
          options: strList("Extra command-line options for the mkfs tool of the chosen format.", "One mkfs option."),
        }),
      ),
      files: list(
        "Files to write. A path may be used only once across files, directories and links.",
        obj("One regular file.", {
          path: req(str("Absolute path of the file.", CLEAN_ABS_PATH)),
          overwrite: bool(nodeCommon.overwrite + " Requires contents with a source when true. Default false.", { default: false }),
          contents: fileContents("Initial contents of the file. Without any source an empty file is created, or an existing file is left as it is."),
          append: list("Data appended to the file, in order, after contents is written.", fileContents("One fragment to append.")),
          mode: int("Permission bits as a number (write it in octal with a leading 0, e.g. 0644). Default 0644 (420), or the existing file's mode when the file is kept.", { default: 420, ...MODE_RANGE }),
          user: nodeUser("Owner of the file. Default root."),
          group: nodeGroup("Group of the file. Default root."),
        }),
      ),
      directories: list(
        "Directories to create. A path may be used only once across files, directories and links.",
        obj("One directory.", {
          path: req(str("Absolute path of the directory.", CLEAN_ABS_PATH)),
          overwrite: bool(nodeCommon.overwrite + " When false and a directory already exists, only its mode and ownership are set. Default false.", { default: false }),
          mode: int("Permission bits as a number (write it in octal with a leading 0, e.g. 0755). Default 0755 (493).", { default: 493, ...MODE_RANGE }),
          user: nodeUser("Owner of the directory. Default root."),
          group: nodeGroup("Group of the directory. Default root."),
        }),
      ),
      links: list(
        "Symbolic or hard links to create. A path may be used only once across files, directories and links.",
        obj("One link.", {
          path: req(str("Absolute path of the link itself.", CLEAN_ABS_PATH)),
          overwrite: bool(nodeCommon.overwrite + " Default false.", { default: false }),
          user: nodeUser("Owner of a symbolic link (ignored for hard links)."),
          group: nodeGroup("Group of a symbolic link (ignored for hard links)."),
          target: str("What the link points to. A relative target is allowed for symbolic links."),
          hard: bool("true creates a hard link, false a symbolic link. A hard link may not point to a directory. Default false.", { default: false }),
        }),
      ),
    }),
    systemd: obj("systemd units to install, enable, mask or extend.", {
      units: list(
        "systemd units. Names must be unique.",
        obj("One unit, written to /etc/systemd/system/<name> when contents is given.", {
          name: req(str("Unit file name including its type suffix, e.g. example.service.", UNIT_NAME)),
          enabled: bool("true enables the unit, false disables it; leaving it out leaves the unit as it is. Enabling only works for units with an [Install] section."),
          mask: bool("true masks the unit (links it to /dev/null); false removes such a mask if present."),
          contents: str("Text of the unit file in systemd syntax; syntax errors are reported by Butane."),
          dropins: list("Drop-in files that override parts of the unit. Names must be unique.", unitDropin()),
        }),
      ),
    }),
    passwd: obj("Users and groups to add or modify.", {
      users: list(
        "User accounts. Names must be unique.",
        obj("One user account.", {
          name: str("Login name of the account."),
          password_hash: str("Hashed password (crypt format, e.g. from mkpasswd --method=yescrypt)."),
          ssh_authorized_keys: strList(
            "SSH public keys written to ~/.ssh/authorized_keys.d/ignition of the user. Keys must be unique.",
            "One SSH public key line, e.g. ssh-ed25519 AAAA... user@host.",
          ),
          uid: int("Numeric user ID for a new account."),
          gecos: str("GECOS (comment / full name) field."),
          home_dir: str("Home directory of a new account."),
          no_create_home: bool("When true, no home directory is created. Only used when the account is new."),
          primary_group: str("Name of the primary group of a new account."),
          groups: strList("Supplementary groups the user is added to.", "Group name."),
          no_user_group: bool("When true, no group named after the user is created. Only used when the account is new."),
          no_log_init: bool("When true, the user is not added to the lastlog and faillog databases. Only used when the account is new."),
          shell: str("Login shell of a new account."),
          system: bool("When true, a new account is created as a system account."),
        }),
      ),
      groups: list(
        "Groups. Names must be unique.",
        obj("One group.", {
          name: str("Name of the group."),
          gid: int("Numeric group ID of a new group."),
          password_hash: str("Hashed group password."),
          system: bool("When true, a new group is created as a system group."),
        }),
      ),
    }),
  });
}
