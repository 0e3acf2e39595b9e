// The Container Linux Config (ct v0.9.4 input) as a schema tree, in our own words.
// Types follow ct's Go structs; values ct only checks later (formats, schemes, units) are
// offered as `x-suggestions` for completion rather than enforced here, so the editor
// reports them once, with ct's wording, from the CLC checks.

import { SchemaNode, bool, int, list, obj, str, strList } from "../nodes";
import { OptionUnion, allEtcdOptions, allFlannelOptions } from "../../../engine/clc/generated/index";

const suggest = (values: string[]): { "x-suggestions": string[] } => ({ "x-suggestions": values });

function verification(what: string): SchemaNode {
  return obj(`How Ignition checks ${what} after fetching it.`, {
    hash: obj("The expected digest. ct writes it to Ignition as `<function>-<sum>`; only both fields together are used.", {
      function: str("Hash function; Ignition 2.3 only knows `sha512`.", suggest(["sha512"])),
      sum: str("The expected digest as lower-case hex (128 characters for sha512)."),
    }),
  });
}

function configReference(what: string): SchemaNode {
  return obj(what, {
    source: str("URL of the Ignition config (http, https, s3, tftp or data URL)."),
    verification: verification("the config"),
  });
}

function owner(kind: "user" | "group"): SchemaNode {
  return obj(`The ${kind} that owns the node; give either \`id\` or \`name\`, not both.`, {
    id: int(`Numeric ${kind} ID.`),
    name: str(`${kind === "user" ? "User" : "Group"} name, looked up in the new system's /etc/${kind === "user" ? "passwd" : "group"}.`),
  });
}

const filesystemRef = str("Name of the filesystem (from `storage.filesystems[].name`) the path is relative to. ct uses `root` when it is empty.", suggest(["root"]));
const overwrite = bool("Replace whatever exists at the path. Ignition 2.x defaults to true (Butane's default is false).");

function unitDropins(kind: string): SchemaNode {
  return list(
    `Drop-in files for the ${kind} unit, written to \`<unit>.d/<name>\`.`,
    obj("One drop-in.", {
      name: str("File name of the drop-in; must end in `.conf`."),
      contents: str("Drop-in text, in systemd unit-file syntax."),
    }),
  );
}

function options(all: OptionUnion[], program: string): Record<string, SchemaNode> {
  const out: Record<string, SchemaNode> = {};
  for (const o of all) {
    const since = o.versions.length === 1 ? `version ${o.versions[0]}` : `versions ${[...o.versions].sort().join(", ")}`;
    const text = `Passed to ${program} as \`--${o.flag}\`; accepted with ${since}.`;
    if (o.types.length > 1) {
      // Typed per version by the CLC decoder (e.g. an integer in 3.0, a string in 3.5).
      const { type: _untyped, ...node } = str(`${text} Its type depends on the version (${o.types.join(" or ")}).`);
      out[o.key] = node as SchemaNode;
    } else out[o.key] = o.types[0] === "bool" ? bool(text) : o.types[0] === "int" ? int(text) : str(text);
  }
  return out;
}

function etcd(): SchemaNode {
  return obj(
    "Runs etcd through Flatcar's `etcd-member.service`: ct writes a drop-in that sets the image version and the command line. Options are etcd's flags in snake_case; which are accepted depends on `version`. Values may use `{HOSTNAME}`, `{PRIVATE_IPV4}`, `{PUBLIC_IPV4}`, `{PRIVATE_IPV6}` or `{PUBLIC_IPV6}` when a platform is given.",
    {
      version: str("etcd version to run (semver, e.g. `3.5.9`); chooses the accepted options. Default 3.5.0; 2.3.0 is the oldest ct accepts."),
      ...options(allEtcdOptions(), "etcd"),
    },
  );
}

function flannel(): SchemaNode {
  return obj(
    "Runs flannel through Flatcar's `flanneld.service`: ct writes a drop-in with the image version and the command line, and stores `network_config` in etcd before start.",
    {
      version: str("flannel version to run (semver, e.g. `0.7.1`); chooses the accepted options. Default 0.6.0; 0.5.0 is the oldest ct accepts."),
      network_config: str("The flannel network configuration as JSON, written to etcd at `/coreos.com/network/config` before flanneld starts."),
      ...options(allFlannelOptions(), "flanneld"),
    },
  );
}

export function clcTree(): SchemaNode {
  return obj(
    "Flatcar Container Linux Config, the input of the deprecated Config Transpiler (ct v0.9.4), which turns it into an Ignition 2.3.0 config. New configs should use Butane (`variant: flatcar`).",
    {
      version: int("Reserved by ct for future breaking changes; only 0 (or leaving it out) is accepted."),
      ignition: obj("How Ignition itself behaves: other configs to fetch, timeouts and trusted certificate authorities.", {
        config: obj("Other Ignition configs to combine with this one.", {
          append: list("Configs fetched and merged on top of this one, in order.", configReference("A config to append.")),
          replace: configReference("A config that replaces this one entirely."),
        }),
        timeouts: obj("Network timeouts for everything Ignition fetches.", {
          http_response_headers: int("Seconds to wait for the response headers of each HTTP request (Ignition's default: 10)."),
          http_total: int("Seconds an HTTP fetch may take in total; 0 means no limit."),
        }),
        security: obj("TLS settings for fetching remote resources.", {
          tls: obj("Trust for HTTPS servers.", {
            certificate_authorities: list(
              "Extra certificate authorities trusted for HTTPS fetches.",
              obj("One certificate authority bundle.", {
                source: str("URL of the PEM certificate (http, https, s3, tftp or data URL)."),
                verification: verification("the certificate"),
              }),
            ),
          }),
        }),
      }),
      storage: obj("Disks, RAID arrays, filesystems and the files, directories and links written to them.", {
        disks: list(
          "Disks to partition.",
          obj("One disk.", {
            device: str("Absolute path of the disk device, e.g. `/dev/sdb`."),
            wipe_table: bool("Erase the existing partition table first."),
            partitions: list(
              "Partitions to create on the disk.",
              obj("One partition.", {
                label: str("GPT partition name (at most 36 characters; a colon truncates it)."),
                number: int("Partition number; 0 takes the next free number."),
                size: str("Size with a base-2 unit (`512MiB`, `10GiB`); a multiple of 1 MiB. Empty or 0 fills the free space."),
                start: str("Start offset with a base-2 unit; a multiple of 1 MiB. Empty or 0 lets sgdisk choose."),
                guid: str("Unique GUID of the partition."),
                type_guid: str(
                  "Partition type: a GUID, or one of ct's names for common types.",
                  suggest(["linux_filesystem_data", "raid_partition", "swap_partition", "raid_containing_root"]),
                ),
              }),
            ),
          }),
        ),
        raid: list(
          "Software RAID (md) arrays to build.",
          obj("One array.", {
            name: str("Array name; the device becomes `/dev/md/<name>`."),
            level: str("RAID level.", suggest(["raid0", "raid1", "raid4", "raid5", "raid6", "raid10", "linear"])),
            devices: strList("Absolute paths of the member devices.", "A member device."),
            spares: int("Number of spare devices (not for level 0/linear)."),
            options: strList("Extra `mdadm --create` options.", "One option."),
          }),
        ),
        filesystems: list(
          "Filesystems to create or reuse; each is either a `mount` (a device to format or use) or a `path` (already mounted).",
          obj("One filesystem.", {
            name: str("Name that files, directories and links refer to in their `filesystem` field."),
            mount: obj("A filesystem on a device, mounted by Ignition while it writes files.", {
              device: str("Absolute path of the device."),
              format: str("Filesystem type.", suggest(["ext4", "btrfs", "xfs", "vfat", "swap"])),
              create: obj("Deprecated: use `wipe_filesystem` and `options` instead.", {
                force: bool("Deprecated: format even if a filesystem exists."),
                options: strList("Deprecated: mkfs options.", "One option."),
              }),
              wipe_filesystem: bool("Format the device even when it already holds a filesystem."),
              label: str("Filesystem label."),
              uuid: str("Filesystem UUID."),
              options: strList("Extra mkfs options.", "One option."),
            }),
            path: str("Path of an already mounted filesystem (in practice `/sysroot`)."),
          }),
        ),
        files: list(
          "Files to write.",
          obj("One file.", {
            filesystem: filesystemRef,
            path: str("Absolute path of the file within its filesystem."),
            user: owner("user"),
            group: owner("group"),
            mode: int("Permission bits; write them in octal with a leading zero (`0644`) — a plain `644` is decimal. ct uses 0644 and warns when missing."),
            contents: obj("Where the contents come from: at most one of `inline`, `local` and `remote.url`.", {
              remote: obj("Contents fetched by Ignition at boot.", {
                url: str("URL of the contents (http, https, s3, tftp or data URL)."),
                compression: str("Compression of the fetched data: empty or `gzip`. ct copies it to the output even for inline or local contents.", suggest(["gzip"])),
                verification: verification("the contents"),
              }),
              inline: str("The contents, written literally."),
              local: str("Path of a file under ct's --files-dir whose contents ct embeds."),
            }),
            overwrite,
            append: bool("Append the contents to an existing file instead of replacing it."),
          }),
        ),
        directories: list(
          "Directories to create.",
          obj("One directory.", {
            filesystem: filesystemRef,
            path: str("Absolute path of the directory within its filesystem."),
            user: owner("user"),
            group: owner("group"),
            mode: int("Permission bits, in octal with a leading zero (`0755`). ct uses 0755 and warns when missing."),
            overwrite,
          }),
        ),
        links: list(
          "Links to create.",
          obj("One link.", {
            filesystem: filesystemRef,
            path: str("Absolute path of the link within its filesystem."),
            user: owner("user"),
            group: owner("group"),
            hard: bool("Create a hard link instead of a symbolic one."),
            target: str("What the link points to."),
            overwrite,
          }),
        ),
      }),
      systemd: obj("systemd units to write, enable or mask.", {
        units: list(
          "systemd units.",
          obj("One unit.", {
            name: str("Unit name with its type suffix, e.g. `k3s.service`."),
            enable: bool("Deprecated: use `enabled`."),
            enabled: bool("Enable the unit (needs an [Install] section in its contents)."),
            mask: bool("Mask the unit (link it to /dev/null)."),
            contents: str("Unit file text."),
            dropins: unitDropins("systemd"),
          }),
        ),
      }),
      networkd: obj("systemd-networkd configuration files.", {
        units: list(
          "networkd units written to /etc/systemd/network.",
          obj("One networkd unit.", {
            name: str("File name ending in `.network`, `.netdev` or `.link`."),
            contents: str("The unit's text."),
            dropins: unitDropins("networkd"),
          }),
        ),
      }),
      passwd: obj("Users and groups to create or change.", {
        users: list(
          "Users.",
          obj("One user; an existing user (such as `core`) is modified.", {
            name: str("Login name."),
            password_hash: str("Password hash (e.g. from `mkpasswd --method=yescrypt`)."),
            ssh_authorized_keys: strList("SSH public keys allowed to log in as this user.", "One public key line."),
            create: obj("Deprecated: put these fields on the user itself.", {
              uid: int("Deprecated: user ID (unsigned).", { minimum: 0 }),
              gecos: str("Deprecated: GECOS field."),
              home_dir: str("Deprecated: home directory."),
              no_create_home: bool("Deprecated: do not create the home directory."),
              primary_group: str("Deprecated: primary group."),
              groups: strList("Deprecated: supplementary groups.", "A group."),
              no_user_group: bool("Deprecated: no group of the same name."),
              system: bool("Deprecated: system account."),
              no_log_init: bool("Deprecated: do not add to lastlog/faillog."),
              shell: str("Deprecated: login shell."),
            }),
            uid: int("User ID."),
            gecos: str("GECOS (full name) field."),
            home_dir: str("Home directory."),
            no_create_home: bool("Do not create the home directory."),
            primary_group: str("Primary group name or ID."),
            groups: strList("Supplementary groups.", "A group name."),
            no_user_group: bool("Do not create a group with the user's name."),
            system: bool("Create a system account."),
            no_log_init: bool("Do not add the user to the lastlog and faillog databases."),
            shell: str("Login shell."),
          }),
        ),
        groups: list(
          "Groups.",
          obj("One group.", {
            name: str("Group name."),
            gid: int("Group ID (unsigned).", { minimum: 0 }),
            password_hash: str("Group password hash."),
            system: bool("Create a system group."),
          }),
        ),
      }),
      etcd: etcd(),
      flannel: flannel(),
      update: obj("Update settings, written by ct to `/etc/coreos/update.conf` (together with `locksmith`).", {
        group: str("Release channel (ct lower-cases it); another name needs a `server`.", suggest(["stable", "beta", "alpha"])),
        server: str("URL of the update server (e.g. a Nebraska instance)."),
        pcr_policy_server: str("URL that receives TPM PCR policies."),
        download_user: str("User name for the update payload download."),
        download_password: str("Password for the update payload download; it ends up in update.conf in plain text."),
        machine_alias: str("Name shown for this machine on the update server."),
      }),
      docker: obj("Extra flags for Docker: ct writes a `docker.service` drop-in that sets `DOCKER_OPTS`.", {
        flags: strList("Flags added to the Docker daemon's command line.", "One flag, e.g. `--log-driver=journald`."),
      }),
      locksmith: obj("Reboot coordination by locksmithd, written by ct to `/etc/coreos/update.conf`. For Kubernetes, Flatcar recommends FLUO instead.", {
        reboot_strategy: str("When to reboot after an update.", suggest(["reboot", "etcd-lock", "off"])),
        window_start: str("Start of the reboot window: `[Day ]HH:MM`, e.g. `Thu 04:00`."),
        window_length: str("Length of the reboot window as a Go duration, e.g. `1h30m`."),
        group: str("Lock group shared by the machines that reboot one at a time."),
        etcd_endpoints: str("Comma-separated etcd endpoints holding the reboot lock."),
        etcd_cafile: str("CA certificate for the etcd connection."),
        etcd_certfile: str("Client certificate for the etcd connection."),
        etcd_keyfile: str("Client key for the etcd connection."),
      }),
    },
  );
}
